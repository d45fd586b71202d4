// TokenView's text: one span per token, coloured by the focused feature (else the strongest one
// at that token), special tokens grey; hovering shows the token's activations, a click selects it.

import { row } from "../lib/codec";
import { activationBackground, featureColour, intensity } from "../lib/colour";
import { h, type Tooltip } from "../lib/dom";
import { formatValue } from "../lib/format";
import { tokenLabel, tokenSegments } from "../lib/tokens";
import { featureName, swatch, type View } from "./data";

/** The slot (column) a token is coloured by: the focused feature, else the strongest one. */
function colourSlot(view: View, i: number, focus: number | null): number {
  const focused = focus === null ? -1 : view.features.indexOf(focus);
  if (focused >= 0) return focused;
  const values = row(view.acts, i);
  let best = 0;
  for (let s = 1; s < values.length; s++) {
    if (intensity(values[s], view.vmax[s]) > intensity(values[best], view.vmax[best])) best = s;
  }
  return best;
}

function tokenTip(view: View, i: number, focus: number | null): Node {
  const values = row(view.acts, i);
  const shown = h("table", {});
  view.features.forEach((id, s) => {
    const tr = h(
      "tr",
      {},
      h("td", {}, swatch(featureColour(s))),
      h("td", {}, featureName(view, id)),
      h("td", { class: "sw-num" }, formatValue(values[s])),
    );
    if (id === focus) tr.style.fontWeight = "600";
    shown.append(tr);
  });
  const top = h("table", { class: "sw-tv-top" });
  const ids = row(view.topIds, i);
  const vals = row(view.topVals, i);
  for (let k = 0; k < ids.length; k++) {
    if (!(vals[k] > 0)) continue;
    top.append(
      h(
        "tr",
        {},
        h("td", {}, featureName(view, ids[k])),
        h("td", { class: "sw-num" }, formatValue(vals[k])),
      ),
    );
  }
  return h(
    "div",
    {},
    h(
      "div",
      { class: "sw-tip-head" },
      h("b", {}, tokenLabel(view.tokens[i])),
      h("span", { class: "sw-muted" }, `  pos ${i}`),
    ),
    view.special.has(i)
      ? h("div", { class: "sw-muted" }, "special token: drawn grey, left out of the colour scale")
      : null,
    shown,
    h("h4", {}, `Top ${ids.length} features here`),
    top.childElementCount > 0 ? top : h("div", { class: "sw-muted" }, "no feature fires"),
  );
}

export interface TokenText {
  el: HTMLElement;
  /** Draws the tokens of `view` (uncoloured; see paint). */
  build(view: View): void;
  /** Colours the tokens for `focus` and marks the `selected` one. */
  paint(view: View, focus: number | null, selected: number): void;
}

/** The text of the view `current()`; hovering reads `focus()`, a click calls `pick(position)`. */
export function tokenText(tip: Tooltip, current: () => View | null, focus: () => number | null, pick: (i: number) => void): TokenText {
  const el = h("div", { class: "sw-tv-text", attrs: { "data-testid": "tokens" } });
  const tokenAt = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? target.closest<HTMLElement>(".sw-tok") : null;
  el.addEventListener("mouseover", (event) => {
    const span = tokenAt(event.target);
    const view = current();
    if (span === null || view === null) return;
    tip.show(span, tokenTip(view, Number(span.dataset.i), focus()));
  });
  el.addEventListener("mouseleave", () => tip.hide());
  el.addEventListener("scroll", () => tip.hide());
  el.addEventListener("click", (event) => {
    const span = tokenAt(event.target);
    if (span !== null) pick(Number(span.dataset.i));
  });
  return {
    el,
    build(view) {
      el.replaceChildren(...view.tokens.map(tokenSpan));
      if (view.tokens.length === 0) el.append(h("span", { class: "sw-muted" }, "(no tokens)"));
    },
    paint(view, focus, selected) {
      el.querySelectorAll<HTMLElement>(".sw-tok").forEach((span, i) => {
        const slot = colourSlot(view, i, focus);
        const value = view.acts.data[i * view.features.length + slot] ?? 0;
        const isBos = view.special.has(i);
        span.classList.toggle("sw-bos", isBos);
        span.style.background = isBos
          ? "var(--jp-layout-color3, #e4e4e4)"
          : activationBackground(featureColour(slot), value, view.vmax[slot] ?? 0);
        span.classList.toggle("sw-selected", i === selected);
      });
    },
  };
}

/** The span of token `i`: its text with line breaks and visible whitespace marks. */
function tokenSpan(token: string, i: number): HTMLElement {
  const span = h("span", { class: "sw-tok", attrs: { "data-i": String(i) } });
  for (const seg of tokenSegments(token)) {
    if (seg.kind === "break") span.append(h("br"));
    else if (seg.kind === "mark") span.append(h("span", { class: "sw-ws" }, seg.text));
    else span.append(seg.text);
  }
  return span;
}
