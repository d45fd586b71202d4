// FeatureCard: one SAE feature (saewidgets/_widgets/_featurecard.py). Traits read: feature,
// source, editable, statuses, error. Trait written: feature. Requests: "card" {feature},
// "annotate" {feature, label?, status?, tags?, note?}. The card itself lives in ./card/.

import { mountCard } from "./card/view";
import { hostInvoke } from "./lib/host";
import type { RenderProps } from "./lib/types";

function render({ model, el, experimental }: RenderProps): () => void {
  const card = mountCard(el, model, hostInvoke(model, experimental));
  return () => card.destroy();
}

export default { render };
