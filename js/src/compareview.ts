// CompareView (saewidgets/widgets/_compareview.py): two SAEs' maps side by side, a matched-pairs
// density scatter and two cards. Traits read: a_* / b_* (ids, columns, table, flags, match,
// match_cosine), pair_ids, pair_columns, pair_table, pair_partner, names, sources, summary, feature_a,
// feature_b, error. Traits written: feature_a, feature_b (clicks). Request: "card" {side, feature}.
// Hovering a point in one map rings its best decoder match in the other (the key "highlight" of
// that map's in-page model).

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import type { RenderProps } from "./lib/types";
import { cardPair } from "./compare/cards";
import { side, sideMaps, type Side } from "./compare/maps";
import { pairScatter, summaryTable } from "./compare/pairs";

const CSS = `
.sw-cv-row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.sw-cv-side { flex: 1 1 420px; min-width: 0; }
.sw-cv-h { font-weight: 600; margin: 6px 0 2px; }
.sw-cv-link { min-height: 1.4em; margin: 4px 0; }
.sw-cv-summary td { padding: 1px 8px; }
.sw-cv-summary td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
`;

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
  const show = (fa: number, fb: number) => {
    model.set("feature_a", fa);
    model.set("feature_b", fb);
    model.save_changes();
  };
  const titles = [`${names[0]}: ${sources[0]}`, `${names[1]}: ${sources[1]}`];
  const unmountMaps = sideMaps(root, [a, b], names, titles, show);
  const pairBox = h("div", {});
  root.append(h("div", { class: "sw-cv-row" }, pairBox, summaryTable((model.get("summary") as string[][] | undefined) ?? [])));
  const unmountPairs = pairScatter(pairBox, model, [a, b], show);
  const cards = cardPair(root, model, titles, [a.ids.length, b.ids.length], experimental.invoke);

  const onFeatures = () => cards.update(Number(model.get("feature_a")), Number(model.get("feature_b")));
  const unFeatures = listen(model, ["change:feature_a", "change:feature_b"], onFeatures);
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:error", onError);
  root.setAttribute("data-painted", "true");
  return () => {
    unmountMaps();
    unmountPairs();
    cards.destroy();
    unFeatures();
    model.off("change:error", onError);
  };
}

export default { render };
