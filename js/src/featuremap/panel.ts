// One 2-D panel of the FeatureMap: a canvas rasterised by hand (ImageData, no SVG, no per-point
// draw calls) with an overlay canvas for hover and brush, a grid index for picking, and a gutter
// for dead features when the panel's x or y is log density (they have no density to place).

import { buildIndex, countInBox, inBox, nearest, type PointIndex } from "../lib/pointindex";
import { tickLabel, ticks } from "../lib/scale";
import { DEAD, jitter, type MapData } from "./data";

function axisLabel(data: MapData, j: number): string {
  const name = data.axes[j];
  return data.columns.find((c) => c.name === name)?.label ?? name;
}

const MARGIN = { left: 52, right: 10, top: 10, bottom: 34 };
const GUTTER = 18;
const PICK_PX = 6;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Domain {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface Selection {
  mask: Uint8Array;
  list: number[];
}

function extent(values: Float32Array, include: Uint8Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!include[i]) continue;
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (!(hi >= lo)) return [0, 1];
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.04;
  return [lo - pad, hi + pad];
}

export class Panel {
  readonly el: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly overlay: HTMLCanvasElement;
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly live: Uint8Array;
  readonly dead: number[];
  /** Where dead features go: a strip left of the plot (x is density), below it (y), or none. */
  readonly gutter: "x" | "y" | null;
  readonly plot: Rect;
  readonly gutterRect: Rect | null;
  private pointIndex: PointIndex | null = null;
  private readonly full: Domain;
  view: Domain;
  private image: ImageData | null = null;
  /** Since the last draw: every point rasterised once in full colour and once faded (brush). */
  private brushImages: { full: ImageData; faded: ImageData } | null = null;

  constructor(
    readonly data: MapData,
    readonly xa: number,
    readonly ya: number,
    readonly width: number,
    readonly height: number,
  ) {
    const n = data.n;
    this.xs = new Float32Array(n);
    this.ys = new Float32Array(n);
    const a = data.axes.length;
    for (let i = 0; i < n; i++) {
      this.xs[i] = data.coords[a * i + xa];
      this.ys[i] = data.coords[a * i + ya];
    }
    // Dead features have no density: on a density axis they sit in a dashed gutter.
    const density = (j: number) => data.axes[j] === "log10_density";
    this.gutter = density(xa) ? "x" : density(ya) ? "y" : null;
    this.live = new Uint8Array(n);
    this.dead = [];
    for (let i = 0; i < n; i++) {
      const isDead = (data.flags[i] & DEAD) !== 0 && this.gutter !== null;
      this.live[i] = isDead ? 0 : 1;
      if (isDead) this.dead.push(i);
    }
    const gx = this.gutter === "x" ? GUTTER + 4 : 0;
    const gy = this.gutter === "y" ? GUTTER + 4 : 0;
    this.plot = {
      x: MARGIN.left + gx,
      y: MARGIN.top,
      w: width - MARGIN.left - MARGIN.right - gx,
      h: height - MARGIN.top - MARGIN.bottom - gy,
    };
    this.gutterRect =
      this.gutter === "x"
        ? { x: MARGIN.left, y: this.plot.y, w: GUTTER, h: this.plot.h }
        : this.gutter === "y"
          ? { x: this.plot.x, y: this.plot.y + this.plot.h + 4, w: this.plot.w, h: GUTTER }
          : null;
    const [x0, x1] = extent(this.xs, this.live);
    const [y0, y1] = extent(this.ys, this.live);
    this.full = { x0, x1, y0, y1 };
    this.view = { ...this.full };
    const ratio = globalThis.devicePixelRatio || 1;
    const canvas = (cls: string) => {
      const c = document.createElement("canvas");
      c.className = cls;
      c.width = Math.round(width * ratio);
      c.height = Math.round(height * ratio);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
      return c;
    };
    this.canvas = canvas("sw-fm-canvas");
    this.overlay = canvas("sw-fm-overlay");
    this.el = document.createElement("div");
    this.el.className = "sw-fm-panel";
    this.el.style.width = `${width}px`;
    this.el.style.height = `${height}px`;
    this.el.append(this.canvas, this.overlay);
  }

  /** The grid index for picking and brushing, built on first use (not before the first paint:
   * at 2^20 points it takes ~70 ms a panel; the view builds it right after painting). */
  private get index(): PointIndex {
    return this.buildIndex();
  }

  /** Builds the grid index now unless it exists (returns it). */
  buildIndex(): PointIndex {
    if (this.pointIndex === null) this.pointIndex = buildIndex(this.xs, this.ys, this.live, 128);
    return this.pointIndex;
  }

  get ratio(): number {
    return this.canvas.width / this.width;
  }

  sx(x: number): number {
    return this.plot.x + ((x - this.view.x0) / (this.view.x1 - this.view.x0)) * this.plot.w;
  }

  sy(y: number): number {
    return this.plot.y + this.plot.h - ((y - this.view.y0) / (this.view.y1 - this.view.y0)) * this.plot.h;
  }

  dataX(px: number): number {
    return this.view.x0 + ((px - this.plot.x) / this.plot.w) * (this.view.x1 - this.view.x0);
  }

  dataY(py: number): number {
    return this.view.y0 + ((this.plot.y + this.plot.h - py) / this.plot.h) * (this.view.y1 - this.view.y0);
  }

  /** Screen position (CSS px) of point i in this panel (in the gutter for dead features). */
  position(i: number): [number, number] {
    if (this.live[i]) return [this.sx(this.xs[i]), this.sy(this.ys[i])];
    const g = this.gutterRect as Rect;
    const t = jitter(this.data.ids[i]);
    return this.gutter === "x" ? [g.x + 2 + t * (g.w - 4), this.sy(this.ys[i])] : [this.sx(this.xs[i]), g.y + 2 + t * (g.h - 4)];
  }

  inPlot(px: number, py: number): boolean {
    const p = this.plot;
    return px >= p.x && px <= p.x + p.w && py >= p.y && py <= p.y + p.h;
  }

  /** Redraws every point (selected ones last, the rest faded when there is a selection). */
  draw(sel: Selection): void {
    const ctx = this.canvas.getContext("2d") as CanvasRenderingContext2D;
    if (this.image === null) this.image = ctx.createImageData(this.canvas.width, this.canvas.height);
    this.brushImages = null; // a new view or selection: the next brush rasterises afresh
    this.rasterise(this.image, sel, sel.list.length > 0);
    ctx.putImageData(this.image, 0, 0);
    this.drawAxes(ctx);
    const plot = this.plot;
    Object.assign(this.canvas.dataset, {
      x0: String(this.view.x0),
      x1: String(this.view.x1),
      y0: String(this.view.y0),
      y1: String(this.view.y1),
      left: String(plot.x),
      top: String(plot.y),
      width: String(plot.w),
      height: String(plot.h),
    });
  }

  /** Writes every point into `image`: unselected ones faded when `active`, selected ones last. */
  private rasterise(image: ImageData, sel: Selection, active: boolean): void {
    const r = this.ratio;
    const W = image.width;
    const H = image.height;
    const buf = new Uint32Array(image.data.buffer);
    buf.fill(0);
    const size = Math.max(2, Math.round(2 * r));
    const d = this.data;
    const plot = this.plot;
    const ax = (plot.w * r) / (this.view.x1 - this.view.x0);
    const bx = plot.x * r - this.view.x0 * ax;
    const ay = -(plot.h * r) / (this.view.y1 - this.view.y0);
    const by = (plot.y + plot.h) * r - this.view.y0 * ay;
    const cx0 = Math.floor(plot.x * r);
    const cx1 = Math.floor((plot.x + plot.w) * r) - size;
    const cy0 = Math.floor(plot.y * r);
    const cy1 = Math.floor((plot.y + plot.h) * r) - size;
    const put = (px: number, py: number, colour: number, s: number) => {
      for (let dy = 0; dy < s; dy++) {
        const row = (py + dy) * W + px;
        for (let dx = 0; dx < s; dx++) buf[row + dx] = colour;
      }
    };
    const xs = this.xs;
    const ys = this.ys;
    for (let i = 0; i < d.n; i++) {
      if (!this.live[i] || (active && sel.mask[i])) continue;
      const px = Math.round(xs[i] * ax + bx) - (size >> 1);
      const py = Math.round(ys[i] * ay + by) - (size >> 1);
      if (px < cx0 || px > cx1 || py < cy0 || py > cy1) continue;
      put(px, py, active ? d.faded[i] : d.packed[i], size);
    }
    const big = size + 1;
    const putSelected = (i: number) => {
      if (!this.live[i]) return;
      const px = Math.round(xs[i] * ax + bx) - (big >> 1);
      const py = Math.round(ys[i] * ay + by) - (big >> 1);
      if (px < cx0 || px > cx1 + size - big || py < cy0 || py > cy1 + size - big) return;
      put(px, py, d.packed[i], big);
    };
    // A large selection (a brush lists points cell by cell) is drawn in point order: random reads
    // of a million points missed the cache and took ~0.4 s a panel instead of ~0.03 s.
    if (sel.list.length * 16 > d.n) {
      for (let i = 0; i < d.n; i++) if (sel.mask[i]) putSelected(i);
    } else for (const i of sel.list) putSelected(i);
    for (const i of this.dead) {
      const [x, y] = this.position(i);
      const px = Math.round(x * r) - (size >> 1);
      const py = Math.round(y * r) - (size >> 1);
      if (px < 0 || py < 0 || px > W - size || py > H - size) continue;
      put(px, py, active && !sel.mask[i] ? d.faded[i] : d.packed[i], size);
    }
  }

  /** Draws a live brush: the points inside `rect` (CSS px) in full colour, the rest faded. The
   * first call of a drag rasterises every point twice; later moves only copy pixels, so a drag
   * over a million points stays at frame rate. Returns how many live points the box holds. */
  drawBrush(rect: Rect): number {
    const ctx = this.canvas.getContext("2d") as CanvasRenderingContext2D;
    if (this.brushImages === null) {
      const none: Selection = { mask: new Uint8Array(0), list: [] };
      const full = ctx.createImageData(this.canvas.width, this.canvas.height);
      const faded = ctx.createImageData(this.canvas.width, this.canvas.height);
      this.rasterise(full, none, false);
      this.rasterise(faded, { mask: new Uint8Array(this.data.n), list: [] }, true);
      this.brushImages = { full, faded };
    }
    const r = this.ratio;
    const p = this.plot;
    const x0 = Math.max(p.x, rect.x);
    const y0 = Math.max(p.y, rect.y);
    const x1 = Math.min(p.x + p.w, rect.x + rect.w);
    const y1 = Math.min(p.y + p.h, rect.y + rect.h);
    ctx.putImageData(this.brushImages.faded, 0, 0);
    if (x1 > x0 && y1 > y0) {
      const [dx, dy] = [Math.floor(x0 * r), Math.floor(y0 * r)];
      ctx.putImageData(this.brushImages.full, 0, 0, dx, dy, Math.ceil(x1 * r) - dx, Math.ceil(y1 * r) - dy);
    }
    this.drawAxes(ctx);
    const [xa, xb, ya, yb] = this.box(rect);
    return countInBox(this.index, this.xs, this.ys, xa, xb, ya, yb);
  }

  private drawAxes(ctx: CanvasRenderingContext2D): void {
    const r = this.ratio;
    ctx.save();
    ctx.setTransform(r, 0, 0, r, 0, 0);
    const p = this.plot;
    const style = getComputedStyle(this.el);
    ctx.strokeStyle = "rgba(128, 128, 128, 0.6)";
    ctx.fillStyle = style.color || "#1f2328";
    ctx.font = "10px system-ui, sans-serif";
    ctx.strokeRect(p.x + 0.5, p.y + 0.5, p.w - 1, p.h - 1);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const gyOff = this.gutter === "y" ? GUTTER + 4 : 0;
    for (const t of ticks(this.view.x0, this.view.x1, Math.max(2, Math.floor(p.w / 60)))) {
      const x = this.sx(t);
      ctx.fillRect(x, p.y + p.h, 1, 3);
      ctx.fillText(tickLabel(t), x, p.y + p.h + 4 + gyOff);
    }
    ctx.fillText(axisLabel(this.data, this.xa), p.x + p.w / 2, p.y + p.h + 18 + gyOff);
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const t of ticks(this.view.y0, this.view.y1, Math.max(2, Math.floor(p.h / 40)))) {
      const y = this.sy(t);
      ctx.fillRect(p.x - 3, y, 3, 1);
      ctx.fillText(tickLabel(t), (this.gutter === "x" ? MARGIN.left : p.x) - 4, y);
    }
    ctx.save();
    ctx.translate(10, p.y + p.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center";
    ctx.fillText(axisLabel(this.data, this.ya), 0, 0);
    ctx.restore();
    const g = this.gutterRect;
    if (g !== null) {
      ctx.setLineDash([2, 2]);
      ctx.strokeRect(g.x + 0.5, g.y + 0.5, g.w - 1, g.h - 1);
      ctx.setLineDash([]);
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      const [lx, ly] = this.gutter === "x" ? [g.x + g.w / 2, g.y + g.h + 4] : [g.x - 14, g.y + 4];
      ctx.fillText("dead", lx, ly);
    }
    ctx.restore();
  }

  /** Draws the hover ring and the brush rectangle on the overlay. */
  drawOverlay(hover: number, brush: Rect | null): void {
    const ctx = this.overlay.getContext("2d") as CanvasRenderingContext2D;
    const r = this.ratio;
    ctx.setTransform(r, 0, 0, r, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (hover >= 0) {
      const [x, y] = this.position(hover);
      if (!this.live[hover] || this.inPlot(x, y)) {
        ctx.strokeStyle = "#e4572e";
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(x, y, 5, 0, 2 * Math.PI);
        ctx.stroke();
      }
    }
    if (brush !== null) {
      ctx.fillStyle = "rgba(46, 134, 222, 0.12)";
      ctx.strokeStyle = "rgba(46, 134, 222, 0.9)";
      ctx.lineWidth = 1;
      ctx.fillRect(brush.x, brush.y, brush.w, brush.h);
      ctx.strokeRect(brush.x + 0.5, brush.y + 0.5, brush.w, brush.h);
    }
  }

  /** The point under (px, py) CSS px, or -1: indexed search in the plot, a scan in the gutter. */
  pick(px: number, py: number): number {
    if (this.inPlot(px, py)) {
      const rx = (PICK_PX / this.plot.w) * (this.view.x1 - this.view.x0);
      const ry = (PICK_PX / this.plot.h) * (this.view.y1 - this.view.y0);
      return nearest(this.index, this.xs, this.ys, this.dataX(px), this.dataY(py), rx, ry);
    }
    let best = -1;
    let bestD = PICK_PX * PICK_PX;
    for (const i of this.dead) {
      const [x, y] = this.position(i);
      const dd = (x - px) ** 2 + (y - py) ** 2;
      if (dd <= bestD) [bestD, best] = [dd, i];
    }
    return best;
  }

  /** A screen rectangle (CSS px) in data units: [xlo, xhi, ylo, yhi]. */
  private box(rect: Rect): [number, number, number, number] {
    const xa = this.dataX(rect.x);
    const xb = this.dataX(rect.x + rect.w);
    const ya = this.dataY(rect.y + rect.h);
    const yb = this.dataY(rect.y);
    return [Math.min(xa, xb), Math.max(xa, xb), Math.min(ya, yb), Math.max(ya, yb)];
  }

  /** Live points inside a screen rectangle (CSS px), in point order (the index lists them cell
   * by cell; in point order every later pass over a large selection reads memory in sequence). */
  brush(rect: Rect): number[] {
    const points = inBox(this.index, this.xs, this.ys, ...this.box(rect));
    if (points.length * 16 <= this.data.n) return points.sort((a, b) => a - b);
    const mask = new Uint8Array(this.data.n);
    for (const i of points) mask[i] = 1;
    const ordered: number[] = [];
    for (let i = 0; i < mask.length; i++) if (mask[i]) ordered.push(i);
    return ordered;
  }

  /** Zooms by `factor` (< 1 zooms in) around the screen point (px, py). */
  zoom(px: number, py: number, factor: number): void {
    const x = this.dataX(px);
    const y = this.dataY(py);
    const v = this.view;
    this.view = {
      x0: x - (x - v.x0) * factor,
      x1: x + (v.x1 - x) * factor,
      y0: y - (y - v.y0) * factor,
      y1: y + (v.y1 - y) * factor,
    };
  }

  /** Moves the view by (dx, dy) CSS px. */
  pan(dx: number, dy: number): void {
    const v = this.view;
    const ux = (dx / this.plot.w) * (v.x1 - v.x0);
    const uy = (dy / this.plot.h) * (v.y1 - v.y0);
    this.view = { x0: v.x0 - ux, x1: v.x1 - ux, y0: v.y0 + uy, y1: v.y1 + uy };
  }

  reset(): void {
    this.view = { ...this.full };
  }
}
