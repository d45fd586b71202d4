// Explorer (saewidgets/_widgets/_explorer.py): the FeatureMap, a FeatureCard, a token view and
// the geometry grid on one model. Map selection -> chips + card + heatmaps; map click or chip ->
// card; neighbour click -> card (the card's own navigation); text -> tokens (needs a kernel).

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h } from "./lib/dom";
import { createLocalModel } from "./lib/model";
import { request } from "./lib/request";
import type { RenderProps } from "./lib/types";
import type { WireArray } from "./lib/codec";
import { mountCard } from "./card/view";
import { mountMap } from "./featuremap/view";
import { mountGrid } from "./geometrygrid";
import tokenview from "./tokenview";

const CHIPS_MAX = 60;
const TOKEN_FEATURES = 8;

interface RunAnswer {
  tokens: string[];
  features: number[];
  acts: WireArray;
  top_ids: WireArray;
  top_vals: WireArray;
}

const CSS = `
.sw-ex-row { display: flex; gap: 12px; align-items: flex-start; margin-top: 8px; }
.sw-ex-side { flex: 0 0 340px; min-width: 0; }
.sw-ex-card { flex: 1; min-width: 0; }
.sw-ex-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.sw-ex-side textarea { width: 100%; min-height: 4em; font: 12px var(--jp-code-font-family, monospace); }
.sw-ex-h { font-weight: 600; margin: 6px 0 2px; }
`;

function render({ model, el, experimental }: RenderProps): () => void {
  const root = h("div", { class: "sw-root sw-explorer" });
  addStyle(root, baseCss + CSS);
  const banner = errorBanner();
  const mapSlot = h("div", {});
  const chips = h("div", { class: "sw-ex-chips", attrs: { "data-testid": "chips" } });
  const tokensSlot = h("div", { attrs: { "data-testid": "ex-tokens" } });
  const side = h("div", { class: "sw-ex-side" }, h("div", { class: "sw-ex-h" }, "Selected features"), chips);
  const cardSlot = h("div", { class: "sw-ex-card" });
  const gridSlot = h("div", {});
  root.append(banner.el, mapSlot, h("div", { class: "sw-ex-row" }, side, cardSlot), gridSlot);
  el.replaceChildren(root);
  const standalone = model.get("_standalone") === true;
  const labels = () => (model.get("labels") as Record<string, string> | undefined) ?? {};
  const cleanups: (() => void)[] = [mountMap(model, mapSlot, baseCss)];
  const card = mountCard(cardSlot, model, experimental.invoke);
  cleanups.push(() => card.destroy());
  if (model.get("has_grid") === true) cleanups.push(mountGrid(model, gridSlot, experimental.invoke));

  const showFeature = (id: number) => {
    model.set("feature", id);
    model.save_changes();
  };
  const drawChips = () => {
    const ids = (model.get("selected") as number[] | undefined) ?? [];
    chips.replaceChildren(
      ...ids.slice(0, CHIPS_MAX).map((id) => {
        const label = labels()[String(id)];
        const b = h("button", { class: "sw-chip", attrs: { type: "button" } }, label ? `#${id} ${label}` : `#${id}`);
        b.setAttribute("aria-pressed", String(model.get("feature") === id));
        b.addEventListener("click", () => showFeature(id));
        return b;
      }),
    );
    if (ids.length > CHIPS_MAX) chips.append(h("span", { class: "sw-muted" }, `and ${ids.length - CHIPS_MAX} more`));
    if (ids.length === 0) chips.append(h("span", { class: "sw-muted" }, "drag in the map to select"));
  };

  if (model.get("has_lens") === true && !standalone) {
    const box = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Text to run" } });
    box.placeholder = "Type text: the selected features (or the card's) colour its tokens";
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    const run = async () => {
      const mine = ++generation;
      const selected = (model.get("selected") as number[] | undefined) ?? [];
      const features = (selected.length > 0 ? selected : [Number(model.get("feature"))]).slice(0, TOKEN_FEATURES);
      try {
        const a = await request<RunAnswer>(experimental.invoke, "run", { text: box.value, features });
        if (mine !== generation) return;
        banner.show("");
        const local = createLocalModel({
          ...a,
          labels: labels(),
          focus: null,
          selected_token: -1,
          text: box.value,
          live: false,
          error: "",
          _standalone: true,
        });
        void tokenview.render({ model: local, el: tokensSlot, experimental });
      } catch (error) {
        if (mine === generation) banner.show(error instanceof Error ? error.message : String(error));
      }
    };
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 500);
    });
    side.append(h("div", { class: "sw-ex-h" }, "Text"), box, tokensSlot);
  } else {
    side.append(
      h("div", { class: "sw-muted" }, standalone ? "Running text needs a Python kernel." : "Pass lens= to run text."),
    );
  }

  const onSelected = () => drawChips();
  model.on("change:selected change:feature change:labels", onSelected);
  const onClicked = () => {
    const id = model.get("clicked");
    if (typeof id === "number" && standalone) showFeature(id);
  };
  model.on("change:clicked", onClicked);
  const onSelectLocal = () => {
    const ids = (model.get("selected") as number[] | undefined) ?? [];
    if (standalone && ids.length > 0) showFeature(ids[0]);
  };
  model.on("change:selected", onSelectLocal);
  drawChips();
  return () => {
    for (const c of cleanups) c();
    model.off("change:selected change:feature change:labels", onSelected);
    model.off("change:clicked", onClicked);
    model.off("change:selected", onSelectLocal);
  };
}

export default { render };
