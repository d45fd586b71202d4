// Small pieces the GeometryGridView's components share: feature names, tables, pointer positions.

import { h } from "../lib/dom";

/** "#id" or "#id label". */
export function name(labels: Record<string, string>, id: number): string {
  const label = labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

/** A table with a head row. */
export function table(head: string[], rows: (string | HTMLElement)[][]): HTMLTableElement {
  return h(
    "table",
    { class: "sw-gg-table" },
    h("thead", {}, h("tr", {}, ...head.map((t) => h("th", {}, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

/** The pointer of `e` in CSS px relative to `target`. */
export function local(e: MouseEvent, target: HTMLElement): [number, number] {
  const box = target.getBoundingClientRect();
  return [e.clientX - box.left, e.clientY - box.top];
}
