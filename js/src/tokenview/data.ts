// TokenView's data: the tokens, the shown features' activations and each token's top features,
// decoded from the model's traits, with each feature's colour-scale maximum.

import { decodeArray, type NDArray, type WireArray } from "../lib/codec";
import type { RGB } from "../lib/colour";
import { h } from "../lib/dom";
import type { Model } from "../lib/types";

export interface View {
  tokens: string[];
  acts: NDArray;
  features: number[];
  topIds: NDArray;
  topVals: NDArray;
  labels: Record<string, string>;
  vmax: number[];
  /** Positions of BOS and other special tokens: drawn grey, out of the colour scale. */
  special: Set<number>;
}

/** The view of `model`'s traits; throws on malformed arrays. */
export function readView(model: Model): View {
  const acts = decodeArray(model.get("acts") as WireArray);
  const features = model.get("features") as number[];
  const special = new Set((model.get("special") as number[] | undefined) ?? []);
  if (model.get("bos") === true) special.add(0);
  // special tokens (BOS, ...) are left out of the scale: their activations would wash out the rest
  const vmax = features.map((_, s) => {
    let m = 0;
    for (let i = 0; i < acts.shape[0]; i++) {
      if (!special.has(i)) m = Math.max(m, acts.data[i * features.length + s]);
    }
    return m;
  });
  return {
    tokens: model.get("tokens") as string[],
    acts,
    features,
    topIds: decodeArray(model.get("top_ids") as WireArray),
    topVals: decodeArray(model.get("top_vals") as WireArray),
    labels: (model.get("labels") as Record<string, string> | undefined) ?? {},
    vmax,
    special,
  };
}

/** "#id" or "#id label". */
export function featureName(view: View, id: number): string {
  const label = view.labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

/** A colour square. */
export function swatch(rgb: RGB): HTMLElement {
  const el = h("span", { class: "sw-swatch" });
  el.style.background = `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
  return el;
}
