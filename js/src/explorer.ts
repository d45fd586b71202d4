// Explorer (saewidgets/widgets/_explorer.py): lays out its child widgets (traits map, card,
// grid_view), each rendering its own view, plus selection chips and a token view. Python links
// the children (map selection -> card + heatmaps); without a kernel (an export) this view links
// map -> card itself. Chip click -> card; text -> tokens through the "run" request (a kernel);
// a token click -> its attribution list ("attribute", "ablate"), whose features open in the card.

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import { child } from "./lib/children";
import { hostInvoke } from "./lib/host";
import { createLocalModel } from "./lib/model";
import { request } from "./lib/request";
import type { Model, RenderProps } from "./lib/types";
import type { WireArray } from "./lib/codec";
import tokenview from "./tokenview";
import { searchPanel } from "./explorer/search";

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
.sw-ex-search { display: flex; gap: 4px; margin-bottom: 4px; }
.sw-ex-search input { flex: 1; min-width: 0; }
.sw-ex-hit { text-align: left; }
`;

async function render({ model, el, experimental, host }: RenderProps): Promise<() => void> {
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
  banner.show(String(model.get("error") ?? ""));
  const standalone = model.get("_standalone") === true;
  let map: Model, card: Model;
  try {
    const [m, c, g] = await Promise.all([
      child(host, model, "map"),
      child(host, model, "card"),
      child(host, model, "grid_view"),
    ]);
    if (m === null || c === null) throw new Error("the Explorer has no map or card widget");
    await Promise.all([m.mount(mapSlot), c.mount(cardSlot), g?.mount(gridSlot)]);
    map = m.model;
    card = c.model;
  } catch (error) {
    banner.show(error instanceof Error ? error.message : String(error));
    return () => {};
  }
  const labels = () => (map.get("labels") as Record<string, string> | undefined) ?? {};
  const selected = () => (map.get("selected") as number[] | undefined) ?? [];

  const showFeature = (id: number) => {
    card.set("feature", id);
    card.save_changes();
  };
  const drawChips = () => {
    const ids = selected();
    chips.replaceChildren(
      ...ids.slice(0, CHIPS_MAX).map((id) => {
        const label = labels()[String(id)];
        const b = h("button", { class: "sw-chip", attrs: { type: "button" } }, label ? `#${id} ${label}` : `#${id}`);
        b.setAttribute("aria-pressed", String(card.get("feature") === id));
        b.addEventListener("click", () => showFeature(id));
        return b;
      }),
    );
    if (ids.length > CHIPS_MAX) chips.append(h("span", { class: "sw-muted" }, `and ${ids.length - CHIPS_MAX} more`));
    if (ids.length === 0) chips.append(h("span", { class: "sw-muted" }, "drag in the map to select"));
  };

  if (!standalone) side.prepend(searchPanel(hostInvoke(model, experimental), labels, showFeature, banner.show));
  if (model.get("has_lens") === true && !standalone) {
    const invoke = hostInvoke(model, experimental);
    const box = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Text to run" } });
    box.placeholder = "Type text: the selected features (or the card's) colour its tokens";
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    const run = async () => {
      const mine = ++generation;
      const ids = selected();
      const features = (ids.length > 0 ? ids : [Number(card.get("feature"))]).slice(0, TOKEN_FEATURES);
      try {
        const a = await request<RunAnswer>(invoke, "run", { text: box.value, features });
        if (mine !== generation) return;
        banner.show("");
        const local = createLocalModel({
          ...a,
          labels: labels(),
          focus: null,
          selected_token: -1,
          text: box.value,
          live: false,
          attributable: true,
          open_feature: -1,
          error: "",
          _standalone: true,
        });
        // a feature clicked in the token view's attribution list opens in the card
        local.on("change:open_feature", () => {
          const id = local.get("open_feature");
          if (typeof id === "number" && id >= 0) showFeature(id);
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
    const why = standalone ? "Running text needs a Python kernel." : "Pass lens= to run text.";
    side.append(h("div", { class: "sw-muted" }, why));
  }

  // Without a kernel nobody else links the map to the card.
  const onClicked = () => {
    const id = map.get("clicked");
    if (typeof id === "number" && standalone) showFeature(id);
  };
  const onSelected = () => {
    const ids = selected();
    if (standalone && ids.length > 0) showFeature(ids[0]);
    drawChips();
  };
  const onError = () => banner.show(String(model.get("error") ?? ""));
  map.on("change:clicked", onClicked);
  const unSelected = listen(map, ["change:selected", "change:labels"], onSelected);
  card.on("change:feature", drawChips);
  model.on("change:error", onError);
  drawChips();
  return () => {
    map.off("change:clicked", onClicked);
    unSelected();
    card.off("change:feature", drawChips);
    model.off("change:error", onError);
  };
}

export default { render };
