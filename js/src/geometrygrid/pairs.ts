// The GeometryGridView's pairs: a picked cell's strongest pairs ("pairs" request), each with an
// "open both" button, and the two feature cards of the opened pair.

import { h } from "../lib/dom";
import { countOf, formatValue } from "../lib/format";
import { createLocalModel } from "../lib/model";
import { request } from "../lib/request";
import type { Invoke, Model } from "../lib/types";
import { mountCard } from "../card/view";
import { cellRange, type Grid } from "./grid";
import { name, table } from "./parts";

interface PairRow {
  feature_a: number;
  feature_b: number;
  cosine: number;
  output_sim: number;
  cooc_count: number;
  lift: number;
  jaccard: number;
}

export interface PairList {
  el: HTMLElement;
  /** Lists the pairs of cell (r, c). */
  show(r: number, c: number): Promise<void>;
}

/** The list; "open both" calls `open(a, b)`, a failed request goes to `report`. */
export function pairList(
  invoke: Invoke,
  grid: Grid,
  labels: () => Record<string, string>,
  open: (a: number, b: number) => void,
  report: (message: string) => void,
): PairList {
  const el = h("div", { class: "sw-gg-pairs", attrs: { "data-testid": "pairs" } });
  const row = (p: PairRow) => {
    const button = h("button", { class: "sw-chip", attrs: { type: "button" } }, "open both");
    button.addEventListener("click", () => open(p.feature_a, p.feature_b));
    const values = [formatValue(p.cosine), formatValue(p.output_sim), String(p.cooc_count), formatValue(p.lift)];
    return [name(labels(), p.feature_a), name(labels(), p.feature_b), ...values, button];
  };
  const show = async (r: number, c: number) => {
    el.replaceChildren(h("div", { class: "sw-muted" }, "loading pairs…"));
    try {
      const rows = await request<PairRow[]>(invoke, "pairs", { row: r, col: c });
      const k = r * grid.nc + c;
      const head = `${grid.rowLabels[r]}, ${cellRange(grid, c)}: ` +
        `${countOf(grid.count.data[k], "pair")}, mean cosine ${formatValue(grid.mean.data[k])}; strongest |cosine|:`;
      el.replaceChildren(
        h("div", { class: "sw-gg-head" }, head),
        table(["feature a", "feature b", "cosine", "output sim", "co-fire", "lift"], rows.map(row)),
      );
    } catch (error) {
      el.replaceChildren();
      report(error instanceof Error ? error.message : String(error));
    }
  };
  return { el, show };
}

/** The two cards of an opened pair, each a card view on its own in-page model. */
export function pairCards(model: Model, invoke: Invoke): { el: HTMLElement; show(a: number, b: number): void; destroy(): void } {
  const el = h("div", { class: "sw-gg-cards", attrs: { "data-testid": "pair-cards" } });
  const cards: { destroy(): void }[] = [];
  const destroy = () => {
    for (const c of cards.splice(0)) c.destroy();
  };
  return {
    el,
    show(a, b) {
      destroy();
      el.replaceChildren();
      for (const f of [a, b]) {
        const slot = h("div", { class: "sw-gg-card" });
        el.append(slot);
        const local = createLocalModel({
          feature: f,
          editable: false,
          statuses: [],
          columns: model.get("columns") ?? [],
          d_sae: 0,
          source: "",
          error: "",
          _standalone: model.get("_standalone") === true,
        });
        cards.push(mountCard(slot, local, invoke));
      }
    },
    destroy,
  };
}
