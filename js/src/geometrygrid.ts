// GeometryGridView (saewidgets/_widgets/_geometrygrid.py): pairs of features binned by
// co-occurrence (rows) x output similarity (columns), coloured by mean decoder cosine.
// Traits read: measure, row_labels, output_edges, count, mean_cos, quadrants, n_live, n_dead,
// labels, columns (the pair cards' header numbers), features, sel_cosine, sel_lift, sel_cooc,
// sel_output, error. Written: cell, pair.
// Requests: "pairs" {row, col}; "card" {feature} (through the FeatureCard view).

import baseCss from "./lib/base.css";
import { decodeArray, type NDArray, type WireArray } from "./lib/codec";
import { addStyle, errorBanner, h, tooltip } from "./lib/dom";
import { listen } from "./lib/events";
import { countOf, formatValue } from "./lib/format";
import { hostInvoke } from "./lib/host";
import { createLocalModel } from "./lib/model";
import { request } from "./lib/request";
import { css as rgbCss, diverging, tickLabel } from "./lib/scale";
import type { Invoke, Model, RenderProps } from "./lib/types";
import { mountCard } from "./card/view";
import { heatmap } from "./geometrygrid/heatmap";
import css from "./geometrygrid/geometrygrid.css";

interface PairRow {
  feature_a: number;
  feature_b: number;
  cosine: number;
  output_sim: number;
  cooc_count: number;
  lift: number;
  jaccard: number;
}

interface Quadrant {
  output: string;
  cooccurrence: string;
  pairs: number;
  mean_cos: number | null;
}

/** Seed 001's heuristic for each quadrant (what the measured table is checked against). */
const SEED: Record<string, string> = {
  "output similar|co-occur": "cos > 0",
  "output similar|do not co-occur": "cos < 0",
  "output different|co-occur": "cos ≈ 0",
  "output different|do not co-occur": "cos < 0",
};

const CELL = 30;

function name(labels: Record<string, string>, id: number): string {
  const label = labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

/** Cells with fewer pairs are faded and do not set the colour scale. */
export const MIN_PAIRS = 30;

function cellWeight(n: number): number {
  return n >= MIN_PAIRS ? 1 : 0.2 + (0.8 * n) / MIN_PAIRS;
}

function compact(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

function table(head: string[], rows: (string | HTMLElement)[][]): HTMLTableElement {
  return h(
    "table",
    { class: "sw-gg-table" },
    h("thead", {}, h("tr", {}, ...head.map((t) => h("th", {}, t)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

export function mountGrid(model: Model, el: HTMLElement, invoke: Invoke): () => void {
  const root = h("div", { class: "sw-root sw-geometrygrid" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  el.replaceChildren(root);
  const tip = tooltip(root);
  root.append(banner.el);
  banner.show(String(model.get("error") ?? ""));
  const labels = () => (model.get("labels") as Record<string, string> | undefined) ?? {};
  const arr = (key: string): NDArray => decodeArray(model.get(key) as WireArray);

  const count = arr("count");
  const mean = arr("mean_cos");
  const edges = arr("output_edges").data;
  const rowLabels = model.get("row_labels") as string[];
  const [nr, nc] = count.shape;
  // Cells of few pairs neither set the colour scale nor draw at full strength (their means are noise).
  let vmax = 0;
  for (let k = 0; k < count.data.length; k++) {
    if (count.data[k] >= MIN_PAIRS) vmax = Math.max(vmax, Math.abs(mean.data[k]));
  }
  if (vmax === 0) for (let k = 0; k < count.data.length; k++) if (count.data[k] > 0) vmax = Math.max(vmax, Math.abs(mean.data[k]));
  vmax = vmax || 1;
  const map = heatmap({
    rows: nr,
    cols: nc,
    cellW: CELL,
    cellH: 22,
    vmax,
    value: (r, c) => (count.data[r * nc + c] > 0 ? mean.data[r * nc + c] : null),
    weight: (r, c) => cellWeight(count.data[r * nc + c]),
  });
  map.canvas.classList.add("sw-gg-grid");
  const ctx = map.canvas.getContext("2d") as CanvasRenderingContext2D;
  ctx.font = "9px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const n = count.data[r * nc + c];
      if (n === 0) continue;
      const strong = n >= MIN_PAIRS && Math.abs(mean.data[r * nc + c]) > 0.6 * vmax;
      ctx.fillStyle = strong ? "#fff" : "#1f2328";
      ctx.fillText(compact(n), c * CELL + CELL / 2, r * 22 + 11);
    }
  }
  const measure = String(model.get("measure"));
  const rowAxis = h("div", { class: "sw-gg-rows" }, ...rowLabels.map((t) => h("div", {}, t)));
  const colAxis = h(
    "div",
    { class: "sw-gg-cols" },
    ...Array.from({ length: nc + 1 }, (_, i) => (i % 2 === 0 ? h("span", {}, tickLabel(edges[i])) : h("span", {}, ""))),
  );
  const title = h(
    "div",
    { class: "sw-gg-title" },
    `Pairs of ${Number(model.get("n_live")).toLocaleString("en-US")} live features ` +
      `(${Number(model.get("n_dead")).toLocaleString("en-US")} never-firing left out): rows = ` +
      `co-occurrence (${measure === "lift" ? "log10 lift" : "Jaccard"}), columns = output similarity, ` +
      `colour = mean decoder cosine (blue < 0 < red, |max| ${formatValue(vmax)}), text = pairs.`,
  );
  const legend = h(
    "div",
    { class: "sw-gg-legend", attrs: { "data-testid": "grid-legend" } },
    h("span", {}, "mean decoder cosine"),
    h("span", { class: "sw-num" }, formatValue(-vmax)),
    h("span", { class: "sw-gg-bar" }),
    h("span", { class: "sw-num" }, formatValue(vmax)),
    h("span", { class: "sw-muted" }, `· faded: fewer than ${MIN_PAIRS} pairs`),
  );
  (legend.querySelector(".sw-gg-bar") as HTMLElement).style.background =
    `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => rgbCss(diverging((2 * t - 1) * vmax, vmax))).join(", ")})`;
  const rowTitle = h("div", { class: "sw-gg-axis sw-gg-axis-rows" }, `co-occurrence (${measure === "lift" ? "log10 lift" : "Jaccard"})`);
  const colTitle = h("div", { class: "sw-gg-axis" }, "output similarity (cosine of logit weights)");
  const gridBox = h(
    "div",
    { class: "sw-gg-gridbox" },
    h("div", {}, rowTitle, rowAxis),
    h("div", {}, h("div", { class: "sw-gg-axis-spacer" }), map.canvas, colAxis, colTitle),
  );
  const quads = (model.get("quadrants") as Quadrant[]) ?? [];
  const summary = h(
    "div",
    { class: "sw-gg-summary", attrs: { "data-testid": "quadrants" } },
    h("div", {}, "Seed 001's table, measured on this SAE (mean decoder cosine, pairs):"),
    table(
      ["output", "co-occur", "do not co-occur"],
      ["output similar", "output different"].map((out) => [
        out,
        ...["co-occur", "do not co-occur"].map((co) => {
          const q = quads.find((x) => x.output === out && x.cooccurrence === co);
          const value = q === undefined || q.mean_cos === null ? "—" : formatValue(q.mean_cos);
          return `${value} (${countOf(q?.pairs ?? 0, "pair")}; seed: ${SEED[`${out}|${co}`]})`;
        }),
      ]),
    ),
  );
  const pairsBox = h("div", { class: "sw-gg-pairs", attrs: { "data-testid": "pairs" } });
  const cardsBox = h("div", { class: "sw-gg-cards", attrs: { "data-testid": "pair-cards" } });
  const selBox = h("div", { class: "sw-gg-selection" });
  root.append(title, legend, gridBox, summary, selBox, pairsBox, cardsBox);

  const cards: { destroy(): void }[] = [];
  const showPair = (a: number, b: number) => {
    model.set("pair", [a, b]);
    model.save_changes();
    for (const c of cards.splice(0)) c.destroy();
    cardsBox.replaceChildren();
    for (const f of [a, b]) {
      const slot = h("div", { class: "sw-gg-card" });
      cardsBox.append(slot);
      const local = createLocalModel({
        feature: f,
        editable: false,
        statuses: [],
        columns: model.get("columns") ?? [],
        d_sae: 0,
        source: "",
        error: "",
        _standalone: model.get("_standalone") === true,
      });
      cards.push(mountCard(slot, local, invoke));
    }
  };
  const showCell = async (r: number, c: number) => {
    model.set("cell", [r, c]);
    model.save_changes();
    pairsBox.replaceChildren(h("div", { class: "sw-muted" }, "loading pairs…"));
    try {
      const rows = await request<PairRow[]>(invoke, "pairs", { row: r, col: c });
      const head = `${rowLabels[r]}, output similarity ${tickLabel(edges[c])}..${tickLabel(edges[c + 1])}: ` +
        `${countOf(count.data[r * nc + c], "pair")}, mean cosine ${formatValue(mean.data[r * nc + c])}; strongest |cosine|:`;
      pairsBox.replaceChildren(
        h("div", { class: "sw-gg-head" }, head),
        table(
          ["feature a", "feature b", "cosine", "output sim", "co-fire", "lift"],
          rows.map((p) => {
            const open = h("button", { class: "sw-chip", attrs: { type: "button" } }, "open both");
            open.addEventListener("click", () => showPair(p.feature_a, p.feature_b));
            return [
              name(labels(), p.feature_a),
              name(labels(), p.feature_b),
              formatValue(p.cosine),
              formatValue(p.output_sim),
              String(p.cooc_count),
              formatValue(p.lift),
              open,
            ];
          }),
        ),
      );
    } catch (error) {
      pairsBox.replaceChildren();
      banner.show(error instanceof Error ? error.message : String(error));
    }
  };
  const local = (e: MouseEvent, target: HTMLElement): [number, number] => {
    const box = target.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };
  map.canvas.addEventListener("mousemove", (e) => {
    const [x, y] = local(e, map.canvas);
    const cell = map.cellAt(x, y);
    if (cell === null) return tip.hide();
    const [r, c] = cell;
    const n = count.data[r * nc + c];
    tip.showAt(
      e.clientX,
      e.clientY,
      h("div", {}, rowLabels[r]),
      h("div", {}, `output similarity ${tickLabel(edges[c])}..${tickLabel(edges[c + 1])}`),
      h("div", {}, n > 0 ? `${countOf(n, "pair")}, mean cosine ${formatValue(mean.data[r * nc + c])}` : "no pairs"),
    );
  });
  map.canvas.addEventListener("mouseleave", () => tip.hide());
  map.canvas.addEventListener("click", (e) => {
    const [cx, cy] = local(e, map.canvas);
    const cell = map.cellAt(cx, cy);
    if (cell !== null && count.data[cell[0] * nc + cell[1]] > 0) void showCell(cell[0], cell[1]);
  });

  const drawSelection = () => {
    const ids = (model.get("features") as number[]) ?? [];
    selBox.replaceChildren();
    if (ids.length === 0) return;
    const n = ids.length;
    const cos = arr("sel_cosine").data;
    const lift = arr("sel_lift").data;
    const cooc = arr("sel_cooc").data;
    const out = arr("sel_output").data;
    const size = Math.max(2, Math.min(14, Math.floor(300 / n)));
    let lmax = 0;
    for (let k = 0; k < lift.length; k++) if (cooc[k] > 0) lmax = Math.max(lmax, Math.abs(lift[k]));
    const panel = (label: string, values: ArrayLike<number>, vmaxOf: number, empty?: (k: number) => boolean) => {
      const hm = heatmap({
        rows: n,
        cols: n,
        cellW: size,
        cellH: size,
        vmax: vmaxOf || 1,
        value: (r, c) => (empty?.(r * n + c) ? null : values[r * n + c]),
      });
      hm.canvas.addEventListener("mousemove", (e) => {
        const [x, y] = local(e, hm.canvas);
        const cell = hm.cellAt(x, y);
        if (cell === null) return tip.hide();
        const k = cell[0] * n + cell[1];
        tip.showAt(
          e.clientX,
          e.clientY,
          h("div", {}, h("b", {}, `${name(labels(), ids[cell[0]])} × ${name(labels(), ids[cell[1]])}`)),
          h("div", {}, `decoder cosine ${formatValue(cos[k])}`),
          h("div", {}, cooc[k] > 0 ? `co-fire ${cooc[k]} tokens, log10 lift ${formatValue(lift[k])}` : "never co-fire"),
          h("div", {}, `output similarity ${formatValue(out[k])}`),
        );
      });
      hm.canvas.addEventListener("mouseleave", () => tip.hide());
      return h("figure", { class: "sw-gg-heat" }, hm.canvas, h("figcaption", {}, label));
    };
    selBox.append(
      h("div", { class: "sw-gg-head" }, `${n} selected features, ordered by clustering on decoder cosine:`),
      h(
        "div",
        { class: "sw-gg-heats" },
        panel("decoder cosine", cos, 1),
        panel("co-occurrence (log10 lift; grey: never)", lift, lmax, (k) => cooc[k] === 0),
        panel("output similarity", out, 1),
      ),
    );
  };
  const onFeatures = () => drawSelection();
  const onError = () => banner.show(String(model.get("error") ?? ""));
  const unFeatures = listen(model, ["change:features", "change:sel_cosine"], onFeatures);
  model.on("change:error", onError);
  drawSelection();
  root.setAttribute("data-painted", "true");
  return () => {
    for (const c of cards) c.destroy();
    unFeatures();
    model.off("change:error", onError);
  };
}

function render({ model, el, experimental }: RenderProps): () => void {
  return mountGrid(model, el, hostInvoke(model, experimental));
}

export default { render };
