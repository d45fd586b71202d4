// The per-feature payload of a FeatureCard (saewidgets/_widgets/_carddata.py) and its decoding
// into plain structures. Pure functions: unit-tested in js/test/card.test.ts.

import { decodeArray, type NDArray, type WireArray } from "../lib/codec";

export interface Stats {
  /** Every numeric column of the store's features table (the card's "columns" trait says how
   * to show them). */
  [column: string]: number | boolean | null | undefined;
  density?: number | null;
  count?: number | null;
  max_act?: number | null;
  mean_act?: number | null;
  enc_bias?: number | null;
  de_projection?: number | null;
  log10_density?: number | null;
  dec_norm?: number | null;
  dead?: boolean;
  ultra_rare?: boolean;
  dense?: boolean;
}

export interface AnnotationFields {
  label: string;
  status: string;
  tags: string[];
  note: string;
}

/** An LLM's explanation of the feature (sw.explain) and its scores (sw.score; null: not scored). */
export interface Suggestion {
  model: string;
  explanation: string;
  detection: number | null;
  detection_baseline: number | null;
  detection_n: number | null;
  fuzz: number | null;
  fuzz_baseline: number | null;
  fuzz_n: number | null;
}

/** "detection 0.70 (top tokens 0.55, n 20) · fuzz 0.60 (top tokens 0.50, n 10)"; "not scored". */
export function scoreLine(s: Suggestion): string {
  const parts: string[] = [];
  for (const m of ["detection", "fuzz"] as const) {
    const score = s[m];
    if (score === null) continue;
    const base = s[`${m}_baseline`];
    const baseText = base === null ? "–" : base.toFixed(2);
    parts.push(`${m} ${score.toFixed(2)} (top tokens ${baseText}, n ${s[`${m}_n`] ?? "?"})`);
  }
  return parts.length > 0 ? parts.join(" · ") : "not scored";
}

interface SparseWire {
  n: number;
  value: WireArray;
  index?: WireArray;
}

interface ExamplesWire {
  strings: string[];
  tok: WireArray;
  acts: SparseWire;
  length: WireArray;
  max_index: WireArray;
  group: WireArray;
  seq: WireArray;
  pos: WireArray;
  /** Indices into `tok` of the tokens the statistics leave out (BOS, EOS, PAD); absent in
   * payloads written before it existed. */
  special?: WireArray;
  intervals: { interval: number; lo: number; hi: number; n: number }[];
}

export interface NeighbourWire {
  feature?: WireArray;
  value?: WireArray;
  count?: WireArray;
  error?: string;
}

export interface Payload {
  feature: number;
  stats: Stats;
  hist: { edges: WireArray; counts: WireArray };
  examples: ExamplesWire;
  logits: {
    error?: string;
    top_tokens?: string[];
    top_values?: WireArray;
    bottom_tokens?: string[];
    bottom_values?: WireArray;
    hist_edges?: WireArray;
    hist_counts?: WireArray;
  };
  neighbours: Record<string, NeighbourWire>;
  annotation: AnnotationFields | null;
  labels: Record<string, string>;
  explanations?: Suggestion[];
  /** The feature's page on Neuronpedia, when the SAE came from a release that names one. */
  neuronpedia?: string | null;
  prev: number | null;
  next: number | null;
  missing: number[];
  /** In an export: how many features it holds (next/previous walk those); 0 otherwise. */
  saved?: number;
}

export interface CardExample {
  tokens: string[];
  acts: Float32Array;
  maxIndex: number;
  seq: number;
  pos: number;
  /** Indices (in `tokens`) of special tokens: drawn greyed, not as activations. */
  special: Set<number>;
}

export interface ExampleGroup {
  /** -1 for the top examples, else the activation interval's index. */
  interval: number;
  lo: number;
  hi: number;
  /** How many activations fall in the interval (top group: the feature's firing count). */
  n: number;
  examples: CardExample[];
}

export interface Neighbour {
  feature: number;
  value: number;
  count: number | null;
}

/** A dense Float32Array from `{n, value}` or the sparse `{n, index, value}`. */
export function densify(wire: SparseWire): Float32Array {
  const value = decodeArray(wire.value).data;
  if (wire.index === undefined) {
    if (value.length !== wire.n) throw new Error(`expected ${wire.n} values, got ${value.length}`);
    return Float32Array.from(value);
  }
  const index = decodeArray(wire.index).data;
  if (index.length !== value.length) throw new Error("sparse index and values differ in length");
  const out = new Float32Array(wire.n);
  for (let i = 0; i < index.length; i++) {
    if (index[i] >= wire.n) throw new Error(`sparse index ${index[i]} out of range ${wire.n}`);
    out[index[i]] = value[i];
  }
  return out;
}

/** Splits the flat example arrays into the top group and one group per quantile interval. */
export function exampleGroups(wire: ExamplesWire): ExampleGroup[] {
  const tok = decodeArray(wire.tok).data;
  const acts = densify(wire.acts);
  const length = decodeArray(wire.length).data;
  const maxIndex = decodeArray(wire.max_index).data;
  const group = decodeArray(wire.group).data;
  const seq = decodeArray(wire.seq).data;
  const pos = decodeArray(wire.pos).data;
  const special = wire.special === undefined ? [] : Array.from(decodeArray(wire.special).data);
  if (tok.length !== acts.length) throw new Error(`${tok.length} tokens but ${acts.length} acts`);
  const groups = new Map<number, ExampleGroup>();
  for (const iv of wire.intervals) groups.set(iv.interval, { ...iv, examples: [] });
  let offset = 0;
  for (let e = 0; e < length.length; e++) {
    const n = length[e];
    if (offset + n > tok.length) throw new Error("example lengths exceed the token array");
    const tokens = Array.from(tok.subarray(offset, offset + n), (i) => {
      const s = wire.strings[i];
      if (s === undefined) throw new Error(`token index ${i} is not in the string table`);
      return s;
    });
    const g = group[e];
    if (!groups.has(g)) groups.set(g, { interval: g, lo: NaN, hi: NaN, n: 0, examples: [] });
    groups.get(g)?.examples.push({
      tokens,
      acts: acts.subarray(offset, offset + n),
      maxIndex: maxIndex[e],
      seq: seq[e],
      pos: pos[e],
      special: new Set(special.filter((i) => i >= offset && i < offset + n).map((i) => i - offset)),
    });
    offset += n;
  }
  if (offset !== tok.length) throw new Error("example lengths do not cover the token array");
  const rank = (g: ExampleGroup) => (g.interval === -1 ? Infinity : g.interval);
  return [...groups.values()].sort((a, b) => rank(b) - rank(a));
}

/** One neighbour list (ids, values and co-occurrence counts). */
export function neighbourList(wire: NeighbourWire): Neighbour[] {
  if (wire.feature === undefined || wire.value === undefined) return [];
  const ids = decodeArray(wire.feature).data;
  const values = decodeArray(wire.value).data;
  const counts = wire.count === undefined ? null : decodeArray(wire.count).data;
  return Array.from(ids, (feature, i) => ({
    feature,
    value: values[i],
    count: counts === null ? null : counts[i],
  }));
}

/** Decodes an optional wire array. */
export function maybeArray(wire: WireArray | undefined): NDArray | null {
  return wire === undefined ? null : decodeArray(wire);
}

/** Tags typed as "a, b ,c" -> ["a", "b", "c"] (empty entries dropped, repeats removed). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim()).filter((t) => t !== ""))];
}

/** The flags of a feature as display words. */
export function flagWords(stats: Stats): string[] {
  const out: string[] = [];
  if (stats.dead) out.push("dead");
  if (stats.ultra_rare) out.push("ultra-rare");
  if (stats.dense) out.push("dense");
  return out;
}

/** The steer section's default strength: twice the feature's max activation, to 3 significant
 * digits (1 when the store has none). The slider spans twice that either way. */
export function defaultStrength(maxAct: number | null | undefined): number {
  if (maxAct === null || maxAct === undefined || !Number.isFinite(maxAct) || maxAct <= 0) return 1;
  return Number((2 * maxAct).toPrecision(3));
}
