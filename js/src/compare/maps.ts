// CompareView's two maps side by side. Hovering a point in one map rings its best decoder match in
// the other (the key "highlight" of that map's in-page model) and names the pair in a line below.

import baseCss from "../lib/base.css";
import { decodeArray, type WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import type { Model } from "../lib/types";
import { seedMapModel } from "../featuremap/seedmap";
import { mountMap } from "../featuremap/view";

/** One SAE's side: its ids, each one's best decoder match in the other SAE, and its map model. */
export interface Side {
  key: "a" | "b";
  ids: Int32Array;
  match: Int32Array;
  cosine: Float32Array;
  index: Map<number, number>;
  model: Model;
}

/** Side `key` ("a" or "b") of the CompareView's model; throws on malformed arrays. */
export function side(model: Model, key: "a" | "b"): Side {
  const get = (name: string) => decodeArray(model.get(`${key}_${name}`) as WireArray).data;
  const ids = get("ids") as Int32Array;
  const index = new Map<number, number>();
  ids.forEach((id, i) => index.set(id, i));
  const local = seedMapModel({
    ids: model.get(`${key}_ids`),
    columns: model.get(`${key}_columns`),
    table: model.get(`${key}_table`),
    flags: model.get(`${key}_flags`),
  });
  return { key, ids, match: get("match") as Int32Array, cosine: get("match_cosine") as Float32Array, index, model: local };
}

/** Appends the maps of sides `a` and `b`, headed by `titles`, and the line naming the hovered pair
 * to `parent` (the maps size themselves to it); a click on a point calls `show(featureA,
 * featureB)` with the point and its match. Returns the unmount. */
export function sideMaps(
  parent: HTMLElement,
  [a, b]: [Side, Side],
  names: string[],
  titles: string[],
  show: (fa: number, fb: number) => void,
): () => void {
  const link = h("div", { class: "sw-cv-link", attrs: { "data-testid": "link" } }, "Hover a feature to ring its best match in the other SAE.");
  const describe = (from: Side, to: Side, id: number | null) => {
    const i = id === null ? undefined : from.index.get(id);
    if (id === null || i === undefined) {
      to.model.set("highlight", -1);
      link.textContent = "";
      return;
    }
    const partner = from.match[i];
    to.model.set("highlight", partner);
    const [fromName, toName] = from.key === "a" ? names : [names[1], names[0]];
    link.textContent = `${fromName} #${id} ↔ ${toName} #${partner} (decoder cosine ${formatValue(from.cosine[i])})`;
  };
  const slotA = h("div", { attrs: { "data-testid": "map-a" } });
  const slotB = h("div", { attrs: { "data-testid": "map-b" } });
  const column = (title: string, slot: HTMLElement) => h("div", { class: "sw-cv-side" }, h("div", { class: "sw-cv-h" }, title), slot);
  parent.append(h("div", { class: "sw-cv-row" }, column(titles[0], slotA), column(titles[1], slotB)), link);
  const size: [number, number] = [420, 300];
  const unmount = [
    mountMap(a.model, slotA, baseCss, { size, onHover: (id) => describe(a, b, id) }),
    mountMap(b.model, slotB, baseCss, { size, onHover: (id) => describe(b, a, id) }),
  ];
  const onClick = (s: Side) => () => {
    const id = Number(s.model.get("clicked"));
    const i = s.index.get(id);
    if (i === undefined) return;
    if (s.key === "a") show(id, s.match[i]);
    else show(s.match[i], id);
  };
  a.model.on("change:clicked", onClick(a));
  b.model.on("change:clicked", onClick(b));
  return () => unmount.forEach((u) => u());
}
