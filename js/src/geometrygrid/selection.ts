// The GeometryGridView's selected features: three n x n heatmaps (decoder cosine, co-occurrence
// lift, output similarity) in the order of the clustering on decoder cosine; hover reads a pair.

import { h, type Tooltip } from "../lib/dom";
import { formatValue } from "../lib/format";
import { heatmap } from "./heatmap";
import { local, name } from "./parts";

/** The selected features' pair matrices (row-major, n x n). */
export interface Selection {
  ids: number[];
  cosine: ArrayLike<number>;
  lift: ArrayLike<number>;
  cooc: ArrayLike<number>;
  output: ArrayLike<number>;
}

export interface SelectionView {
  el: HTMLElement;
  /** Draws `sel` (nothing when no feature is selected). */
  update(sel: Selection): void;
}

/** One heatmap with its caption; cells where `empty` holds are grey. */
function panel(
  sel: Selection,
  tip: Tooltip,
  labels: () => Record<string, string>,
  label: string,
  values: ArrayLike<number>,
  vmax: number,
  empty?: (k: number) => boolean,
): HTMLElement {
  const { ids, cosine, lift, cooc, output } = sel;
  const n = ids.length;
  const size = Math.max(2, Math.min(14, Math.floor(300 / n)));
  const value = (r: number, c: number) => (empty?.(r * n + c) ? null : values[r * n + c]);
  const hm = heatmap({ rows: n, cols: n, cellW: size, cellH: size, vmax: vmax || 1, value });
  hm.canvas.addEventListener("mousemove", (e) => {
    const [x, y] = local(e, hm.canvas);
    const cell = hm.cellAt(x, y);
    if (cell === null) return tip.hide();
    const k = cell[0] * n + cell[1];
    tip.showAt(
      e.clientX,
      e.clientY,
      h("div", {}, h("b", {}, `${name(labels(), ids[cell[0]])} × ${name(labels(), ids[cell[1]])}`)),
      h("div", {}, `decoder cosine ${formatValue(cosine[k])}`),
      h("div", {}, cooc[k] > 0 ? `co-fire ${cooc[k]} tokens, log10 lift ${formatValue(lift[k])}` : "never co-fire"),
      h("div", {}, `output similarity ${formatValue(output[k])}`),
    );
  });
  hm.canvas.addEventListener("mouseleave", () => tip.hide());
  return h("figure", { class: "sw-gg-heat" }, hm.canvas, h("figcaption", {}, label));
}

/** The heatmaps; hover names features through `labels()`. */
export function selectionView(tip: Tooltip, labels: () => Record<string, string>): SelectionView {
  const el = h("div", { class: "sw-gg-selection" });
  return {
    el,
    update(sel) {
      el.replaceChildren();
      const n = sel.ids.length;
      if (n === 0) return;
      let lmax = 0;
      for (let k = 0; k < sel.lift.length; k++) if (sel.cooc[k] > 0) lmax = Math.max(lmax, Math.abs(sel.lift[k]));
      const draw = (label: string, values: ArrayLike<number>, vmax: number, empty?: (k: number) => boolean) =>
        panel(sel, tip, labels, label, values, vmax, empty);
      el.append(
        h("div", { class: "sw-gg-head" }, `${n} selected features, ordered by clustering on decoder cosine:`),
        h(
          "div",
          { class: "sw-gg-heats" },
          draw("decoder cosine", sel.cosine, 1),
          draw("co-occurrence (log10 lift; grey: never)", sel.lift, lmax, (k) => sel.cooc[k] === 0),
          draw("output similarity", sel.output, 1),
        ),
      );
    },
  };
}
