// The parts of a FeatureCard, each a function from decoded data to DOM. All text goes through
// textContent (h() children), so tokens and labels can never become markup.

import { decodeArray } from "../lib/codec";
import { hexToRgb } from "../lib/colour";
import { h } from "../lib/dom";
import { exampleRow } from "../lib/examples";
import { formatColumn, formatValue, type ColumnSpec } from "../lib/format";
import { barAt, drawHistogram, histogramBars } from "../lib/histogram";
import { tokenLabel } from "../lib/tokens";
import {
  exampleGroups,
  flagWords,
  maybeArray,
  neighbourList,
  type ExampleGroup,
  type Payload,
  type Stats,
} from "./data";

export const FEATURE_HUE = "#e4572e";
const HIST = { width: 300, height: 72 };

type Tip = { show(anchor: Element, content: Node): void; hide(): void };

/** A titled section of the card. */
export function cardSection(name: string, ...children: Node[]): HTMLElement {
  return h("section", { class: "sw-card-section" }, h("h4", { class: "sw-section-title" }, name), ...children);
}

/** "#17" or "#17 label" pieces: the id, then the label in its own span. */
export function featureName(id: number, labels: Record<string, string>): HTMLElement {
  const label = labels[String(id)];
  return h(
    "span",
    { class: "sw-fname" },
    h("span", { class: "sw-fid" }, `#${id}`),
    label ? h("span", { class: "sw-flabel" }, label) : null,
  );
}

/** The header numbers; each cell carries the exact value in data-value. */
export function statsBlock(stats: Stats, columns: ColumnSpec[]): HTMLElement {
  const block = h("div", { class: "sw-card-stats", attrs: { "data-testid": "stats" } });
  for (const col of columns) {
    const value = stats[col.name];
    const cell = h(
      "div",
      { class: "sw-stat", title: col.help, attrs: { "data-stat": col.name } },
      h("span", { class: "sw-stat-name" }, col.label),
      h("span", { class: "sw-stat-value" }, typeof value === "number" ? formatColumn(col.format, value) : "–"),
    );
    if (typeof value === "number") cell.dataset.value = String(value);
    block.append(cell);
  }
  return block;
}

/** Flag chips (dead / ultra-rare / dense). */
export function flagChips(stats: Stats): HTMLElement[] {
  return flagWords(stats).map((w) => h("span", { class: `sw-flag sw-flag-${w}` }, w));
}

function groupTitle(group: ExampleGroup, count: number | null | undefined): string {
  if (group.interval === -1) {
    const fires = typeof count === "number" ? ` of ${count.toLocaleString("en-US")}` : "";
    return `Top ${group.examples.length}${fires} activations`;
  }
  const n = group.n.toLocaleString("en-US");
  return `Interval ${formatValue(group.lo)} – ${formatValue(group.hi)} · ${n} activations`;
}

/** Top and quantile-interval examples, tokens coloured by the activation (scale: max act). */
export function examplesBlock(payload: Payload, tip: Tip): HTMLElement {
  const groups = exampleGroups(payload.examples);
  const vmax = payload.stats.max_act ?? 0;
  const rgb = hexToRgb(FEATURE_HUE);
  const block = h("div", { class: "sw-card-examples", attrs: { "data-testid": "examples" } });
  if (groups.length === 0 || groups.every((g) => g.examples.length === 0)) {
    block.append(h("div", { class: "sw-muted" }, "This feature never fired on the harvested tokens."));
    return block;
  }
  for (const group of groups) {
    const section = h("section", {
      class: group.interval === -1 ? "sw-group sw-group-top" : "sw-group",
      attrs: { "data-interval": String(group.interval) },
    });
    section.append(h("h4", {}, groupTitle(group, payload.stats.count)));
    for (const ex of group.examples) {
      const row = exampleRow(ex, rgb, vmax);
      row.querySelectorAll<HTMLElement>(".sw-tok").forEach((span, i) => {
        span.dataset.tip = span.title;
        span.dataset.value = String(ex.acts[i]);
        span.removeAttribute("title");
      });
      row.dataset.seq = String(ex.seq);
      row.dataset.pos = String(ex.pos);
      section.append(row);
    }
    block.append(section);
  }
  block.addEventListener("mouseover", (event) => {
    const span = event.target instanceof Element ? event.target.closest<HTMLElement>(".sw-tok") : null;
    const row = span?.closest<HTMLElement>(".sw-example");
    if (!span || !row) return;
    tip.show(
      span,
      h(
        "div",
        {},
        h("div", { class: "sw-tip-head" }, h("b", {}, span.dataset.tip ?? "")),
        h("div", { class: "sw-muted" }, `sequence ${row.dataset.seq}, max at position ${row.dataset.pos}`),
      ),
    );
  });
  block.addEventListener("mouseleave", () => tip.hide());
  return block;
}

/** A canvas histogram with its range underneath and a hover read-out of each bar. */
export function histogramBlock(
  edgesWire: Payload["hist"]["edges"],
  countsWire: Payload["hist"]["counts"],
  log: boolean,
  tip: Tip,
  unit: string,
): HTMLElement {
  const edges = decodeArray(edgesWire).data;
  const counts = decodeArray(countsWire).data;
  const wrap = h("div", { class: "sw-hist" });
  if (counts.length === 0) {
    wrap.append(h("div", { class: "sw-muted" }, "no non-zero values"));
    return wrap;
  }
  const canvas = h("canvas", { attrs: { role: "img" } });
  const layout = { ...HIST, log };
  const bars = histogramBars(edges, counts, layout);
  canvas.setAttribute("aria-label", `histogram of ${counts.length} bins`);
  try {
    drawHistogram(canvas, bars, layout, FEATURE_HUE);
  } catch {
    // no 2D context (e.g. a headless test DOM): the range labels below still say what it holds
  }
  canvas.addEventListener("mousemove", (event) => {
    const bar = barAt(bars, event.offsetX);
    if (bar === null) return tip.hide();
    tip.show(canvas, h("div", {}, `${formatValue(bar.lo)} – ${formatValue(bar.hi)}: ${bar.count.toLocaleString("en-US")} ${unit}`));
  });
  canvas.addEventListener("mouseleave", () => tip.hide());
  wrap.append(
    canvas,
    h(
      "div",
      { class: "sw-hist-axis sw-muted" },
      h("span", {}, formatValue(edges[0])),
      h("span", {}, formatValue(edges[edges.length - 1])),
    ),
  );
  return wrap;
}

function logitTable(title: string, tokens: string[], values: ArrayLike<number>, cls: string): HTMLElement {
  const table = h("table", { class: `sw-logits ${cls}` }, h("caption", {}, title));
  tokens.forEach((t, i) =>
    table.append(
      h(
        "tr",
        {},
        h("td", { class: "sw-logit-tok" }, tokenLabel(t)),
        h("td", { class: "sw-num" }, formatValue(values[i])),
      ),
    ),
  );
  return table;
}

/** Positive and negative logit tables and the logit-weight histogram. */
export function logitsBlock(payload: Payload, log: boolean, tip: Tip): HTMLElement {
  const lg = payload.logits;
  const block = h("div", { class: "sw-card-logits", attrs: { "data-testid": "logits" } });
  block.append(h("div", { class: "sw-muted sw-note" }, "direct path, final layer norm ignored"));
  if (lg.error !== undefined) {
    block.append(h("div", { class: "sw-muted" }, lg.error));
    return block;
  }
  const top = maybeArray(lg.top_values);
  const bottom = maybeArray(lg.bottom_values);
  block.append(
    h(
      "div",
      { class: "sw-logit-tables" },
      logitTable("Positive", lg.top_tokens ?? [], top?.data ?? [], "sw-pos"),
      logitTable("Negative", lg.bottom_tokens ?? [], bottom?.data ?? [], "sw-neg"),
    ),
  );
  if (lg.hist_edges !== undefined && lg.hist_counts !== undefined) {
    block.append(histogramBlock(lg.hist_edges, lg.hist_counts, log, tip, "tokens"));
  }
  return block;
}

const NEIGHBOUR_TITLES: Record<string, string> = {
  cosine: "Decoder cosine",
  cooccurrence: "Co-occurrence (NPMI · tokens together, at least 3)",
  output: "Output similarity",
};

/** The three neighbour lists; each entry a button that opens that feature (data-feature). */
export function neighboursBlock(payload: Payload): HTMLElement {
  const missing = new Set(payload.missing);
  const block = h("div", { class: "sw-card-neighbours", attrs: { "data-testid": "neighbours" } });
  for (const [kind, wire] of Object.entries(payload.neighbours)) {
    const list = h("ol", { class: "sw-nb-list", attrs: { "data-kind": kind } });
    const section = h("section", {}, h("h4", {}, NEIGHBOUR_TITLES[kind] ?? kind), list);
    if (wire.error !== undefined) list.append(h("li", { class: "sw-muted" }, wire.error));
    const items = neighbourList(wire);
    if (wire.error === undefined && items.length === 0) list.append(h("li", { class: "sw-muted" }, "none"));
    for (const nb of items) {
      const value =
        nb.count === null ? formatValue(nb.value) : `${formatValue(nb.value)} · ${nb.count.toLocaleString("en-US")}×`;
      const button = h(
        "button",
        { class: "sw-nb", attrs: { type: "button", "data-feature": String(nb.feature) } },
        featureName(nb.feature, payload.labels),
        h("span", { class: "sw-num" }, value),
      );
      if (missing.has(nb.feature)) {
        button.disabled = true;
        button.title = "not in this export";
        button.append(h("span", { class: "sw-muted sw-nb-missing" }, "not exported"));
      }
      list.append(h("li", {}, button));
    }
    block.append(section);
  }
  return block;
}
