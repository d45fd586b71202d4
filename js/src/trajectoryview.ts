// TrajectoryView (saewidgets/widgets/_trajectoryview.py): log10-density lines over checkpoints
// for the selected features, coloured by final state, and the map at a chosen step. Traits read:
// steps, ids, log_density [n, n_steps], floor, threshold, state, dying, maps, has_maps,
// step_index, selected, error. Traits written: selected (map brush, "dying" button), step_index.

import baseCss from "./lib/base.css";
import type { WireArray } from "./lib/codec";
import { addStyle, errorBanner, h } from "./lib/dom";
import type { RenderProps } from "./lib/types";
import { linesChart, readLines, type Lines } from "./trajectory/lines";
import { stepMap } from "./trajectory/stepmap";

const CSS = `
.sw-tv-row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.sw-tv-bar { display: flex; gap: 4px; flex-wrap: wrap; align-items: center; margin: 4px 0; }
.sw-tv-key { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 8px; }
`;

function render({ model, el }: RenderProps): () => void {
  const root = h("div", { class: "sw-root sw-trajectoryview" });
  addStyle(root, baseCss + CSS);
  const banner = errorBanner();
  el.replaceChildren(root);
  root.append(banner.el);
  banner.show(String(model.get("error") ?? ""));
  let lines: Lines;
  try {
    lines = readLines(model);
  } catch (error) {
    banner.show(`TrajectoryView cannot draw its data: ${String(error)}`);
    return () => {};
  }
  const selected = () => (model.get("selected") as number[] | undefined) ?? [];
  const select = (ids: number[]) => {
    model.set("selected", ids);
    model.save_changes();
    chart.update(selected());
  };
  const chart = linesChart(lines, Number(model.get("floor")), Number(model.get("threshold")), select);
  const pick = (k: number) => {
    model.set("step_index", k);
    model.save_changes();
  };
  const maps = (model.get("maps") as Record<string, WireArray>[] | undefined) ?? [];
  const atStep = stepMap(lines.steps, maps, model.get("has_maps") === true, pick, select);
  root.append(h("div", { class: "sw-tv-row" }, chart.el, h("div", {}, atStep.bar, atStep.slot)));

  const onStep = () => atStep.update(Number(model.get("step_index")));
  const onSelected = () => chart.update(selected());
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:step_index", onStep);
  model.on("change:selected", onSelected);
  model.on("change:error", onError);
  onStep();
  onSelected();
  root.setAttribute("data-painted", "true");
  return () => {
    atStep.destroy();
    model.off("change:step_index", onStep);
    model.off("change:selected", onSelected);
    model.off("change:error", onError);
  };
}

export default { render };
