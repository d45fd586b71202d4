// Axis ticks and colour maps for the canvas charts (FeatureMap, GeometryGrid).

import type { RGB } from "./colour";

/** About `count` round tick values (1, 2 or 5 times a power of ten) covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return out;
}

// Viridis at 9 stops (matplotlib's values), interpolated linearly.
const VIRIDIS: RGB[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

// Diverging blue - white - red (ColorBrewer RdBu, reversed so negative is blue).
const DIVERGING: RGB[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

function interpolate(stops: RGB[], t: number): RGB {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f)) as RGB;
}

/** A short tick label: up to 4 significant digits, no trailing zeros, a real minus sign. */
export function tickLabel(t: number): string {
  if (t === 0) return "0";
  const abs = Math.abs(t);
  const text = abs >= 1e5 || abs < 1e-3 ? t.toExponential(1) : String(Number(t.toPrecision(4)));
  return text.replace("-", "\u2212");
}

/** Viridis colour of t in [0, 1] (clipped). */
export function viridis(t: number): RGB {
  return interpolate(VIRIDIS, t);
}

/** Diverging colour of v in [-vmax, vmax]: blue below 0, white at 0, red above (clipped). */
export function diverging(v: number, vmax: number): RGB {
  return interpolate(DIVERGING, vmax > 0 ? 0.5 + v / (2 * vmax) : 0.5);
}

/** An RGB colour packed as a little-endian RGBA pixel (for a Uint32Array view of ImageData). */
export function packRGBA(rgb: RGB, alpha = 255): number {
  return ((alpha << 24) | (rgb[2] << 16) | (rgb[1] << 8) | rgb[0]) >>> 0;
}

/** `rgb(...)` CSS text. */
export function css(rgb: RGB): string {
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}
