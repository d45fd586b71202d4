// CompareView's matched-pairs scatter (log10 density in A against B, one point per one-to-one
// pair of live features, coloured by decoder cosine) and the summary table beside it.

import baseCss from "../lib/base.css";
import { decodeArray, type WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { createLocalModel } from "../lib/model";
import type { Model } from "../lib/types";
import { mountMap } from "../featuremap/view";
import type { Side } from "./maps";

/** Draws the scatter of `model`'s pair_* traits, headed, in `box` (it sizes itself to it); hovering a
 * pair rings both features in the side maps, clicking it calls `show(featureA, featureB)`.
 * Returns the unmount. */
export function pairScatter(box: HTMLElement, model: Model, [a, b]: [Side, Side], show: (fa: number, fb: number) => void): () => void {
  const slot = h("div", { attrs: { "data-testid": "pairs" } });
  const heading = h("div", { class: "sw-cv-h" }, "Matched pairs (one-to-one, both alive): log10 density");
  box.replaceChildren(heading, slot);
  const pairIds = decodeArray(model.get("pair_ids") as WireArray).data as Int32Array;
  const partner = decodeArray(model.get("pair_partner") as WireArray).data as Int32Array;
  const partnerOf = new Map<number, number>();
  pairIds.forEach((id, i) => partnerOf.set(id, partner[i]));
  const pairModel = createLocalModel({
    ids: model.get("pair_ids"),
    columns: model.get("pair_columns"),
    table: model.get("pair_table"),
    flags: { data: new DataView(new ArrayBuffer(pairIds.length)), dtype: "uint8", shape: [pairIds.length] },
    axes: ["log10_density_a", "log10_density_b"],
    panels: [[0, 1]],
    color_name: "cosine",
    labels: {},
    selected: [],
    clicked: null,
    highlight: -1,
    error: "",
  });
  const unmount = mountMap(pairModel, slot, baseCss, {
    ...{ size: [420, 300], noun: "pairs" },
    onHover: (id) => {
      a.model.set("highlight", id ?? -1);
      b.model.set("highlight", id === null ? -1 : (partnerOf.get(id) ?? -1));
    },
  });
  pairModel.on("change:clicked", () => {
    const id = Number(pairModel.get("clicked"));
    const p = partnerOf.get(id);
    if (p !== undefined) show(id, p);
  });
  return unmount;
}

/** The summary table of `rows` (label, then a value per SAE), headed "Summary". */
export function summaryTable(rows: string[][]): HTMLElement {
  const table = h("table", { class: "sw-cv-summary", attrs: { "data-testid": "summary" } });
  for (const row of rows) table.append(h("tr", {}, ...row.map((cell) => h("td", {}, cell))));
  return h("div", {}, h("div", { class: "sw-cv-h" }, "Summary"), table);
}
