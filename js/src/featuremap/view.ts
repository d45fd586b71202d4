// The FeatureMap view, usable inside any widget whose model carries the map's traits (FeatureMap
// itself and the Explorer): panels, toolbar, dead-feature box, colour legend, tooltip, selection.

import { addStyle, errorBanner, h, tooltip } from "../lib/dom";
import { formatColumn, formatValue } from "../lib/format";
import { css, viridis } from "../lib/scale";
import type { Model } from "../lib/types";
import { DEAD, DENSE, readMapData, setColour, ULTRA_RARE, type MapData } from "./data";
import { Panel, type Rect, type Selection } from "./panel";
import mapCss from "./featuremap.css";

/** How many selected ids the selection line lists by number before "and N more". */
const LIST_MAX = 200;
/** Gap between panels in px, as .sw-fm-panels has it (featuremap.css). */
const PANEL_GAP = 4;

/** Frame times (ms) the view records for the benchmark (bench/featuremap.py). */
export interface Timings {
  firstPaint: number;
  /** Input event to painted frame, for hovers that changed the hovered point. This includes the
   * wait for the frame that carries the event (Chromium dispatches pointer moves aligned to
   * animation frames), up to one display refresh. */
  hover: number[];
  /** Handler start to painted frame for the same hovers: the frame's own work. */
  hoverFrame: number[];
  /** Input event to painted frame, for each brush move. */
  brush: number[];
  /** Handler start to painted frame for the same brush moves. */
  brushFrame: number[];
  commit: number[];
}

/** Push the times from `event` (an event's timeStamp) and from `start` (its handler's start) to
 * just after the next frame is painted: the next animation frame, then a task queued from it
 * (which runs once that frame is drawn). */
function afterPaint(fromEvent: number[], event: number, fromStart: number[], start: number): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const now = performance.now();
      fromEvent.push(now - event);
      fromStart.push(now - start);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}

interface Drag {
  panel: Panel;
  x: number;
  y: number;
  pan: boolean;
  moved: boolean;
  rect: Rect | null;
  last: [number, number];
}

function featureName(labels: Record<string, string>, id: number): string {
  const label = labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

/** The hover of point i: its id and label, then every column of the schema (help on hover). */
function tipContent(data: MapData, labels: Record<string, string>, i: number): HTMLElement {
  const id = data.ids[i];
  const f = data.flags[i];
  const k = data.columns.length;
  const rows = data.columns.map((col, c) => {
    const value = data.table[k * i + c];
    const text = col.name === "log10_density" && f & DEAD ? "dead (never fired)" : Number.isFinite(value) ? formatColumn(col.format, value) : "—";
    return h("tr", { title: col.help }, h("td", {}, col.label), h("td", { class: "sw-num" }, text));
  });
  const kinds = [f & DEAD && "dead", f & ULTRA_RARE && "ultra-rare", f & DENSE && "dense"].filter(Boolean);
  return h(
    "div",
    { attrs: { "data-feature": String(id) } },
    h("div", { class: "sw-tip-head" }, h("b", {}, featureName(labels, id))),
    h("table", {}, ...rows),
    kinds.length > 0 ? h("div", { class: "sw-muted" }, kinds.join(", ")) : null,
  );
}

/** Options for maps embedded in other views (CompareView, TrajectoryView). */
export interface MapOptions {
  /** Panel size in CSS px (default: see panelSize). */
  size?: [number, number];
  /** Called with the hovered feature id, or null when the pointer leaves the points. */
  onHover?(id: number | null): void;
  /** What a point is, in counts (default "features"; the CompareView's pair scatter: "pairs"). */
  noun?: string;
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

/** Mounts the map into `el`; returns a cleanup function. Setting the model key "highlight" to a
 * feature id rings that point (as if hovered), -1 clears it. */
export function mountMap(model: Model, el: HTMLElement, baseCss: string, options: MapOptions = {}): () => void {
  const root = h("div", { class: "sw-root sw-featuremap" });
  addStyle(root, baseCss + mapCss);
  const banner = errorBanner();
  el.replaceChildren(root);
  root.append(banner.el);
  const timings: Timings = { firstPaint: NaN, hover: [], hoverFrame: [], brush: [], brushFrame: [], commit: [] };
  (root as unknown as { swTimings: Timings }).swTimings = timings;
  let data: MapData;
  try {
    data = readMapData(model);
  } catch (error) {
    banner.show(`FeatureMap cannot draw its data: ${String(error)}`);
    return () => {};
  }
  banner.show(String(model.get("error") ?? ""));
  const labels = () => (model.get("labels") as Record<string, string> | undefined) ?? {};

  let panMode = false;
  const modeButton = h("button", { class: "sw-chip", attrs: { type: "button", "aria-pressed": "false" } }, "pan");
  const resetButton = h("button", { class: "sw-chip", attrs: { type: "button" } }, "reset zoom");
  const clearButton = h("button", { class: "sw-chip", attrs: { type: "button" } }, "clear selection");
  const deadBox = h(
    "button",
    { class: "sw-chip sw-fm-dead", attrs: { type: "button", "data-testid": "dead" }, title: "select the dead features" },
    `dead: ${data.deadCount} of ${data.n} ${options.noun ?? "features"} (no density; in the dashed strip)`,
  );
  const legend = h("div", { class: "sw-fm-legend" });
  const bar = h("canvas", { class: "sw-fm-bar" });
  bar.width = 120;
  bar.height = 10;
  const bctx = bar.getContext("2d") as CanvasRenderingContext2D;
  for (let x = 0; x < 120; x++) {
    bctx.fillStyle = css(viridis(x / 119));
    bctx.fillRect(x, 0, 1, 10);
  }
  const menu = h("select", { attrs: { "aria-label": "colour by", "data-testid": "colour" } });
  for (const col of data.columns.filter((c) => c.axis)) {
    const option = h("option", { title: col.help }, col.label);
    option.value = col.name;
    menu.append(option);
  }
  menu.value = data.colourName;
  const lo = h("span", { class: "sw-num" });
  const hi = h("span", { class: "sw-num" });
  const showRange = () => {
    lo.textContent = formatValue(data.cmin);
    hi.textContent = formatValue(data.cmax);
    menu.title = data.columns.find((c) => c.name === data.colourName)?.help ?? "";
  };
  showRange();
  legend.append(h("span", {}, "colour: "), menu, " ", lo, bar, hi);
  const toolbar = h("div", { class: "sw-fm-toolbar" }, modeButton, resetButton, clearButton, deadBox, legend);
  const grid = h("div", { class: "sw-fm-panels" });
  const selection = h("div", { class: "sw-fm-selection", attrs: { "data-testid": "selection" } });
  const tip = tooltip(root);
  root.append(toolbar, grid, selection);

  const pairs = model.get("panels") as number[][];
  const [pw, ph] = panelSize(root.clientWidth, pairs.length, options.size);
  const panels = pairs.map(([xa, ya]) => new Panel(data, xa, ya, pw, ph));
  for (const p of panels) grid.append(p.el);

  const sel: Selection = { mask: new Uint8Array(data.n), list: [] };
  const setSelection = (points: number[]) => {
    sel.mask.fill(0);
    for (const i of points) sel.mask[i] = 1;
    sel.list = points;
  };
  const showSelection = () => {
    const ids = sel.list.map((i) => data.ids[i]);
    if (ids.length === 0) {
      selection.textContent = "Drag to select features; wheel to zoom; shift-drag to pan.";
      return;
    }
    const shown = ids.slice(0, LIST_MAX).map((id) => featureName(labels(), id)).join(", ");
    const more = ids.length > LIST_MAX ? ` … and ${ids.length - LIST_MAX} more` : "";
    selection.textContent = `${ids.length} selected: ${shown}${more}`;
  };
  const readSelected = () => {
    const ids = (model.get("selected") as number[] | undefined) ?? [];
    setSelection(ids.map((id) => data.pointOf(id)).filter((i) => i >= 0));
  };
  const drawAll = () => {
    for (const p of panels) p.draw(sel);
    showSelection();
  };
  const commit = (points: number[]) => {
    const t0 = performance.now();
    setSelection(points);
    drawAll();
    timings.commit.push(performance.now() - t0);
    model.set("selected", points.map((i) => data.ids[i]));
    model.save_changes();
  };

  let hovered = -1;
  const hover = (panel: Panel | null, i: number, x = 0, y = 0) => {
    hovered = i;
    for (const p of panels) p.drawOverlay(i, null);
    options.onHover?.(i >= 0 && panel !== null ? data.ids[i] : null);
    if (i < 0 || panel === null) {
      tip.hide();
      return;
    }
    const box = panel.overlay.getBoundingClientRect();
    tip.showAt(box.left + x, box.top + y, tipContent(data, labels(), i));
  };

  let drag: Drag | null = null;
  const local = (p: Panel, e: MouseEvent): [number, number] => {
    const box = p.overlay.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  };
  const cleanups: (() => void)[] = [];
  const listen = <K extends keyof HTMLElementEventMap>(
    target: HTMLElement,
    type: K,
    fn: (e: HTMLElementEventMap[K]) => void,
    opts?: AddEventListenerOptions,
  ) => {
    target.addEventListener(type, fn as EventListener, opts);
    cleanups.push(() => target.removeEventListener(type, fn as EventListener));
  };
  for (const p of panels) {
    listen(p.overlay, "pointerdown", (e) => {
      const [x, y] = local(p, e);
      drag = { panel: p, x, y, pan: panMode || e.shiftKey, moved: false, rect: null, last: [x, y] };
      p.overlay.setPointerCapture?.(e.pointerId);
    });
    listen(p.overlay, "pointermove", (e) => {
      const start = performance.now();
      const [x, y] = local(p, e);
      if (drag === null || drag.panel !== p) {
        const i = p.pick(x, y);
        if (i !== hovered) {
          hover(p, i, x, y);
          afterPaint(timings.hover, e.timeStamp, timings.hoverFrame, start);
        }
        return;
      }
      if (Math.abs(x - drag.x) + Math.abs(y - drag.y) > 3) drag.moved = true;
      if (!drag.moved) return;
      if (drag.pan) {
        p.pan(x - drag.last[0], y - drag.last[1]);
        drag.last = [x, y];
        p.draw(sel);
        return;
      }
      tip.hide();
      drag.rect = { x: Math.min(x, drag.x), y: Math.min(y, drag.y), w: Math.abs(x - drag.x), h: Math.abs(y - drag.y) };
      const count = p.drawBrush(drag.rect);
      p.drawOverlay(-1, drag.rect);
      selection.textContent = `${count} in the box`;
      afterPaint(timings.brush, e.timeStamp, timings.brushFrame, start);
    });
    listen(p.overlay, "pointerup", (e) => {
      const d = drag;
      drag = null;
      if (d === null) return;
      const [x, y] = local(p, e);
      if (!d.moved) {
        const i = p.pick(x, y);
        if (i >= 0) {
          model.set("clicked", data.ids[i]);
          model.save_changes();
        } else if (sel.list.length > 0) commit([]);
        return;
      }
      if (d.pan) return;
      p.drawOverlay(-1, null);
      commit(d.rect === null ? [] : p.brush(d.rect));
    });
    listen(p.overlay, "pointerleave", () => {
      if (drag === null) hover(null, -1);
    });
    listen(
      p.overlay,
      "wheel",
      (e) => {
        e.preventDefault();
        const [x, y] = local(p, e);
        p.zoom(x, y, Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.002))));
        p.draw(sel);
        p.drawOverlay(hovered, null);
      },
      { passive: false },
    );
    listen(p.overlay, "dblclick", () => {
      p.reset();
      p.draw(sel);
    });
  }
  listen(modeButton, "click", () => {
    panMode = !panMode;
    modeButton.setAttribute("aria-pressed", String(panMode));
  });
  listen(resetButton, "click", () => {
    for (const p of panels) p.reset();
    drawAll();
  });
  listen(clearButton, "click", () => commit([]));
  const recolour = (name: string) => {
    if (name === data.colourName) return;
    try {
      setColour(data, name);
    } catch (error) {
      banner.show(String(error instanceof Error ? error.message : error));
      return;
    }
    menu.value = name;
    showRange();
    drawAll();
  };
  listen(menu, "change", () => {
    recolour(menu.value);
    model.set("color_name", menu.value);
    model.save_changes();
  });
  listen(deadBox, "click", () => {
    const dead: number[] = [];
    for (let i = 0; i < data.n; i++) if (data.flags[i] & DEAD) dead.push(i);
    commit(dead);
  });

  const onSelected = () => {
    const ids = (model.get("selected") as number[] | undefined) ?? [];
    if (ids.length === sel.list.length && ids.every((id, k) => data.ids[sel.list[k]] === id)) return;
    readSelected();
    drawAll();
  };
  const onHighlight = () => {
    const id = Number(model.get("highlight") ?? -1);
    const i = data.pointOf(id);
    for (const p of panels) p.drawOverlay(i, null);
  };
  const onLabels = () => showSelection();
  const onColour = () => recolour(String(model.get("color_name") ?? ""));
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:selected", onSelected);
  model.on("change:labels", onLabels);
  model.on("change:color_name", onColour);
  model.on("change:error", onError);
  model.on("change:highlight", onHighlight);
  readSelected();
  drawAll();
  timings.firstPaint = performance.now();
  root.setAttribute("data-painted", "true");
  const indexing = setTimeout(() => panels.forEach((p) => p.buildIndex()), 0); // ready for the first hover
  return () => {
    clearTimeout(indexing);
    for (const c of cleanups) c();
    model.off("change:selected", onSelected);
    model.off("change:labels", onLabels);
    model.off("change:color_name", onColour);
    model.off("change:error", onError);
    model.off("change:highlight", onHighlight);
  };
}
