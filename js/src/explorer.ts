// Explorer (saewidgets/widgets/_explorer.py): lays out its child widgets (traits map, card,
// grid_view), each rendering its own view, plus selection chips (explorer/chips.ts), a search
// box (explorer/search.ts) and a text box with a token view (explorer/text.ts). Python links the
// children (map selection -> card + heatmaps); without a kernel (an export) this view links
// map -> card itself. Chip click -> card; text -> tokens through the "run" request (a kernel);
// a token click -> its attribution list ("attribute", "ablate"), whose features open in the card.

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import { child } from "./lib/children";
import { hostInvoke } from "./lib/host";
import type { Model, RenderProps } from "./lib/types";
import { selectionChips, type Chips } from "./explorer/chips";
import { searchPanel } from "./explorer/search";
import { textPanel } from "./explorer/text";

type Banner = ReturnType<typeof errorBanner>;

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

interface Children {
  map: Model;
  card: Model;
}

/** Renders the map, card and grid children into their slots (null: a child failed, said in
 * the banner). */
async function mountChildren(host: RenderProps["host"], model: Model, slots: HTMLElement[], banner: Banner): Promise<Children | null> {
  try {
    const [m, c, g] = await Promise.all([child(host, model, "map"), child(host, model, "card"), child(host, model, "grid_view")]);
    if (m === null || c === null) throw new Error("the Explorer has no map or card widget");
    await Promise.all([m.mount(slots[0]), c.mount(slots[1]), g?.mount(slots[2])]);
    return { map: m.model, card: c.model };
  } catch (error) {
    banner.show(error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Chips follow the map's selection and the card; without a kernel (an export) nobody else
 * links the map to the card, so this view does. Returns the unsubscribe. */
function linkViews(model: Model, { map, card }: Children, chips: Chips, banner: Banner, standalone: boolean): () => void {
  const selected = () => (map.get("selected") as number[] | undefined) ?? [];
  const labels = () => (map.get("labels") as Record<string, string> | undefined) ?? {};
  const drawChips = () => chips.draw(selected(), labels(), card.get("feature"));
  const onClicked = () => {
    const id = map.get("clicked");
    if (typeof id === "number" && standalone) showFeature(card, id);
  };
  const onSelected = () => {
    const ids = selected();
    if (standalone && ids.length > 0) showFeature(card, ids[0]);
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

function showFeature(card: Model, id: number): void {
  card.set("feature", id);
  card.save_changes();
}

async function render({ model, el, experimental, host }: RenderProps): Promise<() => void> {
  const root = h("div", { class: "sw-root sw-explorer" });
  addStyle(root, baseCss + CSS);
  const banner = errorBanner();
  const slots = [h("div", {}), h("div", { class: "sw-ex-card" }), h("div", {})];
  const side = h("div", { class: "sw-ex-side" }, h("div", { class: "sw-ex-h" }, "Selected features"));
  root.append(banner.el, slots[0], h("div", { class: "sw-ex-row" }, side, slots[1]), slots[2]);
  el.replaceChildren(root);
  banner.show(String(model.get("error") ?? ""));
  const standalone = model.get("_standalone") === true;
  const children = await mountChildren(host, model, slots, banner);
  if (children === null) return () => {};
  const { map, card } = children;
  const open = (id: number) => showFeature(card, id);
  const chips = selectionChips(open);
  side.append(chips.el);
  const labels = () => (map.get("labels") as Record<string, string> | undefined) ?? {};
  if (!standalone) side.prepend(searchPanel(hostInvoke(model, experimental), labels, open, banner.show));
  if (model.get("has_lens") === true && !standalone) {
    const selected = () => (map.get("selected") as number[] | undefined) ?? [];
    const features = () => (selected().length > 0 ? selected() : [Number(card.get("feature"))]);
    side.append(...textPanel({ invoke: hostInvoke(model, experimental), features, labels, open, error: banner.show }));
  } else {
    const why = standalone ? "Running text needs a Python kernel." : "Pass lens= to run text.";
    side.append(h("div", { class: "sw-muted" }, why));
  }
  return linkViews(model, children, chips, banner, standalone);
}

export default { render };
