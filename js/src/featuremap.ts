// FeatureMap: every SAE feature as a point (saewidgets/_widgets/_featuremap.py).
// Traits read: ids, coords [n, 3], colour, flags, axes, panels, color_name, labels, selected, error.
// Traits written: selected (brush), clicked (click on a point).

import baseCss from "./lib/base.css";
import type { RenderProps } from "./lib/types";
import { mountMap } from "./featuremap/view";

function render({ model, el }: RenderProps): () => void {
  return mountMap(model, el, baseCss);
}

export default { render };
