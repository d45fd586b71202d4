// A FeatureCard's side column: the activation histogram (log counts on a tick box), the logit
// weights and the neighbour lists, whose buttons open that feature.

import { h, type Tooltip } from "../lib/dom";
import type { Payload } from "./data";
import { cardSection, histogramBlock, logitsBlock, neighboursBlock } from "./sections";

export interface CardSide {
  el: HTMLElement;
  /** Draws feature `p`'s histograms and neighbours. */
  update(p: Payload): void;
}

/** The side column; a neighbour button calls `go` with its feature. */
export function cardSide(tip: Tooltip, go: (feature: number) => void): CardSide {
  const actHist = h("div", {});
  const logits = h("div", {});
  const neighbours = h("div", {});
  const logBox = h("input", { attrs: { type: "checkbox", "aria-label": "log counts" } });
  let shown: Payload | null = null;
  const drawHistograms = (p: Payload) => {
    const log = logBox.checked;
    actHist.replaceChildren(histogramBlock(p.hist.edges, p.hist.counts, log, tip, "activations"));
    logits.replaceChildren(logitsBlock(p, log, tip));
  };
  logBox.addEventListener("change", () => shown && drawHistograms(shown));
  neighbours.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>(".sw-nb") : null;
    if (button && !button.disabled) go(Number(button.dataset.feature));
  });
  const el = h(
    "div",
    { class: "sw-card-side" },
    cardSection("Activation histogram (non-zero)", h("label", { class: "sw-muted sw-log" }, logBox, " log counts"), actHist),
    cardSection("Logit weights", logits),
    cardSection("Neighbours", neighbours),
  );
  return {
    el,
    update(p) {
      shown = p;
      drawHistograms(p);
      neighbours.replaceChildren(neighboursBlock(p));
    },
  };
}
