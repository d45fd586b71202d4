// The map's selection: a mask and list of selected points, and the line under the panels that
// lists them by id and label.

import { h } from "../lib/dom";
import type { Model } from "../lib/types";
import type { MapData } from "./data";
import { featureName } from "./hover";
import type { Selection } from "./panel";

/** How many selected ids the selection line lists by number before "and N more". */
const LIST_MAX = 200;

export interface SelectionLine {
  el: HTMLElement;
  sel: Selection;
  set(points: number[]): void;
  /** Lists the selection (or says how to make one). */
  show(): void;
  /** Takes the model's `selected` ids; false when they are the selection already. */
  read(): boolean;
}

export function selectionLine(data: MapData, model: Model, labels: () => Record<string, string>): SelectionLine {
  const el = h("div", { class: "sw-fm-selection", attrs: { "data-testid": "selection" } });
  const sel: Selection = { mask: new Uint8Array(data.n), list: [] };
  const set = (points: number[]) => {
    sel.mask.fill(0);
    for (const i of points) sel.mask[i] = 1;
    sel.list = points;
  };
  const show = () => {
    const ids = sel.list.map((i) => data.ids[i]);
    if (ids.length === 0) {
      el.textContent = "Drag to select features; wheel to zoom; shift-drag to pan.";
      return;
    }
    const listed = ids.slice(0, LIST_MAX).map((id) => featureName(labels(), id)).join(", ");
    const more = ids.length > LIST_MAX ? ` … and ${ids.length - LIST_MAX} more` : "";
    el.textContent = `${ids.length} selected: ${listed}${more}`;
  };
  const read = () => {
    const ids = (model.get("selected") as number[] | undefined) ?? [];
    if (ids.length === sel.list.length && ids.every((id, k) => data.ids[sel.list[k]] === id)) return false;
    set(ids.map((id) => data.pointOf(id)).filter((i) => i >= 0));
    return true;
  };
  return { el, sel, set, show, read };
}
