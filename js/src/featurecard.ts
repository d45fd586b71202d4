// FeatureCard: one SAE feature (saewidgets/widgets/_featurecard.py). Traits read: feature,
// source, editable, statuses, columns (the header numbers' schema), triage, error. Written:
// feature. Requests: "card" {feature}, "annotate" {feature, label?, status?, tags?, note?}.
// The card itself lives in ./card/.
// In triage layout (the Annotator's child) the form comes first and keys 1..n set the status,
// l or Enter focus the label box, a accepts the LLM explanation shown as the label.

import { mountCard, type Card, type CardOptions } from "./card/view";
import { hostInvoke } from "./lib/host";
import type { RenderProps } from "./lib/types";

function triageOptions(statuses: string[]): CardOptions {
  const onKey = (event: KeyboardEvent, card: Card): boolean => {
    const n = Number(event.key);
    if (Number.isInteger(n) && n >= 1 && n <= statuses.length) {
      void card.form.setStatus(statuses[n - 1]);
      return true;
    }
    if (event.key === "a") {
      void card.accept();
      return true;
    }
    if (event.key === "l" || event.key === "Enter") {
      card.form.focusLabel();
      return true;
    }
    return false;
  };
  return { onKey, className: "sw-annotator", formFirst: true };
}

function render({ model, el, experimental }: RenderProps): () => void {
  const triage = model.get("triage") === true;
  const statuses = (model.get("statuses") as string[] | undefined) ?? [];
  const card = mountCard(el, model, hostInvoke(model, experimental), triage ? triageOptions(statuses) : {});
  if (triage) card.root.focus();
  return () => card.destroy();
}

export default { render };
