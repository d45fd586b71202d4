// The Explorer's search box: features that fire on a text (through the kernel's Lens), whose
// top examples peak on a token, or whose label, note or explanation holds some words. Each
// result is a button that opens the feature in the card.

import { h } from "../lib/dom";
import { request } from "../lib/request";
import type { Invoke } from "../lib/types";

export interface SearchRow {
  feature: number;
  detail: string;
}

const MODES: [string, string][] = [
  ["text", "fires on this text"],
  ["token", "peaks on this token"],
  ["words", "label / note / explanation"],
];

/** One result line: "#id label" then its detail; every string goes in as text, never HTML. */
export function resultButton(row: SearchRow, label: string | undefined, open: (id: number) => void): HTMLElement {
  const name = label ? `#${row.feature} ${label}` : `#${row.feature}`;
  const b = h(
    "button",
    { class: "sw-chip sw-ex-hit", attrs: { type: "button", "data-feature": String(row.feature) } },
    h("b", {}, name),
    " ",
    h("span", { class: "sw-muted" }, row.detail),
  );
  b.addEventListener("click", () => open(row.feature));
  return b;
}

/** The search form and its result list; asks the kernel's "search" request on submit. */
export function searchPanel(
  invoke: Invoke,
  labels: () => Record<string, string>,
  open: (id: number) => void,
  showError: (message: string) => void,
): HTMLElement {
  const mode = h("select", { attrs: { "aria-label": "Search by" } });
  for (const [value, text] of MODES) mode.append(h("option", { attrs: { value } }, text));
  const query = h("input", { attrs: { type: "search", "aria-label": "Search features" } });
  query.placeholder = "search features…";
  const results = h("div", { class: "sw-ex-chips", attrs: { "data-testid": "search-results" } });
  const form = h("form", { class: "sw-ex-search" }, mode, query, h("button", { attrs: { type: "submit" } }, "Search"));
  let generation = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const mine = ++generation;
    results.replaceChildren(h("span", { class: "sw-muted" }, "searching…"));
    request<{ rows: SearchRow[] }>(invoke, "search", { mode: mode.value, query: query.value })
      .then(({ rows }) => {
        if (mine !== generation) return;
        showError("");
        const shown = rows.map((row) => resultButton(row, labels()[String(row.feature)], open));
        results.replaceChildren(...(shown.length ? shown : [h("span", { class: "sw-muted" }, "no features found")]));
      })
      .catch((error: unknown) => {
        if (mine !== generation) return;
        results.replaceChildren();
        showError(error instanceof Error ? error.message : String(error));
      });
  });
  return h("div", {}, h("div", { class: "sw-ex-h" }, "Search"), form, results);
}
