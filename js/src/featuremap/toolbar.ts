// The map's toolbar: pan mode, reset zoom, clear selection, the dead-feature box and the colour
// legend with its menu (every axis column of the schema).

import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import { css, viridis } from "../lib/scale";
import type { MapData } from "./data";

export interface Toolbar {
  el: HTMLElement;
  reset: HTMLButtonElement;
  clear: HTMLButtonElement;
  dead: HTMLButtonElement;
  menu: HTMLSelectElement;
  /** Whether a drag pans (the pan button is pressed). */
  panning(): boolean;
  /** Shows the colour column's range and help (after a recolour). */
  showRange(): void;
}

function colourBar(): HTMLCanvasElement {
  const bar = h("canvas", { class: "sw-fm-bar" });
  bar.width = 120;
  bar.height = 10;
  const ctx = bar.getContext("2d");
  for (let x = 0; ctx !== null && x < 120; x++) {
    ctx.fillStyle = css(viridis(x / 119));
    ctx.fillRect(x, 0, 1, 10);
  }
  return bar;
}

export function mapToolbar(data: MapData, noun: string): Toolbar {
  const chip = (text: string) => h("button", { class: "sw-chip", attrs: { type: "button" } }, text);
  const mode = chip("pan");
  mode.setAttribute("aria-pressed", "false");
  mode.addEventListener("click", () => mode.setAttribute("aria-pressed", String(mode.getAttribute("aria-pressed") !== "true")));
  const reset = chip("reset zoom");
  const clear = chip("clear selection");
  const dead = h(
    "button",
    { class: "sw-chip sw-fm-dead", attrs: { type: "button", "data-testid": "dead" }, title: "select the dead features" },
    `dead: ${data.deadCount} of ${data.n} ${noun} (no density; in the dashed strip)`,
  );
  const menu = h("select", { attrs: { "aria-label": "colour by", "data-testid": "colour" } });
  for (const col of data.columns.filter((c) => c.axis)) {
    const option = h("option", { title: col.help }, col.label);
    option.value = col.name;
    menu.append(option);
  }
  menu.value = data.colourName;
  const lo = h("span", { class: "sw-num" });
  const hi = h("span", { class: "sw-num" });
  const legend = h("div", { class: "sw-fm-legend" }, h("span", {}, "colour: "), menu, " ", lo, colourBar(), hi);
  const showRange = () => {
    lo.textContent = formatValue(data.cmin);
    hi.textContent = formatValue(data.cmax);
    menu.title = data.columns.find((c) => c.name === data.colourName)?.help ?? "";
  };
  showRange();
  const el = h("div", { class: "sw-fm-toolbar" }, mode, reset, clear, dead, legend);
  return { el, reset, clear, dead, menu, panning: () => mode.getAttribute("aria-pressed") === "true", showRange };
}
