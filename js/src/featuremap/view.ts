// The FeatureMap view, usable inside any widget whose model carries the map's traits (FeatureMap
// itself and the Explorer's map child; CompareView and TrajectoryView draw maps of their own
// data): the toolbar, panels, selection line and hover are components (toolbar.ts, panel.ts,
// selection.ts, hover.ts, pointer.ts); mountMap wires them to the model.

import { addStyle, errorBanner, h, tooltip } from "../lib/dom";
import { listen } from "../lib/events";
import type { Invoke, Model } from "../lib/types";
import { DEAD, readMapData, setColour, type MapData } from "./data";
import { mapHover } from "./hover";
import { Panel } from "./panel";
import { attachPointer } from "./pointer";
import { selectionLine, type SelectionLine } from "./selection";
import { listeners, newTimings, type Listeners, type Timings } from "./timings";
import { mapToolbar, type Toolbar } from "./toolbar";
import mapCss from "./featuremap.css";

export type { Timings } from "./timings";

/** Gap between panels in px, as .sw-fm-panels has it (featuremap.css). */
const PANEL_GAP = 4;

/** Options for maps embedded in other views (CompareView, TrajectoryView). */
export interface MapOptions {
  /** Panel size in CSS px (default: see panelSize). */
  size?: [number, number];
  /** Called with the hovered feature id, or null when the pointer leaves the points. */
  onHover?(id: number | null): void;
  /** What a point is, in counts (default "features"; the CompareView's pair scatter: "pairs"). */
  noun?: string;
  /** The table, decoded (FeatureMap's `wire`: see data.ts `wireTable`); default: `table`. */
  table?: Float32Array;
  /** The kernel's request path, for the hovered feature's exact row (none: the map's values). */
  invoke?: Invoke;
}

/** Panel size in CSS px: ``size`` when given; one panel 640 x 460; several share the ``width``
 * the map has (330 to 640 px each, height 10:11 of the width), so three fill a 1,400 px window. */
export function panelSize(width: number, count: number, size?: [number, number]): [number, number] {
  if (size) return size;
  if (count === 1) return [640, 460];
  const each = Math.floor((width - PANEL_GAP * (count - 1)) / count) - 2;
  const pw = Math.min(640, Math.max(330, Number.isFinite(each) ? each : 330));
  return [pw, Math.round((pw * 10) / 11)];
}

/** What the wiring functions share. */
interface View {
  model: Model;
  data: MapData;
  panels: Panel[];
  bar: Toolbar;
  selection: SelectionLine;
  banner: { show(message: string): void };
  timings: Timings;
  drawAll(): void;
}

function commit(view: View, points: number[]): void {
  const t0 = performance.now();
  view.selection.set(points);
  view.drawAll();
  view.timings.commit.push(performance.now() - t0);
  view.model.set("selected", points.map((i) => view.data.ids[i]));
  view.model.save_changes();
}

function recolour(view: View, name: string): void {
  if (name === view.data.colourName) return;
  try {
    setColour(view.data, name);
  } catch (error) {
    view.banner.show(String(error instanceof Error ? error.message : error));
    return;
  }
  view.bar.menu.value = name;
  view.bar.showRange();
  view.drawAll();
}

/** The toolbar's buttons and colour menu. */
function wireToolbar(view: View, on: Listeners["on"]): void {
  const { bar, model, data, panels } = view;
  on(bar.reset, "click", () => {
    for (const p of panels) p.reset();
    view.drawAll();
  });
  on(bar.clear, "click", () => commit(view, []));
  on(bar.menu, "change", () => {
    recolour(view, bar.menu.value);
    model.set("color_name", bar.menu.value);
    model.save_changes();
  });
  on(bar.dead, "click", () => {
    const dead: number[] = [];
    for (let i = 0; i < data.n; i++) if (data.flags[i] & DEAD) dead.push(i);
    commit(view, dead);
  });
}

/** The model's traits the view follows, one event per subscription; returns the unsubscribe. */
function wireModel(view: View): () => void {
  const { model, data, panels, selection } = view;
  const handlers: Record<string, () => void> = {
    "change:selected": () => {
      if (selection.read()) view.drawAll();
    },
    "change:labels": () => selection.show(),
    "change:color_name": () => recolour(view, String(model.get("color_name") ?? "")),
    "change:error": () => view.banner.show(String(model.get("error") ?? "")),
    "change:highlight": () => {
      const i = data.pointOf(Number(model.get("highlight") ?? -1));
      for (const p of panels) p.drawOverlay(i, null);
    },
  };
  const offs = Object.entries(handlers).map(([event, fn]) => listen(model, [event], fn));
  return () => offs.forEach((off) => off());
}

/** The hover and pointer input of the panels. */
function wirePointer(view: View, root: HTMLElement, options: MapOptions, on: Listeners["on"]): void {
  const { data, panels, selection } = view;
  const labels = () => (view.model.get("labels") as Record<string, string> | undefined) ?? {};
  const tip = tooltip(root);
  const hover = mapHover(data, tip, labels, options.invoke ?? null);
  let hovered = -1;
  const ctx = {
    data,
    sel: selection.sel,
    timings: view.timings,
    panning: () => view.bar.panning(),
    hovered: () => hovered,
    commit: (points: number[]) => commit(view, points),
    click: (id: number) => {
      view.model.set("clicked", id);
      view.model.save_changes();
    },
    status: (text: string) => (selection.el.textContent = text),
    hideTip: () => hover.hide(),
    hover(panel: Panel | null, i: number, x = 0, y = 0) {
      hovered = i;
      for (const p of panels) p.drawOverlay(i, null);
      options.onHover?.(i >= 0 && panel !== null ? data.ids[i] : null);
      if (i < 0 || panel === null) return hover.hide();
      const box = panel.overlay.getBoundingClientRect();
      hover.show(i, box.left + x, box.top + y);
    },
  };
  attachPointer(ctx, panels, on);
}

/** Mounts the map into `el`; returns a cleanup function. Setting the model key "highlight" to a
 * feature id rings that point (as if hovered), -1 clears it. */
export function mountMap(model: Model, el: HTMLElement, baseCss: string, options: MapOptions = {}): () => void {
  const root = h("div", { class: "sw-root sw-featuremap" });
  addStyle(root, baseCss + mapCss);
  const banner = errorBanner();
  el.replaceChildren(root);
  root.append(banner.el);
  const timings = newTimings();
  (root as unknown as { swTimings: Timings }).swTimings = timings;
  let data: MapData;
  try {
    data = readMapData(model, options.table);
  } catch (error) {
    banner.show(`FeatureMap cannot draw its data: ${String(error)}`);
    return () => {};
  }
  banner.show(String(model.get("error") ?? ""));
  const labels = () => (model.get("labels") as Record<string, string> | undefined) ?? {};
  const bar = mapToolbar(data, options.noun ?? "features");
  const grid = h("div", { class: "sw-fm-panels" });
  const selection = selectionLine(data, model, labels);
  root.append(bar.el, grid, selection.el);
  const pairs = model.get("panels") as number[][];
  const [pw, ph] = panelSize(root.clientWidth, pairs.length, options.size);
  const panels = pairs.map(([xa, ya]) => new Panel(data, xa, ya, pw, ph));
  for (const p of panels) grid.append(p.el);
  const drawAll = () => {
    for (const p of panels) p.draw(selection.sel);
    selection.show();
  };
  const view: View = { model, data, panels, bar, selection, banner, timings, drawAll };
  const dom = listeners();
  wirePointer(view, root, options, dom.on);
  wireToolbar(view, dom.on);
  const unwire = wireModel(view);
  selection.read();
  drawAll();
  timings.firstPaint = performance.now();
  root.setAttribute("data-painted", "true");
  const indexing = setTimeout(() => panels.forEach((p) => p.buildIndex()), 0); // ready for the first hover
  return () => {
    clearTimeout(indexing);
    dom.off();
    unwire();
  };
}
