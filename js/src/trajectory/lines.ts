// The TrajectoryView's line chart: log10 density over checkpoints for the selected features,
// coloured by final state, with the "dying" button and the colour key above it.

import { decodeArray, type WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { tickLabel, ticks } from "../lib/scale";
import type { Model } from "../lib/types";

/** Line colours by final state (index = the state code): dead, ultra-rare, live, dense. */
export const STATE_COLOURS = ["#8c8c8c", "#d62728", "#1f77b4", "#ff7f0e"];
const STATE_NAMES = ["dead", "ultra-rare", "live", "dense"];
const W = 560;
const H = 300;
const M = { left: 64, right: 12, top: 10, bottom: 34 };

export interface Lines {
  ids: Int32Array;
  logd: Float32Array;
  steps: number[];
  state: Uint8Array;
  dying: Uint8Array;
  row: Map<number, number>;
}

/** The lines held in the model's traits; throws when their shapes disagree. */
export function readLines(model: Model): Lines {
  const ids = decodeArray(model.get("ids") as WireArray).data as Int32Array;
  const logd = decodeArray(model.get("log_density") as WireArray).data as Float32Array;
  const steps = model.get("steps") as number[];
  const state = decodeArray(model.get("state") as WireArray).data as Uint8Array;
  const dying = decodeArray(model.get("dying") as WireArray).data as Uint8Array;
  if (logd.length !== ids.length * steps.length) throw new Error("log_density does not match ids x steps");
  const row = new Map<number, number>();
  ids.forEach((id, i) => row.set(id, i));
  return { ids, logd, steps, state, dying, row };
}

/** The y axis: its title, log10 density ticks above the floor, and "dead" at the floor, where
 * the features with no firing at a step are drawn (their log density is not a number). */
function drawYAxis(ctx: CanvasRenderingContext2D, floor: number, y0: number, y1: number, py: (y: number) => number): void {
  ctx.textAlign = "right";
  for (const t of ticks(y0, y1, 6)) {
    if (t > floor + 0.25) ctx.fillText(tickLabel(t), M.left - 4, py(t) + 4);
  }
  ctx.fillText("dead", M.left - 4, py(floor) + 4);
  ctx.textAlign = "center";
  ctx.save();
  ctx.translate(12, M.top + (H - M.top - M.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText("log10 density (firings / tokens)", 0, 0);
  ctx.restore();
  ctx.textAlign = "start";
}

interface Frame {
  ctx: CanvasRenderingContext2D;
  xs: number[];
  px: (x: number) => number;
  py: (y: number) => number;
}

/** Sizes the canvas, draws the frame, the axes and the threshold; returns the coordinate maps. */
function drawFrame(canvas: HTMLCanvasElement, steps: number[], floor: number, threshold: number): Frame {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = W * ratio;
  canvas.height = H * ratio;
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, W, H);
  const n = steps.length;
  const xs = steps.map((s) => Math.log10(Math.max(s, 1)));
  const x0 = xs[0] - 0.05 * (xs[n - 1] - xs[0] || 1);
  const x1 = xs[n - 1] + 0.05 * (xs[n - 1] - xs[0] || 1);
  const y0 = floor - 0.3;
  const y1 = 0;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * pw;
  const py = (y: number) => M.top + ph - ((y - y0) / (y1 - y0)) * ph;
  Object.assign(canvas.dataset, { left: M.left, top: M.top, width: pw, height: ph, x0, x1, y0, y1 });
  ctx.strokeStyle = "#ccc";
  ctx.fillStyle = "#555";
  ctx.font = "11px sans-serif";
  ctx.lineWidth = 1;
  ctx.strokeRect(M.left, M.top, pw, ph);
  drawYAxis(ctx, floor, y0, y1, py);
  steps.forEach((s, k) => ctx.fillText(String(s), px(xs[k]) - 10, H - M.bottom + 14));
  ctx.fillText("training step (log scale)", M.left + pw / 2 - 50, H - 4);
  ctx.setLineDash([4, 3]);
  ctx.strokeStyle = "#d62728";
  ctx.beginPath();
  ctx.moveTo(M.left, py(threshold));
  ctx.lineTo(M.left + pw, py(threshold));
  ctx.stroke();
  ctx.setLineDash([]);
  return { ctx, xs, px, py };
}

/** Draws the selected features' lines; returns how many of each final state were drawn. */
function drawLines(canvas: HTMLCanvasElement, lines: Lines, selected: number[], floor: number, threshold: number): number[] {
  const { ctx, xs, px, py } = drawFrame(canvas, lines.steps, floor, threshold);
  const n = lines.steps.length;
  const counts = [0, 0, 0, 0];
  ctx.lineWidth = 1.2;
  ctx.globalAlpha = selected.length > 200 ? 0.35 : 0.8;
  for (const id of selected) {
    const r = lines.row.get(id);
    if (r === undefined) continue;
    const state = lines.state[r];
    counts[state] += 1;
    ctx.strokeStyle = STATE_COLOURS[state];
    ctx.beginPath();
    for (let k = 0; k < n; k++) {
      const x = px(xs[k]);
      const y = py(lines.logd[r * n + k]);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  return counts;
}

/** The colour key of the final states. */
function legend(): HTMLElement {
  const el = h("span", {});
  STATE_NAMES.forEach((name, i) => {
    const key = h("span", { class: "sw-tv-key" });
    key.style.background = STATE_COLOURS[i];
    el.append(key, name);
  });
  return el;
}

export interface LinesChart {
  el: HTMLElement;
  /** Draws the lines of the features in `selected`. */
  update(selected: number[]): void;
}

/** The chart; the "dying" button calls `select` with the dying features. */
export function linesChart(lines: Lines, floor: number, threshold: number, select: (ids: number[]) => void): LinesChart {
  const canvas = h("canvas", { class: "sw-tv-lines", attrs: { "data-testid": "lines" } });
  const count = h("div", { attrs: { "data-testid": "line-count" } });
  const dyingIds: number[] = [];
  lines.ids.forEach((id, i) => {
    if (lines.dying[i]) dyingIds.push(id);
  });
  const dyingButton = h("button", { class: "sw-chip", attrs: { type: "button", "data-testid": "dying" } }, `dying: ${dyingIds.length}`);
  dyingButton.addEventListener("click", () => select(dyingIds));
  const bar = h("div", { class: "sw-tv-bar" }, dyingButton, h("span", { class: "sw-muted" }, "final state:"), legend());
  return {
    el: h("div", {}, bar, canvas, count),
    update(selected) {
      const counts = drawLines(canvas, lines, selected, floor, threshold);
      const parts = STATE_NAMES.map((name, i) => `${counts[i]} ${name}`).join(", ");
      count.textContent = `${selected.length} lines (final state: ${parts}); dashed: ultra-rare threshold`;
    },
  };
}
