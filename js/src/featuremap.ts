// FeatureMap: every SAE feature as a point (saewidgets/widgets/_featuremap.py).
// Traits read: ids, wire (the compressed table; see featuremap/data.ts) with its columns schema,
// flags, axes, panels, color_name, labels, selected, error. Traits written: selected (brush),
// clicked (click on a point), color_name (the colour menu lists every numeric column of the
// schema). Request: "row" (a hovered feature's exact values, where a kernel is behind the view).

import baseCss from "./lib/base.css";
import { errorBanner } from "./lib/dom";
import { hostInvoke } from "./lib/host";
import type { RenderProps } from "./lib/types";
import { wireTable } from "./featuremap/data";
import { mountMap } from "./featuremap/view";

async function render({ model, el, experimental }: RenderProps): Promise<() => void> {
  let table: Float32Array | null;
  try {
    table = await wireTable(model);
  } catch (error) {
    const banner = errorBanner();
    el.replaceChildren(banner.el);
    banner.show(`FeatureMap cannot decode its data: ${String(error)}`);
    return () => {};
  }
  const invoke = model.get("_standalone") === true ? undefined : hostInvoke(model, experimental);
  return mountMap(model, el, baseCss, { table: table ?? undefined, invoke });
}

export default { render };
