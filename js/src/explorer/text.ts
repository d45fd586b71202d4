// The Explorer's text box (needs a kernel and a Lens): typed text runs through the "run" request;
// the selected features (or the card's) colour its tokens in a token view; a feature clicked in
// the token view's attribution list opens in the card.

import type { WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { createLocalModel } from "../lib/model";
import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import tokenview from "../tokenview";

const TOKEN_FEATURES = 8;

interface RunAnswer {
  tokens: string[];
  features: number[];
  acts: WireArray;
  top_ids: WireArray;
  top_vals: WireArray;
}

export interface TextContext {
  invoke: Invoke;
  /** The features to colour by: the map's selection, else the card's feature. */
  features(): number[];
  labels(): Record<string, string>;
  open(id: number): void;
  error(message: string): void;
}

/** The token view of one run's answer, its attribution list opening features in the card. */
function showTokens(slot: HTMLElement, answer: RunAnswer, text: string, ctx: TextContext, invoke: Invoke): void {
  const local = createLocalModel({
    ...answer,
    labels: ctx.labels(),
    focus: null,
    selected_token: -1,
    text,
    live: false,
    attributable: true,
    open_feature: -1,
    error: "",
    _standalone: true,
  });
  local.on("change:open_feature", () => {
    const id = local.get("open_feature");
    if (typeof id === "number" && id >= 0) ctx.open(id);
  });
  void tokenview.render({ model: local, el: slot, experimental: { invoke } });
}

/** The heading, text box and token view (as elements to append). */
export function textPanel(ctx: TextContext): HTMLElement[] {
  const slot = h("div", { attrs: { "data-testid": "ex-tokens" } });
  const box = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Text to run" } });
  box.placeholder = "Type text: the selected features (or the card's) colour its tokens";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const run = async () => {
    const mine = ++generation;
    const features = ctx.features().slice(0, TOKEN_FEATURES);
    try {
      const answer = await request<RunAnswer>(ctx.invoke, "run", { text: box.value, features });
      if (mine !== generation) return;
      ctx.error("");
      showTokens(slot, answer, box.value, ctx, ctx.invoke);
    } catch (error) {
      if (mine === generation) ctx.error(error instanceof Error ? error.message : String(error));
    }
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 500);
  });
  return [h("div", { class: "sw-ex-h" }, "Text"), box, slot];
}
