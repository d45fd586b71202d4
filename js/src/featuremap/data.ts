// The FeatureMap's data as typed arrays (decoded from saewidgets/widgets/_featuremap.py traits)
// plus what every panel shares: per-point packed colours and the id -> point lookup. Every
// numeric per-feature column arrives in FeatureMap's compressed `wire` (or, in the maps other
// views draw, a plain `table` [n, k]), described by the `columns` schema
// (saewidgets/widgets/_columns.py); the axes and the colour are columns picked by name.

import { decodeArray, type WireArray } from "../lib/codec";
import type { ColumnSpec } from "../lib/format";
import type { Model } from "../lib/types";
import { gunzip, interleave4 } from "../lib/pack";
import { packRGBA, viridis } from "../lib/scale";

export const DEAD = 1;
export const ULTRA_RARE = 2;
export const DENSE = 4;
/** Colour of points whose colour value is missing (e.g. dead features coloured by density). */
export const MISSING_RGB: [number, number, number] = [150, 150, 150];

export interface MapData {
  n: number;
  ids: Int32Array;
  /** Row-major [n, k]: every numeric column, described by `columns`. */
  table: Float32Array;
  columns: ColumnSpec[];
  /** Row-major [n, axes.length]: the axes' values (log10 density 0 for dead features). */
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
  /** The point of feature `id`, or -1 when the map has no such feature. */
  pointOf(id: number): number;
  deadCount: number;
}

/** The values of column `name` of the table (throws when the map has no such column). */
export function columnValues(table: Float32Array, columns: ColumnSpec[], n: number, name: string): Float32Array {
  const k = columns.length;
  const c = columns.findIndex((col) => col.name === name);
  if (c < 0) throw new Error(`the map has no column "${name}"`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = table[k * i + c];
  return out;
}

function fade(c: number): number {
  return Math.round(c + (235 - c) * 0.7);
}

const LUT = new Uint32Array(256);
const LUT_FADED = new Uint32Array(256);
for (let k = 0; k < 256; k++) {
  const rgb = viridis(k / 255);
  LUT[k] = packRGBA(rgb);
  LUT_FADED[k] = packRGBA([fade(rgb[0]), fade(rgb[1]), fade(rgb[2])]);
}

/** Colours every point by column `name` (viridis over its finite range; grey where missing). */
export function setColour(data: MapData, name: string): void {
  const colour = columnValues(data.table, data.columns, data.n, name);
  let cmin = Infinity;
  let cmax = -Infinity;
  for (let i = 0; i < data.n; i++) {
    const v = colour[i];
    if (!Number.isFinite(v)) continue;
    if (v < cmin) cmin = v;
    if (v > cmax) cmax = v;
  }
  if (!(cmax >= cmin)) [cmin, cmax] = [0, 1];
  const missing = packRGBA(MISSING_RGB);
  const missingFaded = packRGBA(MISSING_RGB.map(fade) as [number, number, number]);
  const span = cmax - cmin || 1;
  for (let i = 0; i < data.n; i++) {
    if (!Number.isFinite(colour[i])) {
      data.packed[i] = missing;
      data.faded[i] = missingFaded;
      continue;
    }
    const k = Math.max(0, Math.min(255, Math.round(((colour[i] - cmin) / span) * 255)));
    data.packed[i] = LUT[k];
    data.faded[i] = LUT_FADED[k];
  }
  Object.assign(data, { colour, colourName: name, cmin, cmax });
}

interface Derived {
  n_tokens: number;
  columns: string[];
}

/** FeatureMap's `wire` trait (saewidgets/widgets/_featuremap.py, `_wire`): the table sent
 * column by column ([k', n] float32), gzip of its 4 byte planes. */
interface Wire {
  data: DataView;
  codec: string;
  shape: number[];
  derived: Derived;
}

/** The full row-major table from the columns sent ([k', n]) without the `derived` ones, which
 * are recomputed as the harvest computed them: density = count / n_tokens and its log10 (NaN
 * where count is 0), in float64 then float32. */
export function expandDerived(sent: Float32Array, columns: ColumnSpec[], n: number, derived: Derived): Float32Array {
  const k = columns.length;
  const have = columns.filter((c) => !derived.columns.includes(c.name));
  if (sent.length !== have.length * n) throw new Error("FeatureMap: table and columns disagree");
  const out = new Float32Array(n * k);
  have.forEach((c, j) => {
    const to = columns.indexOf(c);
    for (let i = 0; i < n; i++) out[k * i + to] = sent[j * n + i];
  });
  if (derived.columns.length === 0) return out;
  const count = have.findIndex((c) => c.name === "count");
  if (count < 0) throw new Error("FeatureMap: derived columns need count");
  const dens = columns.findIndex((c) => c.name === "density");
  const logd = columns.findIndex((c) => c.name === "log10_density");
  for (let i = 0; i < n; i++) {
    const d = sent[count * n + i] / derived.n_tokens;
    if (dens >= 0) out[k * i + dens] = d;
    if (logd >= 0) out[k * i + logd] = d > 0 ? Math.log10(d) : NaN;
  }
  return out;
}

/** The row-major table [n, k] of a model with a `wire` trait (FeatureMap), decompressed with
 * the browser's DecompressionStream; null for a model that carries a plain `table` (the maps
 * that CompareView and TrajectoryView draw). */
export async function wireTable(model: Model): Promise<Float32Array | null> {
  const wire = model.get("wire") as Wire | undefined;
  if (wire === undefined || wire === null || wire.data === undefined) return null;
  if (wire.codec !== "gzip4") throw new Error(`FeatureMap: unknown table codec "${wire.codec}"`);
  const bytes = interleave4(await gunzip(wire.data));
  const sent = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (sent.length !== wire.shape[0] * wire.shape[1]) throw new Error("FeatureMap: the table's size disagrees with its shape");
  const columns = (model.get("columns") as ColumnSpec[] | undefined) ?? [];
  return expandDerived(sent, columns, wire.shape[1], wire.derived);
}

/** The map's data from `model`, its table given (decoded by `wireTable`) or read from the
 * model's row-major `table`. */
export function readMapData(model: Model, given?: Float32Array): MapData {
  const ids = decodeArray(model.get("ids") as WireArray).data as Int32Array;
  const flags = decodeArray(model.get("flags") as WireArray).data as Uint8Array;
  const columns = (model.get("columns") as ColumnSpec[] | undefined) ?? [];
  const table = given ?? (decodeArray(model.get("table") as WireArray).data as Float32Array);
  const axes = (model.get("axes") as string[] | undefined) ?? [];
  const n = ids.length;
  if (table.length !== columns.length * n || flags.length !== n) {
    throw new Error(`FeatureMap arrays disagree: ${n} ids, ${table.length / Math.max(1, columns.length)} rows`);
  }
  const a = axes.length;
  const coords = new Float32Array(n * a);
  let deadCount = 0;
  for (let i = 0; i < n; i++) if (flags[i] & DEAD) deadCount++;
  axes.forEach((name, j) => {
    const values = columnValues(table, columns, n, name);
    const density = name === "log10_density";
    for (let i = 0; i < n; i++) coords[a * i + j] = density && flags[i] & DEAD ? 0 : values[i];
  });
  const data: MapData = {
    n,
    ids,
    table,
    columns,
    coords,
    colour: new Float32Array(n),
    flags,
    axes,
    colourName: "",
    cmin: 0,
    cmax: 1,
    packed: new Uint32Array(n),
    faded: new Uint32Array(n),
    pointOf: pointLookup(ids),
    deadCount,
  };
  setColour(data, String(model.get("color_name") ?? ""));
  return data;
}

/** id -> point: a flat table when ids are small non-negative integers (SAE feature ids always
 * are; a Map of 2^20 entries alone took ~0.3 s to build), a Map otherwise. */
export function pointLookup(ids: Int32Array): (id: number) => number {
  let max = -1;
  let min = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] > max) max = ids[i];
    if (ids[i] < min) min = ids[i];
  }
  if (min >= 0 && max < 4 * ids.length + 1024) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < ids.length; i++) table[ids[i]] = i;
    return (id) => (Number.isInteger(id) && id >= 0 && id <= max ? table[id] : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) map.set(ids[i], i);
  return (id) => map.get(id) ?? -1;
}

/** A point's placement in a dead-feature gutter: a stable pseudo-random offset in [0, 1). */
export function jitter(id: number): number {
  const x = Math.sin(id * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}
