// Pointer input on the map's panels: hover (pick the nearest point), click (a point: `clicked`;
// empty space: clear), drag (brush a box, or pan with shift / the pan button), wheel (zoom),
// double click (reset). One drag at a time across the panels.

import type { MapData } from "./data";
import type { Panel, Rect, Selection } from "./panel";
import { afterPaint, type Listeners, type Timings } from "./timings";

export interface PointerContext {
  data: MapData;
  sel: Selection;
  timings: Timings;
  panning(): boolean;
  /** Point i of `panel` hovered at panel coordinates (x, y); i < 0 (or no panel): none. */
  hover(panel: Panel | null, i: number, x?: number, y?: number): void;
  hovered(): number;
  commit(points: number[]): void;
  click(id: number): void;
  /** Text for the selection line while brushing. */
  status(text: string): void;
  hideTip(): void;
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

type DragState = { drag: Drag | null };

function local(p: Panel, e: MouseEvent): [number, number] {
  const box = p.overlay.getBoundingClientRect();
  return [e.clientX - box.left, e.clientY - box.top];
}

function onMove(ctx: PointerContext, state: DragState, p: Panel, e: PointerEvent): void {
  const start = performance.now();
  const [x, y] = local(p, e);
  const drag = state.drag;
  if (drag === null || drag.panel !== p) {
    const i = p.pick(x, y);
    if (i !== ctx.hovered()) {
      ctx.hover(p, i, x, y);
      afterPaint(ctx.timings.hover, e.timeStamp, ctx.timings.hoverFrame, start);
    }
    return;
  }
  if (Math.abs(x - drag.x) + Math.abs(y - drag.y) > 3) drag.moved = true;
  if (!drag.moved) return;
  if (drag.pan) {
    p.pan(x - drag.last[0], y - drag.last[1]);
    drag.last = [x, y];
    p.draw(ctx.sel);
    return;
  }
  ctx.hideTip();
  drag.rect = { x: Math.min(x, drag.x), y: Math.min(y, drag.y), w: Math.abs(x - drag.x), h: Math.abs(y - drag.y) };
  const count = p.drawBrush(drag.rect);
  p.drawOverlay(-1, drag.rect);
  ctx.status(`${count} in the box`);
  afterPaint(ctx.timings.brush, e.timeStamp, ctx.timings.brushFrame, start);
}

function onUp(ctx: PointerContext, state: DragState, p: Panel, e: PointerEvent): void {
  const d = state.drag;
  state.drag = null;
  if (d === null) return;
  const [x, y] = local(p, e);
  if (!d.moved) {
    const i = p.pick(x, y);
    if (i >= 0) ctx.click(ctx.data.ids[i]);
    else if (ctx.sel.list.length > 0) ctx.commit([]);
    return;
  }
  if (d.pan) return;
  p.drawOverlay(-1, null);
  ctx.commit(d.rect === null ? [] : p.brush(d.rect));
}

/** Listens to pointer input on every panel. */
export function attachPointer(ctx: PointerContext, panels: Panel[], on: Listeners["on"]): void {
  const state: DragState = { drag: null };
  for (const p of panels) {
    on(p.overlay, "pointerdown", (e) => {
      const [x, y] = local(p, e);
      state.drag = { panel: p, x, y, pan: ctx.panning() || e.shiftKey, moved: false, rect: null, last: [x, y] };
      p.overlay.setPointerCapture?.(e.pointerId);
    });
    on(p.overlay, "pointermove", (e) => onMove(ctx, state, p, e));
    on(p.overlay, "pointerup", (e) => onUp(ctx, state, p, e));
    on(p.overlay, "pointerleave", () => {
      if (state.drag === null) ctx.hover(null, -1);
    });
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const [x, y] = local(p, e);
      p.zoom(x, y, Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.002))));
      p.draw(ctx.sel);
      p.drawOverlay(ctx.hovered(), null);
    };
    on(p.overlay, "wheel", wheel, { passive: false });
    on(p.overlay, "dblclick", () => {
      p.reset();
      p.draw(ctx.sel);
    });
  }
}
