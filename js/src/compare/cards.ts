// CompareView's two feature cards, each a card view on its own in-page model whose requests go to
// the CompareView's kernel side with the card's side ("a" or "b") added.

import { createLocalModel } from "../lib/model";
import { h } from "../lib/dom";
import type { ColumnSpec } from "../lib/format";
import type { Invoke, Model } from "../lib/types";
import { mountCard } from "../card/view";

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

export interface CardPair {
  /** Shows feature `fa` in card A and `fb` in card B. */
  update(fa: number, fb: number): void;
  destroy(): void;
}

/** Appends the two cards, titled `titles`, over SAEs of `sizes` features, to `parent`. */
export function cardPair(parent: HTMLElement, model: Model, titles: string[], sizes: number[], invoke: Invoke): CardPair {
  const slotA = h("div", { class: "sw-cv-side", attrs: { "data-testid": "card-a" } });
  const slotB = h("div", { class: "sw-cv-side", attrs: { "data-testid": "card-b" } });
  parent.append(h("div", { class: "sw-cv-row" }, slotA, slotB));
  const invokeFor = (key: "a" | "b"): Invoke => (name, msg, options) =>
    invoke(name, { ...(msg as Record<string, unknown>), side: key }, options);
  const modelA = cardModel(model, "a", titles[0], sizes[0]);
  const modelB = cardModel(model, "b", titles[1], sizes[1]);
  const cards = [mountCard(slotA, modelA, invokeFor("a")), mountCard(slotB, modelB, invokeFor("b"))];
  return {
    update(fa, fb) {
      modelA.set("feature", fa);
      modelB.set("feature", fb);
    },
    destroy: () => cards.forEach((c) => c.destroy()),
  };
}
