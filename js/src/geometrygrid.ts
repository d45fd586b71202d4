// GeometryGridView (saewidgets/_widgets/_geometrygrid.py): pairs of features binned by
// co-occurrence (rows) x output similarity (columns), coloured by mean decoder cosine.
// Traits read: measure, row_labels, output_edges, count, mean_cos, quadrants, n_live, n_dead,
// labels, columns (the pair cards' header numbers), features, sel_cosine, sel_lift, sel_cooc,
// sel_output, error. Written: cell, pair.
// Requests: "pairs" {row, col}; "card" {feature} (through the FeatureCard view).

import baseCss from "./lib/base.css";
import { decodeArray, type WireArray } from "./lib/codec";
import { addStyle, errorBanner, h, tooltip } from "./lib/dom";
import { listen } from "./lib/events";
import { hostInvoke } from "./lib/host";
import type { Invoke, Model, RenderProps } from "./lib/types";
import { cellGrid, readGrid } from "./geometrygrid/grid";
import { pairCards, pairList } from "./geometrygrid/pairs";
import { quadrantTable, type Quadrant } from "./geometrygrid/quadrants";
import { selectionView, type Selection } from "./geometrygrid/selection";
import css from "./geometrygrid/geometrygrid.css";

/** The selected features and their pair matrices held in `model`'s traits. */
function readSelection(model: Model): Selection {
  const arr = (key: string) => decodeArray(model.get(key) as WireArray).data;
  const ids = (model.get("features") as number[]) ?? [];
  if (ids.length === 0) return { ids, cosine: [], lift: [], cooc: [], output: [] };
  return { ids, cosine: arr("sel_cosine"), lift: arr("sel_lift"), cooc: arr("sel_cooc"), output: arr("sel_output") };
}

/** Builds the grid view of `model` in `el`; returns its teardown. */
export function mountGrid(model: Model, el: HTMLElement, invoke: Invoke): () => void {
  const root = h("div", { class: "sw-root sw-geometrygrid" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  el.replaceChildren(root);
  const tip = tooltip(root);
  root.append(banner.el);
  banner.show(String(model.get("error") ?? ""));
  const labels = () => (model.get("labels") as Record<string, string> | undefined) ?? {};
  const grid = readGrid(model);
  const cards = pairCards(model, invoke);
  const openPair = (a: number, b: number) => {
    model.set("pair", [a, b]);
    model.save_changes();
    cards.show(a, b);
  };
  const pairs = pairList(invoke, grid, labels, openPair, banner.show);
  const pickCell = (r: number, c: number) => {
    model.set("cell", [r, c]);
    model.save_changes();
    void pairs.show(r, c);
  };
  const selection = selectionView(tip, labels);
  const quadrants = quadrantTable((model.get("quadrants") as Quadrant[] | undefined) ?? []);
  root.append(...cellGrid(model, grid, tip, pickCell), quadrants, selection.el, pairs.el, cards.el);

  const onFeatures = () => selection.update(readSelection(model));
  const onError = () => banner.show(String(model.get("error") ?? ""));
  const unFeatures = listen(model, ["change:features", "change:sel_cosine"], onFeatures);
  model.on("change:error", onError);
  onFeatures();
  root.setAttribute("data-painted", "true");
  return () => {
    cards.destroy();
    unFeatures();
    model.off("change:error", onError);
  };
}

function render({ model, el, experimental }: RenderProps): () => void {
  return mountGrid(model, el, hostInvoke(model, experimental));
}

export default { render };
