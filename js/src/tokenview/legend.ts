// TokenView's legend: "all" and a chip per shown feature (colour, name, maximum); a chip focuses
// the text on its feature.

import { featureColour, type RGB } from "../lib/colour";
import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import { featureName, swatch, type View } from "./data";

export interface FocusLegend {
  el: HTMLElement;
  /** Draws the chips of `view`, the one of `focus` pressed. */
  update(view: View, focus: number | null): void;
}

/** The legend; a chip calls `choose` with its feature (null: "all"). */
export function focusLegend(choose: (feature: number | null) => void): FocusLegend {
  const el = h("div", { class: "sw-tv-legend" });
  return {
    el,
    update(view, focus) {
      const chip = (label: string, value: number | null, colour: RGB | null) => {
        const b = h("button", { class: "sw-chip", attrs: { type: "button" } });
        if (colour !== null) b.append(swatch(colour));
        b.append(label);
        b.setAttribute("aria-pressed", String(focus === value));
        b.addEventListener("click", () => choose(value));
        return b;
      };
      el.replaceChildren(
        chip("all", null, null),
        ...view.features.map((id, s) => chip(`${featureName(view, id)} · max ${formatValue(view.vmax[s])}`, id, featureColour(s))),
      );
    },
  };
}
