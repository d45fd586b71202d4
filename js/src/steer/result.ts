// Steer's result: the clean and steered continuations side by side, the next-token probabilities
// before and after, and the KL divergence per prompt position.

import { decodeArray, type WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { formatPercent, formatValue } from "../lib/format";
import { tokenLabel } from "../lib/tokens";
import { klShade } from "./data";

/** A "run" answer (and the "result" trait). */
export interface Result {
  prompt: string;
  tokens: string[];
  text_clean: string;
  text_after: string;
  kind: string;
  kl: WireArray;
  top: { token: string[]; p_clean: WireArray; p_after: WireArray };
}

function continuation(title: string, prompt: string, text: string, testid: string): HTMLElement {
  return h(
    "div",
    { class: "sw-st-col" },
    h("h4", {}, title),
    h(
      "div",
      { class: "sw-st-text" },
      h("span", { class: "sw-muted" }, prompt),
      h("span", { class: "sw-st-new", attrs: { "data-testid": testid } }, text),
    ),
  );
}

function bars(result: Result): HTMLElement {
  const pc = decodeArray(result.top.p_clean).data;
  const pa = decodeArray(result.top.p_after).data;
  const table = h("table", { class: "sw-st-bars", attrs: { "data-testid": "next-tokens" } });
  table.append(
    h("tr", {}, h("th", {}, "next token"), h("th", {}, "clean"), h("th", {}, "steered"), h("th", {}, "change")),
  );
  result.top.token.forEach((token, i) => {
    const bar = (p: number, cls: string) => {
      const b = h("span", { class: `sw-st-bar ${cls}` });
      b.style.width = `${Math.round(Math.max(0, Math.min(1, p)) * 120)}px`;
      return h("td", {}, b, h("span", { class: "sw-num" }, ` ${formatPercent(p)}`));
    };
    const delta = pa[i] - pc[i];
    table.append(
      h(
        "tr",
        {},
        h("td", { class: "sw-st-tok" }, tokenLabel(token)),
        bar(pc[i], "sw-st-clean"),
        bar(pa[i], "sw-st-after"),
        h("td", { class: delta >= 0 ? "sw-num sw-st-up" : "sw-num sw-st-down" }, `${delta >= 0 ? "+" : ""}${formatPercent(delta)}`),
      ),
    );
  });
  return table;
}

function klStrip(result: Result): HTMLElement {
  const kl = decodeArray(result.kl).data;
  let max = 0;
  for (const v of kl) max = Math.max(max, v);
  const strip = h("div", { class: "sw-st-kl", attrs: { "data-testid": "kl" } });
  result.tokens.forEach((token, i) => {
    const span = h("span", { class: "sw-tok", title: `KL(clean || steered) at pos ${i}: ${formatValue(kl[i])}` }, tokenLabel(token));
    span.style.background = klShade(kl[i], max);
    strip.append(span);
  });
  return h("div", {}, h("h4", {}, `KL per position (max ${formatValue(max)})`), strip);
}

/** The result area; `update(null)` says what to do first. */
export function resultView(): { el: HTMLElement; update(result: Result | null): void } {
  const el = h("div", { class: "sw-st-out" });
  return {
    el,
    update(result) {
      if (result === null) {
        el.replaceChildren(h("div", { class: "sw-muted" }, "Type a prompt and add a feature."));
        return;
      }
      const shownPrompt = result.prompt;
      el.replaceChildren(
        h(
          "div",
          { class: "sw-st-cols" },
          continuation("clean", shownPrompt, result.text_clean, "text-clean"),
          continuation(result.kind === "none" ? "unchanged" : result.kind, shownPrompt, result.text_after, "text-after"),
        ),
        bars(result),
        klStrip(result),
      );
    },
  };
}
