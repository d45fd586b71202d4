// Steer's past runs: a button per run (its chips' strengths) that shows that run again.

import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import type { RunMessage } from "./data";

/** The list; a button calls `replay` with its run. */
export function runHistory(replay: (msg: RunMessage) => void): { el: HTMLElement; update(past: RunMessage[]): void } {
  const el = h("div", { class: "sw-st-history" });
  return {
    el,
    update(past) {
      el.replaceChildren();
      if (past.length < 2) return;
      el.append(h("h4", {}, "Runs so far"));
      for (const msg of past) {
        const text = msg.chips.map((c) => (c.ablate ? `#${c.feature} ablated` : `#${c.feature} ${formatValue(c.strength)}`)).join(", ");
        const b = h("button", { class: "sw-chip", attrs: { type: "button" } }, text || "clean");
        b.addEventListener("click", () => replay(msg));
        el.append(b);
      }
    },
  };
}
