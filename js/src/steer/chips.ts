// Steer's feature chips: each a name, a strength slider, an ablate toggle and a remove button,
// and the box that adds features by id or label ("find" request).

import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import { chipText, sameShape, type Chip, type RunMessage } from "./data";

interface ChipActions {
  strength(): void;
  ablate(): void;
  remove(): void;
}

/** One chip's row; its controls change `chip` and call the matching action. */
function chipRow(chip: Chip, on: ChipActions): HTMLElement {
  const slider = h("input", {
    attrs: {
      type: "range",
      min: String(-chip.limit),
      max: String(chip.limit),
      step: String(chip.limit / 100),
      "aria-label": `strength of feature ${chip.feature}`,
      "data-feature": String(chip.feature),
    },
  });
  slider.value = String(chip.strength);
  slider.disabled = chip.ablate;
  const value = h("span", { class: "sw-num sw-st-value" }, formatValue(chip.strength));
  slider.addEventListener("input", () => {
    chip.strength = Number(slider.value);
    value.textContent = formatValue(chip.strength);
    on.strength();
  });
  const ablate = h("button", { class: "sw-chip", attrs: { type: "button", "aria-pressed": String(chip.ablate) } }, "ablate");
  ablate.addEventListener("click", () => {
    chip.ablate = !chip.ablate;
    on.ablate();
  });
  const remove = h("button", { class: "sw-chip", attrs: { type: "button", "aria-label": "remove" } }, "×");
  remove.addEventListener("click", () => on.remove());
  return h("div", { class: "sw-st-chip" }, h("span", { class: "sw-st-name" }, chipText(chip)), slider, value, ablate, remove);
}

export interface ChipList {
  el: HTMLElement;
  list(): Chip[];
  /** Adds the chips in `found` whose features are not there yet. */
  add(found: Chip[]): void;
  /** Shows the chips of a past run (keeping the labels and ranges of those still there). */
  replay(past: RunMessage["chips"]): void;
  /** Follows the synced chips: only the strengths when the features and flags are the same. */
  sync(synced: Chip[]): void;
}

/** The chips; an edit calls `changed` with how long to wait before running (ms). */
export function chipList(changed: (delay: number) => void): ChipList {
  const el = h("div", { class: "sw-st-chips" });
  let chips: Chip[] = [];
  const draw = () => {
    el.replaceChildren(
      ...chips.map((chip, i) =>
        chipRow(chip, {
          strength: () => changed(250),
          ablate: () => {
            draw();
            changed(0);
          },
          remove: () => {
            chips.splice(i, 1);
            draw();
            changed(0);
          },
        }),
      ),
    );
  };
  return {
    el,
    list: () => chips,
    add(found) {
      for (const chip of found) {
        if (!chips.some((c) => c.feature === chip.feature)) chips.push(chip);
      }
      draw();
    },
    replay(past) {
      chips = past.map((c) => ({ ...(chips.find((k) => k.feature === c.feature) ?? { label: "", limit: Math.max(1, Math.abs(c.strength) * 2) }), ...c }));
      draw();
    },
    sync(synced) {
      const sliders = el.querySelectorAll<HTMLInputElement>('input[type="range"]');
      if (sameShape(chips, synced) && sliders.length === synced.length) {
        synced.forEach((c, i) => {
          chips[i].strength = c.strength;
          sliders[i].value = String(c.strength);
          const value = sliders[i].nextElementSibling;
          if (value !== null) value.textContent = formatValue(c.strength);
        });
        return;
      }
      chips = synced;
      draw();
    },
  };
}

/** The "feature id or label" box and its "add" button; the found chips go to `add`, a failed
 * search to `report`. */
export function featureFinder(invoke: Invoke, add: (found: Chip[]) => void, report: (message: string) => void): HTMLElement[] {
  const find = h("input", { attrs: { type: "text", placeholder: "feature id or label", "aria-label": "Add feature" } });
  const button = h("button", { class: "sw-chip", attrs: { type: "button" } }, "add");
  const addFeature = async () => {
    const query = find.value.trim();
    if (query === "") return;
    try {
      const found = await request<Chip[]>(invoke, "find", { query });
      if (found.length === 0) throw new Error(`no feature matches "${query}"`);
      find.value = "";
      add(found);
    } catch (error) {
      report(String(error instanceof Error ? error.message : error));
    }
  };
  button.addEventListener("click", () => void addFeature());
  find.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void addFeature();
  });
  return [find, button];
}
