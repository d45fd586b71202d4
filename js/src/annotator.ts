// Annotator: keyboard triage over a queue of features (saewidgets/widgets/_annotator.py). Its
// child `card` is a FeatureCard in triage layout (keys 1..n status, l/Enter label, Esc leave the
// box, j/k or arrows move along the queue); this view adds the key help and the progress line.
// Traits read: card, queue, reviewed (position is derived from the card's feature).

import baseCss from "./lib/base.css";
import { child } from "./lib/children";
import { decodeArray, type WireArray } from "./lib/codec";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import type { Model, RenderProps } from "./lib/types";

const CSS = `
.sw-annotator-head { font-size: 12px; margin-bottom: 4px; }
.sw-annotator-head .sw-progress { font-variant-numeric: tabular-nums; }
.sw-annotator-head .sw-keys { font-size: 11px; }
`;

async function render({ model, el, host }: RenderProps): Promise<() => void> {
  const root = h("div", { class: "sw-root sw-annotator-tool" });
  addStyle(root, baseCss + CSS);
  const banner = errorBanner();
  const progress = h("span", { class: "sw-progress", attrs: { "data-testid": "progress" } });
  const keys = h("span", { class: "sw-muted sw-keys" });
  const slot = h("div", {});
  root.append(banner.el, h("div", { class: "sw-annotator-head" }, progress, " · ", keys), slot);
  el.replaceChildren(root);
  let cardModel: Model;
  try {
    const card = await child(host, model, "card");
    if (card === null) throw new Error("the Annotator has no card widget");
    await card.mount(slot);
    cardModel = card.model;
  } catch (error) {
    banner.show(error instanceof Error ? error.message : String(error));
    return () => {};
  }
  const statuses = (cardModel.get("statuses") as string[] | undefined) ?? [];
  keys.textContent = `j/k or ←/→ move · 1–${statuses.length} status · l or Enter label · a accept the LLM explanation · Esc leave the box`;

  const paint = () => {
    const queue = Array.from(decodeArray(model.get("queue") as WireArray).data, Number);
    const position = queue.indexOf(Number(cardModel.get("feature")));
    const reviewed = Number(model.get("reviewed"));
    const where = position >= 0 ? `#${position + 1} of ${queue.length}` : "not in the queue";
    progress.textContent = `${reviewed} / ${queue.length} reviewed · ${where}`;
  };
  const onError = () => banner.show(String(model.get("error") ?? ""));
  const unlisten = listen(model, ["change:queue", "change:reviewed"], paint);
  model.on("change:error", onError);
  cardModel.on("change:feature", paint);
  onError();
  paint();
  return () => {
    unlisten();
    model.off("change:error", onError);
    cardModel.off("change:feature", paint);
  };
}

export default { render };
