// A FeatureCard's head: previous/next buttons, the title (id, label, Neuronpedia link), the flag
// chips, a slot for the Annotator's progress and the go-to box (see goto.ts).

import { h } from "../lib/dom";
import type { Payload } from "./data";
import { labelSteps } from "./exportnote";
import { neuronpediaLink } from "./neuronpedia";
import { featureName, flagChips } from "./sections";

export interface CardHead {
  el: HTMLElement;
  /** Header slot the Annotator fills with its progress. */
  extra: HTMLElement;
  /** Draws feature `p`'s title, flags and step buttons. */
  update(p: Payload): void;
  /** Redraws the title of the feature shown (its label changed). */
  retitle(p: Payload): void;
}

/** The head; the step buttons call `go` with the previous or next feature, `gotoBox` ends it. */
export function cardHead(go: (feature: number | null) => void, gotoBox: HTMLElement): CardHead {
  const prev = h("button", { class: "sw-nav", attrs: { type: "button", "aria-label": "previous feature (k)", "data-testid": "prev" } }, "‹");
  const next = h("button", { class: "sw-nav", attrs: { type: "button", "aria-label": "next feature (j)", "data-testid": "next" } }, "›");
  const title = h("h3", { class: "sw-card-title", attrs: { "data-testid": "title" } });
  const flags = h("span", { class: "sw-flags" });
  const extra = h("div", { class: "sw-card-extra" });
  let shown: Payload | null = null;
  prev.addEventListener("click", () => go(shown?.prev ?? null));
  next.addEventListener("click", () => go(shown?.next ?? null));
  const retitle = (p: Payload) => title.replaceChildren("Feature ", featureName(p.feature, p.labels), ...neuronpediaLink(p.neuronpedia));
  return {
    el: h("div", { class: "sw-card-head" }, prev, title, flags, next, extra, gotoBox),
    extra,
    update(p) {
      shown = p;
      retitle(p);
      flags.replaceChildren(...flagChips(p.stats));
      labelSteps(prev, next, p);
    },
    retitle,
  };
}
