// The card's steer section (FeatureCard with a Lens): a strength slider and the feature's top
// example contexts, cut before the peak token, continued clean and steered ("steer" request).

import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import { defaultStrength } from "./data";

interface SteerRow {
  prompt: string;
  clean: string;
  after: string;
}

interface SteerAnswer {
  feature: number;
  strength: number;
  rows: SteerRow[];
}

export interface SteerSection {
  el: HTMLElement;
  /** Shows feature `feature` (max activation `maxAct`) at its default strength. */
  show(feature: number, maxAct: number | null | undefined): void;
}

/** Keeps the last `n` characters of a prompt (the context right before the peak). */
function tail(text: string, n = 80): string {
  return text.length <= n ? text : `…${text.slice(text.length - n)}`;
}

export function steerSection(invoke: Invoke, standalone: boolean): SteerSection {
  const slider = h("input", { attrs: { type: "range", "aria-label": "steering strength", "data-testid": "steer-strength" } });
  const value = h("span", { class: "sw-num sw-steer-value" });
  const status = h("span", { class: "sw-muted", attrs: { "data-testid": "steer-status" } });
  const rows = h("div", { class: "sw-steer-rows", attrs: { "data-testid": "steer-rows" } });
  const el = h(
    "div",
    { class: "sw-card-steer" },
    h("div", { class: "sw-steer-controls" }, h("label", {}, "strength "), slider, value, status),
    h("div", { class: "sw-muted" }, "Adds strength × the feature's decoder row at the hook at every position; greedy continuations."),
    rows,
  );
  let feature = -1;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    const mine = ++generation;
    const strength = Number(slider.value);
    value.textContent = formatValue(strength);
    status.textContent = "running…";
    try {
      const answer = await request<SteerAnswer>(invoke, "steer", { feature, strength });
      if (mine !== generation) return;
      rows.replaceChildren(
        ...answer.rows.map((r) =>
          h(
            "div",
            { class: "sw-steer-row" },
            h("div", { class: "sw-steer-prompt sw-muted" }, tail(r.prompt)),
            h("div", {}, h("span", { class: "sw-steer-tag" }, "clean"), h("span", { attrs: { "data-testid": "steer-clean" } }, r.clean)),
            h("div", {}, h("span", { class: "sw-steer-tag sw-steer-tag-after" }, "steered"), h("span", { attrs: { "data-testid": "steer-after" } }, r.after)),
          ),
        ),
      );
      if (answer.rows.length === 0) rows.append(h("div", { class: "sw-muted" }, "no example contexts"));
      status.textContent = "";
    } catch (error) {
      if (mine !== generation) return;
      const text = error instanceof Error ? error.message : String(error);
      rows.replaceChildren();
      status.textContent = standalone && text.includes("kernel") ? "not computed for this strength in this export" : text;
    }
  };
  slider.addEventListener("input", () => {
    value.textContent = formatValue(Number(slider.value));
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 300);
  });

  return {
    el,
    show(f, maxAct) {
      feature = f;
      const limit = 2 * defaultStrength(maxAct);
      slider.min = String(-limit);
      slider.max = String(limit);
      slider.step = String(limit / 100);
      slider.value = String(defaultStrength(maxAct));
      clearTimeout(timer);
      void run();
    },
  };
}
