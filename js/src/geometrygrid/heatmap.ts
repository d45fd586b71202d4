// A heatmap on a canvas (one fillRect per cell; the grids here are small), with the cell under
// the pointer found by arithmetic.

import { css, diverging } from "../lib/scale";

export interface Heatmap {
  canvas: HTMLCanvasElement;
  /** The (row, col) under a point in CSS px relative to the canvas, or null. */
  cellAt(x: number, y: number): [number, number] | null;
}

export interface HeatmapSpec {
  rows: number;
  cols: number;
  cellW: number;
  cellH: number;
  /** Value of a cell, or null for an empty cell (drawn grey). */
  value(r: number, c: number): number | null;
  /** Colour scale: diverging over [-vmax, vmax], white at 0. */
  vmax: number;
  /** Optional weight in [0, 1] of a cell's colour (faded towards white below 1). */
  weight?(r: number, c: number): number;
}

export function heatmap(spec: HeatmapSpec): Heatmap {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = spec.cols * spec.cellW;
  const hgt = spec.rows * spec.cellH;
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(w * ratio));
  canvas.height = Math.max(1, Math.round(hgt * ratio));
  canvas.style.width = `${w}px`;
  canvas.style.height = `${hgt}px`;
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  for (let r = 0; r < spec.rows; r++) {
    for (let c = 0; c < spec.cols; c++) {
      const v = spec.value(r, c);
      ctx.fillStyle = v === null ? "rgba(128, 128, 128, 0.15)" : css(diverging(v, spec.vmax));
      ctx.globalAlpha = v === null ? 1 : Math.max(0, Math.min(1, spec.weight?.(r, c) ?? 1));
      ctx.fillRect(c * spec.cellW, r * spec.cellH, spec.cellW, spec.cellH);
      ctx.globalAlpha = 1;
    }
  }
  return {
    canvas,
    cellAt(x, y) {
      const c = Math.floor(x / spec.cellW);
      const r = Math.floor(y / spec.cellH);
      return r >= 0 && r < spec.rows && c >= 0 && c < spec.cols ? [r, c] : null;
    },
  };
}
