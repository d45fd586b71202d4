// The Explorer's chips of the features selected in the map: a click opens one in the card; the
// chip of the card's feature is pressed.

import { h } from "../lib/dom";

const CHIPS_MAX = 60;

export interface Chips {
  el: HTMLElement;
  /** Redraws the chips of `ids` (labels from `labels`; `shown` pressed). */
  draw(ids: number[], labels: Record<string, string>, shown: unknown): void;
}

export function selectionChips(open: (id: number) => void): Chips {
  const el = h("div", { class: "sw-ex-chips", attrs: { "data-testid": "chips" } });
  return {
    el,
    draw(ids, labels, shown) {
      el.replaceChildren(
        ...ids.slice(0, CHIPS_MAX).map((id) => {
          const label = labels[String(id)];
          const b = h("button", { class: "sw-chip", attrs: { type: "button" } }, label ? `#${id} ${label}` : `#${id}`);
          b.setAttribute("aria-pressed", String(shown === id));
          b.addEventListener("click", () => open(id));
          return b;
        }),
      );
      if (ids.length > CHIPS_MAX) el.append(h("span", { class: "sw-muted" }, `and ${ids.length - CHIPS_MAX} more`));
      if (ids.length === 0) el.append(h("span", { class: "sw-muted" }, "drag in the map to select"));
    },
  };
}
