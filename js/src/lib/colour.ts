// Colour scales. Activations are drawn as a feature's hue with an opacity proportional to the
// activation (so the same colours work on light and dark notebook themes).

/** One hue per shown feature, in order; distinct on light and dark backgrounds. */
export const PALETTE: readonly string[] = [
  "#e4572e",
  "#2e86de",
  "#17a589",
  "#8e44ad",
  "#f1a208",
  "#d81b60",
  "#5d8c1e",
  "#6c5ce7",
  "#a0522d",
  "#00838f",
];

/** Opacity of the strongest activation: text stays readable on top of it. */
export const MAX_ALPHA = 0.85;

export type RGB = [number, number, number];

/** Parses "#rrggbb". */
export function hexToRgb(hex: string): RGB {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The colour of feature slot `i` (cycling through the palette). */
export function featureColour(i: number): RGB {
  return hexToRgb(PALETTE[i % PALETTE.length]);
}

/** Activation relative to the scale's maximum, clipped to [0, 1]; 0 when vmax <= 0. */
export function intensity(value: number, vmax: number): number {
  if (!(vmax > 0) || !(value > 0)) return 0;
  return Math.min(1, value / vmax);
}

/** Opacity for an activation: MAX_ALPHA * intensity, rounded to 3 decimals. */
export function activationAlpha(value: number, vmax: number): number {
  return Math.round(MAX_ALPHA * intensity(value, vmax) * 1000) / 1000;
}

/** CSS background for an activation drawn in `rgb`; "transparent" for zero. */
export function activationBackground(rgb: RGB, value: number, vmax: number): string {
  const alpha = activationAlpha(value, vmax);
  if (alpha === 0) return "transparent";
  return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;
}
