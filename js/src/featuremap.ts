// FeatureMap: every SAE feature as a point (saewidgets/_widgets/_featuremap.py).
// Traits read: ids, table [n, k] with its columns schema, flags, axes, panels, color_name, labels,
// selected, error. Traits written: selected (brush), clicked (click on a point), color_name (the
// colour menu lists every numeric column of the schema).

import baseCss from "./lib/base.css";
import type { RenderProps } from "./lib/types";
import { mountMap } from "./featuremap/view";

function render({ model, el }: RenderProps): () => void {
  return mountMap(model, el, baseCss);
}

export default { render };
