// The TrajectoryView's map at a chosen checkpoint: a button per step and the feature map drawn
// from that step's encoder bias and D/E projection.

import baseCss from "../lib/base.css";
import type { WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { seedMapModel } from "../featuremap/seedmap";
import { mountMap } from "../featuremap/view";

export interface StepMap {
  /** The step buttons. */
  bar: HTMLElement;
  /** Where the map is drawn. */
  slot: HTMLElement;
  /** Shows the map at step index `k`. */
  update(k: number): void;
  destroy(): void;
}

/** The step bar and map; a step button calls `pick(k)`, a brush on the map `select(ids)`. */
export function stepMap(
  steps: number[],
  maps: Record<string, WireArray>[],
  hasMaps: boolean,
  pick: (k: number) => void,
  select: (ids: number[]) => void,
): StepMap {
  const bar = h("div", { class: "sw-tv-bar", attrs: { "data-testid": "steps" } }, "map at step:");
  const slot = h("div", { attrs: { "data-testid": "map" } });
  steps.forEach((s, k) => {
    const b = h("button", { class: "sw-chip", attrs: { type: "button", "data-testid": `step-${s}`, "data-index": String(k) } }, String(s));
    b.addEventListener("click", () => pick(k));
    bar.append(b);
  });
  let unmount: () => void = () => {};
  return {
    bar,
    slot,
    update(k) {
      unmount();
      for (const b of bar.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.index === String(k)));
      if (!hasMaps || maps[k] === undefined) {
        slot.replaceChildren(h("div", { class: "sw-muted" }, "No encoder bias / D/E projection per step: no map."));
        unmount = () => {};
        return;
      }
      const local = seedMapModel(maps[k]);
      local.on("change:selected", () => select((local.get("selected") as number[]) ?? []));
      unmount = mountMap(local, slot, baseCss, { size: [420, 300] });
    },
    destroy: () => unmount(),
  };
}
