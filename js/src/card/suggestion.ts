// The LLM explanation shown beside a FeatureCard's annotation (sw.explain / sw.score): the best
// scored explanation, its scores against the top-tokens baseline, and (editable cards) a button
// that accepts it as the label (key a in the Annotator). Text goes in through textContent only.

import { h } from "../lib/dom";
import { scoreLine, type Suggestion } from "./data";

export interface SuggestionBox {
  el: HTMLElement;
  show(list: Suggestion[] | undefined): void;
  /** The shown explanation's text, or null when the feature has none. */
  current(): string | null;
}

export function suggestionBox(editable: boolean, accept: () => void): SuggestionBox {
  const text = h("div", { class: "sw-suggest-text", attrs: { "data-testid": "suggestion" } });
  const meta = h("div", { class: "sw-muted sw-suggest-meta", attrs: { "data-testid": "suggestion-scores" } });
  const button = h("button", { class: "sw-chip", attrs: { type: "button", "data-testid": "accept" } }, "accept as label (a)");
  button.addEventListener("click", accept);
  const el = h("div", { class: "sw-suggest" }, text, meta);
  if (editable) el.append(button);
  let shown: string | null = null;
  return {
    el,
    show(list) {
      const best = list?.[0];
      shown = best?.explanation ?? null;
      el.hidden = best === undefined;
      if (best === undefined) return;
      text.textContent = best.explanation;
      const more = list !== undefined && list.length > 1 ? ` · ${list.length - 1} more` : "";
      meta.textContent = `${best.model}: ${scoreLine(best)}${more}`;
    },
    current: () => shown,
  };
}
