// A FeatureCard's go-to box: type an id or part of a label; Enter opens the first hit, several
// hits are listed as buttons under the head.

import { h } from "../lib/dom";
import { findFeatures } from "../lib/goto";

export interface GotoBox {
  input: HTMLInputElement;
  hits: HTMLElement;
}

/** The box over `labels()` and ids below `dSae()`; a chosen feature goes to `go`. */
export function gotoBox(labels: () => Record<string, string>, dSae: () => number, go: (feature: number) => void): GotoBox {
  const input = h("input", {
    class: "sw-goto",
    attrs: { type: "search", placeholder: "go to: id or label", "aria-label": "go to feature", "data-testid": "goto" },
  });
  const hits = h("div", { class: "sw-goto-hits", attrs: { "data-testid": "goto-hits" } });
  const find = () => {
    const found = findFeatures(input.value, labels(), dSae());
    hits.replaceChildren();
    if (input.value.trim() !== "" && found.length === 0) hits.append(h("span", { class: "sw-muted" }, "no such feature"));
    if (found.length > 1) {
      const names = labels();
      for (const id of found) {
        const b = h("button", { class: "sw-chip sw-nb", attrs: { type: "button", "data-feature": String(id) } }, `#${id} ${names[String(id)] ?? ""}`.trim());
        hits.append(b);
      }
    }
    return found;
  };
  input.addEventListener("input", () => void find());
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const found = find();
    if (found.length >= 1) go(found[0]);
  });
  hits.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button") : null;
    if (button) go(Number(button.dataset.feature));
  });
  return { input, hits };
}
