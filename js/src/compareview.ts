// CompareView (saewidgets/widgets/_compareview.py): two SAEs' maps side by side, a matched-pairs
// density scatter and two cards. Traits read: a_* / b_* (ids, columns, table, flags, match,
// match_cosine), pair_ids, pair_columns, pair_table, pair_partner, names, sources, summary, feature_a,
// feature_b, error. Traits written: feature_a, feature_b (clicks). Request: "card" {side, feature}.
// Hovering a point in one map rings its best decoder match in the other (the key "highlight" of
// that map's in-page model).

import baseCss from "./lib/base.css";
import { decodeArray, type WireArray } from "./lib/codec";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import { type ColumnSpec, formatValue } from "./lib/format";
import { createLocalModel } from "./lib/model";
import type { Invoke, Model, RenderProps } from "./lib/types";
import { mountCard } from "./card/view";
import { seedMapModel } from "./featuremap/seedmap";
import { mountMap } from "./featuremap/view";

const CSS = `
.sw-cv-row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.sw-cv-side { flex: 1 1 420px; min-width: 0; }
.sw-cv-h { font-weight: 600; margin: 6px 0 2px; }
.sw-cv-link { min-height: 1.4em; margin: 4px 0; }
.sw-cv-summary td { padding: 1px 8px; }
.sw-cv-summary td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
`;

interface Side {
  key: "a" | "b";
  ids: Int32Array;
  match: Int32Array;
  cosine: Float32Array;
  index: Map<number, number>;
  model: Model;
}

function side(model: Model, key: "a" | "b"): Side {
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

/** A side's card model; its header numbers are that side's columns the card shows. */
function cardModel(model: Model, key: "a" | "b", source: string, dSae: number): Model {
  const columns = (model.get(`${key}_columns`) as ColumnSpec[] | undefined) ?? [];
  return createLocalModel({
    feature: Number(model.get(`feature_${key}`)),
    columns: columns.filter((c) => c.card),
    d_sae: dSae,
    source,
    editable: false,
    statuses: [],
    error: "",
    _standalone: model.get("_standalone") === true,
  });
}

function render({ model, el, experimental }: RenderProps): () => void {
  const root = h("div", { class: "sw-root sw-compareview" });
  addStyle(root, baseCss + CSS);
  const banner = errorBanner();
  el.replaceChildren(root);
  root.append(banner.el);
  banner.show(String(model.get("error") ?? ""));
  const names = model.get("names") as string[];
  const sources = model.get("sources") as string[];
  let a: Side;
  let b: Side;
  try {
    a = side(model, "a");
    b = side(model, "b");
  } catch (error) {
    banner.show(`CompareView cannot draw its data: ${String(error)}`);
    return () => {};
  }
  const link = h("div", { class: "sw-cv-link", attrs: { "data-testid": "link" } }, "Hover a feature to ring its best match in the other SAE.");
  const slotA = h("div", { attrs: { "data-testid": "map-a" } });
  const slotB = h("div", { attrs: { "data-testid": "map-b" } });
  const pairSlot = h("div", { attrs: { "data-testid": "pairs" } });
  const summary = h("table", { class: "sw-cv-summary", attrs: { "data-testid": "summary" } });
  for (const row of (model.get("summary") as string[][] | undefined) ?? []) {
    summary.append(h("tr", {}, ...row.map((cell) => h("td", {}, cell))));
  }
  const cardA = h("div", { class: "sw-cv-side", attrs: { "data-testid": "card-a" } });
  const cardB = h("div", { class: "sw-cv-side", attrs: { "data-testid": "card-b" } });
  root.append(
    h(
      "div",
      { class: "sw-cv-row" },
      h("div", { class: "sw-cv-side" }, h("div", { class: "sw-cv-h" }, `${names[0]}: ${sources[0]}`), slotA),
      h("div", { class: "sw-cv-side" }, h("div", { class: "sw-cv-h" }, `${names[1]}: ${sources[1]}`), slotB),
    ),
    link,
    h(
      "div",
      { class: "sw-cv-row" },
      h("div", {}, h("div", { class: "sw-cv-h" }, "Matched pairs (one-to-one, both alive): log10 density"), pairSlot),
      h("div", {}, h("div", { class: "sw-cv-h" }, "Summary"), summary),
    ),
    h("div", { class: "sw-cv-row" }, cardA, cardB),
  );

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
  const size: [number, number] = [420, 300];
  const cleanups: (() => void)[] = [
    mountMap(a.model, slotA, baseCss, { size, onHover: (id) => describe(a, b, id) }),
    mountMap(b.model, slotB, baseCss, { size, onHover: (id) => describe(b, a, id) }),
  ];
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
  cleanups.push(
    mountMap(pairModel, pairSlot, baseCss, {
      ...{ size: [420, 300], noun: "pairs" },
      onHover: (id) => {
        a.model.set("highlight", id ?? -1);
        b.model.set("highlight", id === null ? -1 : (partnerOf.get(id) ?? -1));
      },
    }),
  );

  const invokeFor = (key: "a" | "b"): Invoke => (name, msg, options) =>
    experimental.invoke(name, { ...(msg as Record<string, unknown>), side: key }, options);
  const modelA = cardModel(model, "a", `${names[0]}: ${sources[0]}`, a.ids.length);
  const modelB = cardModel(model, "b", `${names[1]}: ${sources[1]}`, b.ids.length);
  const cards = [mountCard(cardA, modelA, invokeFor("a")), mountCard(cardB, modelB, invokeFor("b"))];
  cleanups.push(() => cards.forEach((c) => c.destroy()));
  const show = (fa: number, fb: number) => {
    model.set("feature_a", fa);
    model.set("feature_b", fb);
    model.save_changes();
  };
  const onFeatures = () => {
    modelA.set("feature", Number(model.get("feature_a")));
    modelB.set("feature", Number(model.get("feature_b")));
  };
  const unFeatures = listen(model, ["change:feature_a", "change:feature_b"], onFeatures);
  a.model.on("change:clicked", () => {
    const id = Number(a.model.get("clicked"));
    const i = a.index.get(id);
    if (i !== undefined) show(id, a.match[i]);
  });
  b.model.on("change:clicked", () => {
    const id = Number(b.model.get("clicked"));
    const i = b.index.get(id);
    if (i !== undefined) show(b.match[i], id);
  });
  pairModel.on("change:clicked", () => {
    const id = Number(pairModel.get("clicked"));
    const p = partnerOf.get(id);
    if (p !== undefined) show(id, p);
  });
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:error", onError);
  root.setAttribute("data-painted", "true");
  return () => {
    for (const c of cleanups) c();
    unFeatures();
    model.off("change:error", onError);
  };
}

export default { render };
