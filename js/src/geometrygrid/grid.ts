// The GeometryGridView's grid: pairs of live features binned by co-occurrence (rows) x output
// similarity (columns), coloured by mean decoder cosine, the pair count in each cell; its title,
// colour legend and axes. Hovering a cell reads it out; clicking a cell with pairs picks it.

import { decodeArray, type NDArray, type WireArray } from "../lib/codec";
import { h, type Tooltip } from "../lib/dom";
import { countOf, formatValue } from "../lib/format";
import { css as rgbCss, diverging, tickLabel } from "../lib/scale";
import type { Model } from "../lib/types";
import { heatmap, type Heatmap } from "./heatmap";
import { local } from "./parts";

/** Cells with fewer pairs are faded and do not set the colour scale. */
export const MIN_PAIRS = 30;
const CELL = 30;
const ROW = 22;

/** The binned pairs of the model's traits. */
export interface Grid {
  count: NDArray;
  mean: NDArray;
  edges: ArrayLike<number>;
  rowLabels: string[];
  nr: number;
  nc: number;
  /** The colour scale's |max| (cells of few pairs left out unless all are few). */
  vmax: number;
}

/** The grid held in `model`'s traits; throws on malformed arrays. */
export function readGrid(model: Model): Grid {
  const count = decodeArray(model.get("count") as WireArray);
  const mean = decodeArray(model.get("mean_cos") as WireArray);
  const [nr, nc] = count.shape;
  // Cells of few pairs neither set the colour scale nor draw at full strength (their means are noise).
  let vmax = 0;
  for (let k = 0; k < count.data.length; k++) {
    if (count.data[k] >= MIN_PAIRS) vmax = Math.max(vmax, Math.abs(mean.data[k]));
  }
  if (vmax === 0) for (let k = 0; k < count.data.length; k++) if (count.data[k] > 0) vmax = Math.max(vmax, Math.abs(mean.data[k]));
  const edges = decodeArray(model.get("output_edges") as WireArray).data;
  return { count, mean, edges, rowLabels: model.get("row_labels") as string[], nr, nc, vmax: vmax || 1 };
}

/** "output similarity lo..hi" of column `c`, as the read-out and the pair list say. */
export function cellRange(grid: Grid, c: number): string {
  return `output similarity ${tickLabel(grid.edges[c])}..${tickLabel(grid.edges[c + 1])}`;
}

function cellWeight(n: number): number {
  return n >= MIN_PAIRS ? 1 : 0.2 + (0.8 * n) / MIN_PAIRS;
}

function compact(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** The coloured cells with their pair counts written in. */
function drawCells(grid: Grid): Heatmap {
  const { count, mean, nr, nc, vmax } = grid;
  const map = heatmap({
    rows: nr,
    cols: nc,
    cellW: CELL,
    cellH: ROW,
    vmax,
    value: (r, c) => (count.data[r * nc + c] > 0 ? mean.data[r * nc + c] : null),
    weight: (r, c) => cellWeight(count.data[r * nc + c]),
  });
  map.canvas.classList.add("sw-gg-grid");
  const ctx = map.canvas.getContext("2d") as CanvasRenderingContext2D;
  ctx.font = "9px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const n = count.data[r * nc + c];
      if (n === 0) continue;
      const strong = n >= MIN_PAIRS && Math.abs(mean.data[r * nc + c]) > 0.6 * vmax;
      ctx.fillStyle = strong ? "#fff" : "#1f2328";
      ctx.fillText(compact(n), c * CELL + CELL / 2, r * ROW + ROW / 2);
    }
  }
  return map;
}

/** The title line and the colour legend. */
function gridHead(model: Model, vmax: number, coocName: string): HTMLElement[] {
  const title = h(
    "div",
    { class: "sw-gg-title" },
    `Pairs of ${Number(model.get("n_live")).toLocaleString("en-US")} live features ` +
      `(${Number(model.get("n_dead")).toLocaleString("en-US")} never-firing left out): rows = ` +
      `co-occurrence (${coocName}), columns = output similarity, ` +
      `colour = mean decoder cosine (blue < 0 < red, |max| ${formatValue(vmax)}), text = pairs.`,
  );
  const bar = h("span", { class: "sw-gg-bar" });
  bar.style.background = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => rgbCss(diverging((2 * t - 1) * vmax, vmax))).join(", ")})`;
  const legend = h(
    "div",
    { class: "sw-gg-legend", attrs: { "data-testid": "grid-legend" } },
    h("span", {}, "mean decoder cosine"),
    h("span", { class: "sw-num" }, formatValue(-vmax)),
    bar,
    h("span", { class: "sw-num" }, formatValue(vmax)),
    h("span", { class: "sw-muted" }, `· faded: fewer than ${MIN_PAIRS} pairs`),
  );
  return [title, legend];
}

/** The title, legend and grid with its axes (to append in order); a click on a cell with pairs
 * calls `pick(row, col)`. */
export function cellGrid(model: Model, grid: Grid, tip: Tooltip, pick: (r: number, c: number) => void): HTMLElement[] {
  const { count, mean, rowLabels, nc } = grid;
  const coocName = String(model.get("measure")) === "lift" ? "log10 lift" : "Jaccard";
  const map = drawCells(grid);
  const rowAxis = h("div", { class: "sw-gg-rows" }, ...rowLabels.map((t) => h("div", {}, t)));
  const ticks = Array.from({ length: nc + 1 }, (_, i) => h("span", {}, i % 2 === 0 ? tickLabel(grid.edges[i]) : ""));
  const colAxis = h("div", { class: "sw-gg-cols" }, ...ticks);
  const rowTitle = h("div", { class: "sw-gg-axis sw-gg-axis-rows" }, `co-occurrence (${coocName})`);
  const colTitle = h("div", { class: "sw-gg-axis" }, "output similarity (cosine of logit weights)");
  map.canvas.addEventListener("mousemove", (e) => {
    const [x, y] = local(e, map.canvas);
    const cell = map.cellAt(x, y);
    if (cell === null) return tip.hide();
    const [r, c] = cell;
    const n = count.data[r * nc + c];
    const what = n > 0 ? `${countOf(n, "pair")}, mean cosine ${formatValue(mean.data[r * nc + c])}` : "no pairs";
    tip.showAt(e.clientX, e.clientY, h("div", {}, rowLabels[r]), h("div", {}, cellRange(grid, c)), h("div", {}, what));
  });
  map.canvas.addEventListener("mouseleave", () => tip.hide());
  map.canvas.addEventListener("click", (e) => {
    const [cx, cy] = local(e, map.canvas);
    const cell = map.cellAt(cx, cy);
    if (cell !== null && count.data[cell[0] * nc + cell[1]] > 0) pick(cell[0], cell[1]);
  });
  const gridBox = h(
    "div",
    { class: "sw-gg-gridbox" },
    h("div", {}, rowTitle, rowAxis),
    h("div", {}, h("div", { class: "sw-gg-axis-spacer" }), map.canvas, colAxis, colTitle),
  );
  return [...gridHead(model, grid.vmax, coocName), gridBox];
}
