// The FeatureMap's data as typed arrays (decoded from saewidgets/_widgets/_featuremap.py traits)
// plus what every panel shares: per-point packed colours and the id -> point lookup.

import { decodeArray, type WireArray } from "../lib/codec";
import type { Model } from "../lib/types";
import { packRGBA, viridis } from "../lib/scale";

export const DEAD = 1;
export const ULTRA_RARE = 2;
export const DENSE = 4;
export const NO_COLOUR = 8;
/** Colour of points whose colour value is missing (e.g. dead features coloured by density). */
export const MISSING_RGB: [number, number, number] = [150, 150, 150];

export interface MapData {
  n: number;
  ids: Int32Array;
  /** Row-major [n, 3]: log10_density, enc_bias, de_projection. */
  coords: Float32Array;
  colour: Float32Array;
  flags: Uint8Array;
  axes: string[];
  colourName: string;
  cmin: number;
  cmax: number;
  /** Packed RGBA per point: full colour, and the faded colour used when others are selected. */
  packed: Uint32Array;
  faded: Uint32Array;
  pointOf: Map<number, number>;
  deadCount: number;
}

function fade(c: number): number {
  return Math.round(c + (235 - c) * 0.7);
}

export function readMapData(model: Model): MapData {
  const ids = decodeArray(model.get("ids") as WireArray).data as Int32Array;
  const coords = decodeArray(model.get("coords") as WireArray).data as Float32Array;
  const colour = decodeArray(model.get("colour") as WireArray).data as Float32Array;
  const flags = decodeArray(model.get("flags") as WireArray).data as Uint8Array;
  const n = ids.length;
  if (coords.length !== 3 * n || colour.length !== n || flags.length !== n) {
    throw new Error(`FeatureMap arrays disagree: ${n} ids, ${coords.length / 3} points`);
  }
  let cmin = Infinity;
  let cmax = -Infinity;
  let deadCount = 0;
  for (let i = 0; i < n; i++) {
    if (flags[i] & DEAD) deadCount++;
    if (flags[i] & NO_COLOUR) continue;
    if (colour[i] < cmin) cmin = colour[i];
    if (colour[i] > cmax) cmax = colour[i];
  }
  if (!(cmax >= cmin)) [cmin, cmax] = [0, 1];
  const lut = new Uint32Array(256);
  const lutFaded = new Uint32Array(256);
  for (let k = 0; k < 256; k++) {
    const rgb = viridis(k / 255);
    lut[k] = packRGBA(rgb);
    lutFaded[k] = packRGBA([fade(rgb[0]), fade(rgb[1]), fade(rgb[2])]);
  }
  const missing = packRGBA(MISSING_RGB);
  const missingFaded = packRGBA(MISSING_RGB.map(fade) as [number, number, number]);
  const packed = new Uint32Array(n);
  const faded = new Uint32Array(n);
  const span = cmax - cmin || 1;
  const pointOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    pointOf.set(ids[i], i);
    if (flags[i] & NO_COLOUR) {
      packed[i] = missing;
      faded[i] = missingFaded;
      continue;
    }
    const k = Math.max(0, Math.min(255, Math.round(((colour[i] - cmin) / span) * 255)));
    packed[i] = lut[k];
    faded[i] = lutFaded[k];
  }
  return {
    n,
    ids,
    coords,
    colour,
    flags,
    axes: model.get("axes") as string[],
    colourName: String(model.get("color_name") ?? ""),
    cmin,
    cmax,
    packed,
    faded,
    pointOf,
    deadCount,
  };
}

/** A point's placement in a dead-feature gutter: a stable pseudo-random offset in [0, 1). */
export function jitter(id: number): number {
  const x = Math.sin(id * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}
