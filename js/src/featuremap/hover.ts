// The map's hover: a tooltip with the point's id, label and every column of the schema, drawn
// at once from the values the map holds (most at 3 significant digits), then, where a kernel is
// behind the view, redrawn with the feature's exact row fetched from it (FeatureMap's "row"
// request; rows are kept, so a second hover of a point is exact at once).

import { decodeArray, type WireArray } from "../lib/codec";
import { h, type Tooltip } from "../lib/dom";
import { formatColumn } from "../lib/format";
import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import { DEAD, DENSE, ULTRA_RARE, type MapData } from "./data";

export function featureName(labels: Record<string, string>, id: number): string {
  const label = labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

/** The hover of point i: its id and label, then every column (help on hover); `exact` marks
 * values that came from the kernel (each cell carries the value in data-value). */
export function tipContent(data: MapData, labels: Record<string, string>, i: number, values: ArrayLike<number>, exact: boolean): HTMLElement {
  const id = data.ids[i];
  const f = data.flags[i];
  const rows = data.columns.map((col, c) => {
    const value = values[c];
    const text = col.name === "log10_density" && f & DEAD ? "dead (never fired)" : Number.isFinite(value) ? formatColumn(col.format, value) : "—";
    const cell = h("td", { class: "sw-num", attrs: { "data-column": col.name, "data-value": String(value) } }, text);
    return h("tr", { title: col.help }, h("td", {}, col.label), cell);
  });
  const kinds = [f & DEAD && "dead", f & ULTRA_RARE && "ultra-rare", f & DENSE && "dense"].filter(Boolean);
  return h(
    "div",
    { attrs: { "data-feature": String(id), "data-exact": String(exact) } },
    h("div", { class: "sw-tip-head" }, h("b", {}, featureName(labels, id))),
    h("table", {}, ...rows),
    kinds.length > 0 ? h("div", { class: "sw-muted" }, kinds.join(", ")) : null,
  );
}

export interface Hover {
  /** Shows point i's tooltip at (x, y) of the page; i < 0 hides it. */
  show(i: number, x: number, y: number): void;
  hide(): void;
}

/** The tooltip of hovered points; `invoke` (null: no kernel) fetches exact rows. */
export function mapHover(data: MapData, tip: Tooltip, labels: () => Record<string, string>, invoke: Invoke | null): Hover {
  const exact = new Map<number, Float32Array>();
  let shown = -1;
  let at: [number, number] = [0, 0];
  const draw = (i: number) => {
    const row = exact.get(data.ids[i]);
    const k = data.columns.length;
    tip.showAt(at[0], at[1], tipContent(data, labels(), i, row ?? data.table.subarray(k * i, k * (i + 1)), row !== undefined));
  };
  const fetchRow = async (i: number) => {
    const id = data.ids[i];
    if (invoke === null || exact.has(id)) return;
    try {
      const answer = await request<{ values: WireArray }>(invoke, "row", { feature: id });
      exact.set(id, decodeArray(answer.values).data as Float32Array);
      if (shown === i) draw(i);
    } catch {
      // the hover keeps the values the map holds (3 significant digits)
    }
  };
  return {
    show(i, x, y) {
      shown = i;
      if (i < 0) return tip.hide();
      at = [x, y];
      draw(i);
      void fetchRow(i);
    },
    hide() {
      shown = -1;
      tip.hide();
    },
  };
}
