// Annotator: keyboard triage over a queue of features (saewidgets/_widgets/_annotator.py).
// The FeatureCard's own view (./card/) plus triage keys and progress. Traits read: queue,
// position, reviewed (and the card's). Keys: j/k or arrows move, 1..n set the status,
// l or Enter focus the label box, Esc leaves it.

import { mountCard, type Card } from "./card/view";
import { decodeArray, type WireArray } from "./lib/codec";
import { h } from "./lib/dom";
import type { RenderProps } from "./lib/types";

function render({ model, el, experimental }: RenderProps): () => void {
  const statuses = (model.get("statuses") as string[] | undefined) ?? [];
  const onKey = (event: KeyboardEvent, card: Card): boolean => {
    const n = Number(event.key);
    if (Number.isInteger(n) && n >= 1 && n <= statuses.length) {
      void card.form.setStatus(statuses[n - 1]);
      return true;
    }
    if (event.key === "l" || event.key === "Enter") {
      card.form.focusLabel();
      return true;
    }
    return false;
  };
  const card = mountCard(el, model, experimental.invoke, { onKey, className: "sw-annotator", formFirst: true });
  const progress = h("span", { class: "sw-progress", attrs: { "data-testid": "progress" } });
  const keys = h(
    "div",
    { class: "sw-muted sw-keys" },
    `j/k or ←/→ move · 1–${statuses.length} status · l or Enter label · Esc leave the box`,
  );
  card.extra.append(progress);
  card.root.insertBefore(keys, card.root.querySelector(".sw-card-notice"));

  const paint = () => {
    const queue = decodeArray(model.get("queue") as WireArray).data;
    const position = Number(model.get("position"));
    const reviewed = Number(model.get("reviewed"));
    const where = position >= 0 ? `#${position + 1} of ${queue.length}` : "not in the queue";
    progress.textContent = `${reviewed} / ${queue.length} reviewed · ${where}`;
  };
  const events = "change:queue change:position change:reviewed";
  model.on(events, paint);
  paint();
  card.root.focus();
  return () => {
    model.off(events, paint);
    card.destroy();
  };
}

export default { render };
