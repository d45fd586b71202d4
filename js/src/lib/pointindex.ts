// A uniform grid over 2-D points (a counting sort by cell) so that hover picking and box
// selection visit only the cells they touch instead of every point.

export interface PointIndex {
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  cellW: number;
  cellH: number;
  /** start[c]..start[c+1] are the positions in `order` of the points in cell c. */
  start: Int32Array;
  order: Int32Array;
}

/** Indexes the points i with include[i] !== 0 (all when include is null) on a bins x bins grid. */
export function buildIndex(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  include: Uint8Array | null,
  bins = 128,
): PointIndex {
  const n = xs.length;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (include !== null && include[i] === 0) continue;
    if (xs[i] < x0) x0 = xs[i];
    if (xs[i] > x1) x1 = xs[i];
    if (ys[i] < y0) y0 = ys[i];
    if (ys[i] > y1) y1 = ys[i];
  }
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
  const cellW = (x1 - x0 || 1) / bins;
  const cellH = (y1 - y0 || 1) / bins;
  const cellOf = new Int32Array(n).fill(-1);
  const start = new Int32Array(bins * bins + 1);
  for (let i = 0; i < n; i++) {
    if (include !== null && include[i] === 0) continue;
    const cx = Math.min(bins - 1, Math.floor((xs[i] - x0) / cellW));
    const cy = Math.min(bins - 1, Math.floor((ys[i] - y0) / cellH));
    cellOf[i] = cy * bins + cx;
    start[cellOf[i] + 1]++;
  }
  for (let c = 0; c < bins * bins; c++) start[c + 1] += start[c];
  const fill = start.slice(0, bins * bins);
  const order = new Int32Array(start[bins * bins]);
  for (let i = 0; i < n; i++) if (cellOf[i] >= 0) order[fill[cellOf[i]]++] = i;
  return { cols: bins, rows: bins, x0, y0, cellW, cellH, start, order };
}

function cellRange(index: PointIndex, lo: number, hi: number, axis: "x" | "y"): [number, number] {
  const origin = axis === "x" ? index.x0 : index.y0;
  const size = axis === "x" ? index.cellW : index.cellH;
  const count = axis === "x" ? index.cols : index.rows;
  const a = Math.max(0, Math.floor((lo - origin) / size));
  const b = Math.min(count - 1, Math.floor((hi - origin) / size));
  return [a, b];
}

/** The point nearest (x, y) within the ellipse of radii (rx, ry) in data units, or -1. */
export function nearest(
  index: PointIndex,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: number,
  y: number,
  rx: number,
  ry: number,
): number {
  const [cx0, cx1] = cellRange(index, x - rx, x + rx, "x");
  const [cy0, cy1] = cellRange(index, y - ry, y + ry, "y");
  let best = -1;
  let bestD = 1;
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * index.cols + cx;
      for (let k = index.start[c]; k < index.start[c + 1]; k++) {
        const i = index.order[k];
        const dx = (xs[i] - x) / rx;
        const dy = (ys[i] - y) / ry;
        const d = dx * dx + dy * dy;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
  }
  return best;
}

/** The indexed points with xlo <= x <= xhi and ylo <= y <= yhi, in index order. */
export function inBox(
  index: PointIndex,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xlo: number,
  xhi: number,
  ylo: number,
  yhi: number,
): number[] {
  const out: number[] = [];
  if (!(xhi >= xlo && yhi >= ylo)) return out;
  const [cx0, cx1] = cellRange(index, xlo, xhi, "x");
  const [cy0, cy1] = cellRange(index, ylo, yhi, "y");
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * index.cols + cx;
      for (let k = index.start[c]; k < index.start[c + 1]; k++) {
        const i = index.order[k];
        if (xs[i] >= xlo && xs[i] <= xhi && ys[i] >= ylo && ys[i] <= yhi) out.push(i);
      }
    }
  }
  return out;
}

/** How many indexed points inBox would return, without listing them: cells strictly inside the
 * box's cell range count whole (their points are inside, as the cell of a point is a monotone
 * function of its coordinates); only the border cells test their points. */
export function countInBox(
  index: PointIndex,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xlo: number,
  xhi: number,
  ylo: number,
  yhi: number,
): number {
  if (!(xhi >= xlo && yhi >= ylo)) return 0;
  const [cx0, cx1] = cellRange(index, xlo, xhi, "x");
  const [cy0, cy1] = cellRange(index, ylo, yhi, "y");
  let count = 0;
  for (let cy = cy0; cy <= cy1; cy++) {
    const borderRow = cy === cy0 || cy === cy1;
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * index.cols + cx;
      if (!borderRow && cx !== cx0 && cx !== cx1) {
        count += index.start[c + 1] - index.start[c];
        continue;
      }
      for (let k = index.start[c]; k < index.start[c + 1]; k++) {
        const i = index.order[k];
        if (xs[i] >= xlo && xs[i] <= xhi && ys[i] >= ylo && ys[i] <= yhi) count++;
      }
    }
  }
  return count;
}
