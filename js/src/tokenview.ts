// TokenView: text coloured by SAE feature activations (saewidgets/_widgets/_tokenview.py).
// Traits read: tokens, acts [pos, n_shown], features, top_ids / top_vals [pos, k], labels, focus,
// text, live, attributable, error. Traits written: focus, selected_token, open_feature.
// Requests: "run" {text} (live mode); with `attributable`, a clicked token opens the attribution
// panel ("attribute", "ablate"; see tokenview/attribution.ts).

import baseCss from "./lib/base.css";
import { decodeArray, row, type NDArray, type WireArray } from "./lib/codec";
import { activationBackground, featureColour, intensity, type RGB } from "./lib/colour";
import { addStyle, errorBanner, h, tooltip } from "./lib/dom";
import { listen } from "./lib/events";
import { formatValue } from "./lib/format";
import { hostInvoke } from "./lib/host";
import { request } from "./lib/request";
import { tokenLabel, tokenSegments } from "./lib/tokens";
import type { Model, RenderProps } from "./lib/types";
import css from "./tokenview.css";
import { attributionPanel } from "./tokenview/attribution";

interface View {
  tokens: string[];
  acts: NDArray;
  features: number[];
  topIds: NDArray;
  topVals: NDArray;
  labels: Record<string, string>;
  vmax: number[];
  /** Positions of BOS and other special tokens: drawn grey, out of the colour scale. */
  special: Set<number>;
}

function readView(model: Model): View {
  const acts = decodeArray(model.get("acts") as WireArray);
  const features = model.get("features") as number[];
  const special = new Set((model.get("special") as number[] | undefined) ?? []);
  if (model.get("bos") === true) special.add(0);
  // special tokens (BOS, ...) are left out of the scale: their activations would wash out the rest
  const vmax = features.map((_, s) => {
    let m = 0;
    for (let i = 0; i < acts.shape[0]; i++) {
      if (!special.has(i)) m = Math.max(m, acts.data[i * features.length + s]);
    }
    return m;
  });
  return {
    tokens: model.get("tokens") as string[],
    acts,
    features,
    topIds: decodeArray(model.get("top_ids") as WireArray),
    topVals: decodeArray(model.get("top_vals") as WireArray),
    labels: (model.get("labels") as Record<string, string> | undefined) ?? {},
    vmax,
    special,
  };
}

function featureName(view: View, id: number): string {
  const label = view.labels[String(id)];
  return label ? `#${id} ${label}` : `#${id}`;
}

function swatch(rgb: RGB): HTMLElement {
  const el = h("span", { class: "sw-swatch" });
  el.style.background = `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
  return el;
}

/** The slot (column) a token is coloured by: the focused feature, else the strongest one. */
function colourSlot(view: View, i: number, focus: number | null): number {
  const focused = focus === null ? -1 : view.features.indexOf(focus);
  if (focused >= 0) return focused;
  const values = row(view.acts, i);
  let best = 0;
  for (let s = 1; s < values.length; s++) {
    if (intensity(values[s], view.vmax[s]) > intensity(values[best], view.vmax[best])) best = s;
  }
  return best;
}

function tokenTip(view: View, i: number, focus: number | null): Node {
  const values = row(view.acts, i);
  const shown = h("table", {});
  view.features.forEach((id, s) => {
    const tr = h(
      "tr",
      {},
      h("td", {}, swatch(featureColour(s))),
      h("td", {}, featureName(view, id)),
      h("td", { class: "sw-num" }, formatValue(values[s])),
    );
    if (id === focus) tr.style.fontWeight = "600";
    shown.append(tr);
  });
  const top = h("table", { class: "sw-tv-top" });
  const ids = row(view.topIds, i);
  const vals = row(view.topVals, i);
  for (let k = 0; k < ids.length; k++) {
    if (!(vals[k] > 0)) continue;
    top.append(
      h(
        "tr",
        {},
        h("td", {}, featureName(view, ids[k])),
        h("td", { class: "sw-num" }, formatValue(vals[k])),
      ),
    );
  }
  return h(
    "div",
    {},
    h(
      "div",
      { class: "sw-tip-head" },
      h("b", {}, tokenLabel(view.tokens[i])),
      h("span", { class: "sw-muted" }, `  pos ${i}`),
    ),
    view.special.has(i)
      ? h("div", { class: "sw-muted" }, "special token: drawn grey, left out of the colour scale")
      : null,
    shown,
    h("h4", {}, `Top ${ids.length} features here`),
    top.childElementCount > 0 ? top : h("div", { class: "sw-muted" }, "no feature fires"),
  );
}

function render({ model, el, experimental }: RenderProps): () => void {
  const invoke = hostInvoke(model, experimental);
  const root = h("div", { class: "sw-root sw-tokenview" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  const legend = h("div", { class: "sw-tv-legend" });
  const text = h("div", { class: "sw-tv-text", attrs: { "data-testid": "tokens" } });
  root.append(banner.el);
  el.replaceChildren(root);
  const tip = tooltip(root);
  const standalone = model.get("_standalone") === true;
  let view: View | null = null;

  if (model.get("live") === true && !standalone) {
    const box = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Text to run" } });
    const status = h("span", { class: "sw-muted" });
    box.value = String(model.get("text") ?? "");
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    const run = async () => {
      const mine = ++generation;
      status.textContent = "running…";
      try {
        await request(invoke, "run", { text: box.value });
        if (mine === generation) banner.show("");
      } catch (error) {
        if (mine === generation) banner.show(String(error instanceof Error ? error.message : error));
      } finally {
        if (mine === generation) status.textContent = "";
      }
    };
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 600);
    });
    model.on("change:text", () => {
      if (document.activeElement !== box) box.value = String(model.get("text") ?? "");
    });
    root.append(h("div", { class: "sw-tv-editor" }, box, status));
  }
  root.append(legend, text);

  const panel =
    model.get("attributable") === true
      ? attributionPanel({
          invoke,
          text: () => String(model.get("text") ?? ""),
          name: (id) => (view === null ? `#${id}` : featureName(view, id)),
          open: (id) => {
            model.set("open_feature", -1);
            model.set("open_feature", id);
            model.save_changes();
          },
        })
      : null;
  if (panel !== null) root.append(panel.el);
  const showPanel = () => {
    const selected = model.get("selected_token") as number;
    panel?.show(view !== null && selected >= 0 && selected < view.tokens.length ? selected : null);
  };

  const paintTokens = () => {
    if (view === null) return;
    const focus = model.get("focus") as number | null;
    const selected = model.get("selected_token") as number;
    text.querySelectorAll<HTMLElement>(".sw-tok").forEach((span, i) => {
      const slot = colourSlot(view as View, i, focus);
      const value = (view as View).acts.data[i * (view as View).features.length + slot] ?? 0;
      const isBos = (view as View).special.has(i);
      span.classList.toggle("sw-bos", isBos);
      span.style.background = isBos
        ? "var(--jp-layout-color3, #e4e4e4)"
        : activationBackground(featureColour(slot), value, (view as View).vmax[slot] ?? 0);
      span.classList.toggle("sw-selected", i === selected);
    });
  };

  const paintLegend = () => {
    if (view === null) return;
    const focus = model.get("focus") as number | null;
    const chip = (label: string, value: number | null, colour: RGB | null) => {
      const b = h("button", { class: "sw-chip", attrs: { type: "button" } });
      if (colour !== null) b.append(swatch(colour));
      b.append(label);
      b.setAttribute("aria-pressed", String(focus === value));
      b.addEventListener("click", () => {
        model.set("focus", value);
        model.save_changes();
      });
      return b;
    };
    const v = view;
    legend.replaceChildren(
      chip("all", null, null),
      ...v.features.map((id, s) =>
        chip(`${featureName(v, id)} · max ${formatValue(v.vmax[s])}`, id, featureColour(s)),
      ),
    );
  };

  const build = () => {
    try {
      view = readView(model);
      banner.show(String(model.get("error") ?? ""));
    } catch (error) {
      view = null;
      banner.show(`TokenView cannot draw its data: ${String(error)}`);
      return;
    }
    text.replaceChildren(
      ...view.tokens.map((token, i) => {
        const span = h("span", { class: "sw-tok", attrs: { "data-i": String(i) } });
        for (const seg of tokenSegments(token)) {
          if (seg.kind === "break") span.append(h("br"));
          else if (seg.kind === "mark") span.append(h("span", { class: "sw-ws" }, seg.text));
          else span.append(seg.text);
        }
        return span;
      }),
    );
    if (view.tokens.length === 0) text.append(h("span", { class: "sw-muted" }, "(no tokens)"));
    paintLegend();
    paintTokens();
    showPanel();
  };

  const tokenAt = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? target.closest<HTMLElement>(".sw-tok") : null;
  text.addEventListener("mouseover", (event) => {
    const span = tokenAt(event.target);
    if (span === null || view === null) return;
    tip.show(span, tokenTip(view, Number(span.dataset.i), model.get("focus") as number | null));
  });
  text.addEventListener("mouseleave", () => tip.hide());
  text.addEventListener("scroll", () => tip.hide());
  text.addEventListener("click", (event) => {
    const span = tokenAt(event.target);
    if (span === null) return;
    const i = Number(span.dataset.i);
    model.set("selected_token", model.get("selected_token") === i ? -1 : i);
    model.save_changes();
  });

  const onData = () => build();
  const onFocus = () => {
    paintLegend();
    paintTokens();
  };
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:selected_token", showPanel);
  const data = ["tokens", "acts", "features", "top_ids", "top_vals", "labels", "special"];
  const unData = listen(model, data.map((k) => `change:${k}`), onData);
  const unFocus = listen(model, ["change:focus", "change:selected_token"], onFocus);
  model.on("change:error", onError);
  build();
  return () => {
    unData();
    unFocus();
    model.off("change:selected_token", showPanel);
    model.off("change:error", onError);
  };
}

export default { render };
