// Steer: clean vs steered continuations of a prompt (saewidgets/widgets/_steer.py).
// Traits read: prompt, chips [{feature, strength, ablate, label, limit}], max_new_tokens, result,
// history, error. Requests: "run" {prompt, chips: [{feature, strength, ablate}], max_new_tokens},
// "find" {query}. The traits follow the view through "run" (Python sets them when it answers).

import baseCss from "./lib/base.css";
import { decodeArray, type WireArray } from "./lib/codec";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import { formatPercent, formatValue } from "./lib/format";
import { hostInvoke } from "./lib/host";
import { request } from "./lib/request";
import { tokenLabel } from "./lib/tokens";
import type { RenderProps } from "./lib/types";
import { chipText, klShade, runMessage, sameShape, type Chip, type RunMessage } from "./steer/data";
import css from "./steer/steer.css";

interface Result {
  prompt: string;
  tokens: string[];
  text_clean: string;
  text_after: string;
  kind: string;
  kl: WireArray;
  top: { token: string[]; p_clean: WireArray; p_after: WireArray };
}

function continuation(title: string, prompt: string, text: string, testid: string): HTMLElement {
  return h(
    "div",
    { class: "sw-st-col" },
    h("h4", {}, title),
    h(
      "div",
      { class: "sw-st-text" },
      h("span", { class: "sw-muted" }, prompt),
      h("span", { class: "sw-st-new", attrs: { "data-testid": testid } }, text),
    ),
  );
}

function bars(result: Result): HTMLElement {
  const pc = decodeArray(result.top.p_clean).data;
  const pa = decodeArray(result.top.p_after).data;
  const table = h("table", { class: "sw-st-bars", attrs: { "data-testid": "next-tokens" } });
  table.append(
    h("tr", {}, h("th", {}, "next token"), h("th", {}, "clean"), h("th", {}, "steered"), h("th", {}, "change")),
  );
  result.top.token.forEach((token, i) => {
    const bar = (p: number, cls: string) => {
      const b = h("span", { class: `sw-st-bar ${cls}` });
      b.style.width = `${Math.round(Math.max(0, Math.min(1, p)) * 120)}px`;
      return h("td", {}, b, h("span", { class: "sw-num" }, ` ${formatPercent(p)}`));
    };
    const delta = pa[i] - pc[i];
    table.append(
      h(
        "tr",
        {},
        h("td", { class: "sw-st-tok" }, tokenLabel(token)),
        bar(pc[i], "sw-st-clean"),
        bar(pa[i], "sw-st-after"),
        h("td", { class: delta >= 0 ? "sw-num sw-st-up" : "sw-num sw-st-down" }, `${delta >= 0 ? "+" : ""}${formatPercent(delta)}`),
      ),
    );
  });
  return table;
}

function klStrip(result: Result): HTMLElement {
  const kl = decodeArray(result.kl).data;
  let max = 0;
  for (const v of kl) max = Math.max(max, v);
  const strip = h("div", { class: "sw-st-kl", attrs: { "data-testid": "kl" } });
  result.tokens.forEach((token, i) => {
    const span = h("span", { class: "sw-tok", title: `KL(clean || steered) at pos ${i}: ${formatValue(kl[i])}` }, tokenLabel(token));
    span.style.background = klShade(kl[i], max);
    strip.append(span);
  });
  return h("div", {}, h("h4", {}, `KL per position (max ${formatValue(max)})`), strip);
}

function render({ model, el, experimental }: RenderProps): () => void {
  const invoke = hostInvoke(model, experimental);
  const root = h("div", { class: "sw-root sw-steer" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  const prompt = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Prompt", rows: "2" } });
  const nNew = h("input", { attrs: { type: "number", min: "0", max: "64", "aria-label": "New tokens" } });
  const status = h("span", { class: "sw-muted", attrs: { "data-testid": "status" } });
  const chipsEl = h("div", { class: "sw-st-chips" });
  const find = h("input", { attrs: { type: "text", placeholder: "feature id or label", "aria-label": "Add feature" } });
  const addButton = h("button", { class: "sw-chip", attrs: { type: "button" } }, "add");
  const out = h("div", { class: "sw-st-out" });
  const historyEl = h("div", { class: "sw-st-history" });
  root.append(
    banner.el,
    h("div", { class: "sw-st-row" }, prompt),
    h("div", { class: "sw-st-row" }, h("label", {}, "new tokens ", nNew), find, addButton, status),
    chipsEl,
    out,
    historyEl,
  );
  el.replaceChildren(root);

  let chips: Chip[] = [];
  let generation = 0;
  let pending = 0; // runs scheduled or in flight: local edits win over echoes from Python
  let timer: ReturnType<typeof setTimeout> | undefined;

  const draw = (result: Result | null) => {
    if (result === null) {
      out.replaceChildren(h("div", { class: "sw-muted" }, "Type a prompt and add a feature."));
      return;
    }
    const shownPrompt = result.prompt;
    out.replaceChildren(
      h(
        "div",
        { class: "sw-st-cols" },
        continuation("clean", shownPrompt, result.text_clean, "text-clean"),
        continuation(result.kind === "none" ? "unchanged" : result.kind, shownPrompt, result.text_after, "text-after"),
      ),
      bars(result),
      klStrip(result),
    );
  };

  const run = async (msg: RunMessage) => {
    const mine = ++generation;
    pending += 1;
    status.textContent = "running…";
    try {
      const result = await request<Result>(invoke, "run", msg);
      if (mine !== generation) return;
      banner.show("");
      draw(result);
    } catch (error) {
      if (mine === generation) banner.show(String(error instanceof Error ? error.message : error));
    } finally {
      pending -= 1;
      if (mine === generation) status.textContent = "";
    }
  };
  const current = (): RunMessage => runMessage(prompt.value, chips, Number(nNew.value));
  let scheduled = false;
  const schedule = (delay = 250) => {
    clearTimeout(timer);
    scheduled = true;
    timer = setTimeout(() => {
      scheduled = false;
      void run(current());
    }, delay);
  };

  const drawChips = () => {
    chipsEl.replaceChildren(
      ...chips.map((chip, i) => {
        const slider = h("input", {
          attrs: {
            type: "range",
            min: String(-chip.limit),
            max: String(chip.limit),
            step: String(chip.limit / 100),
            "aria-label": `strength of feature ${chip.feature}`,
            "data-feature": String(chip.feature),
          },
        });
        slider.value = String(chip.strength);
        slider.disabled = chip.ablate;
        const value = h("span", { class: "sw-num sw-st-value" }, formatValue(chip.strength));
        slider.addEventListener("input", () => {
          chip.strength = Number(slider.value);
          value.textContent = formatValue(chip.strength);
          schedule();
        });
        const ablate = h("button", { class: "sw-chip", attrs: { type: "button", "aria-pressed": String(chip.ablate) } }, "ablate");
        ablate.addEventListener("click", () => {
          chip.ablate = !chip.ablate;
          drawChips();
          schedule(0);
        });
        const remove = h("button", { class: "sw-chip", attrs: { type: "button", "aria-label": "remove" } }, "×");
        remove.addEventListener("click", () => {
          chips.splice(i, 1);
          drawChips();
          schedule(0);
        });
        return h("div", { class: "sw-st-chip" }, h("span", { class: "sw-st-name" }, chipText(chip)), slider, value, ablate, remove);
      }),
    );
  };

  const addFeature = async () => {
    const query = find.value.trim();
    if (query === "") return;
    try {
      const found = await request<Chip[]>(invoke, "find", { query });
      if (found.length === 0) throw new Error(`no feature matches "${query}"`);
      for (const chip of found) {
        if (!chips.some((c) => c.feature === chip.feature)) chips.push(chip);
      }
      find.value = "";
      drawChips();
      schedule(0);
    } catch (error) {
      banner.show(String(error instanceof Error ? error.message : error));
    }
  };
  addButton.addEventListener("click", () => void addFeature());
  find.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void addFeature();
  });
  prompt.addEventListener("input", () => schedule(600));
  nNew.addEventListener("change", () => schedule(0));

  const drawHistory = () => {
    const past = (model.get("history") as RunMessage[] | undefined) ?? [];
    historyEl.replaceChildren();
    if (past.length < 2) return;
    historyEl.append(h("h4", {}, "Runs so far"));
    for (const msg of past) {
      const b = h("button", { class: "sw-chip", attrs: { type: "button" } }, msg.chips.map((c) => (c.ablate ? `#${c.feature} ablated` : `#${c.feature} ${formatValue(c.strength)}`)).join(", ") || "clean");
      b.addEventListener("click", () => {
        prompt.value = msg.prompt;
        nNew.value = String(msg.max_new_tokens);
        chips = msg.chips.map((c) => ({ ...(chips.find((k) => k.feature === c.feature) ?? { label: "", limit: Math.max(1, Math.abs(c.strength) * 2) }), ...c }));
        drawChips();
        void run(msg);
      });
      historyEl.append(b);
    }
  };

  const fromModel = () => {
    if (scheduled || pending > 0) return; // the view's own edit is on its way to Python
    if (document.activeElement !== prompt) prompt.value = String(model.get("prompt") ?? "");
    nNew.value = String(model.get("max_new_tokens") ?? 20);
    const synced = ((model.get("chips") as Chip[] | undefined) ?? []).map((c) => ({ ...c }));
    const sliders = chipsEl.querySelectorAll<HTMLInputElement>('input[type="range"]');
    if (sameShape(chips, synced) && sliders.length === synced.length) {
      synced.forEach((c, i) => {
        chips[i].strength = c.strength;
        sliders[i].value = String(c.strength);
        const value = sliders[i].nextElementSibling;
        if (value !== null) value.textContent = formatValue(c.strength);
      });
      return;
    }
    chips = synced;
    drawChips();
  };
  const onResult = () => draw((model.get("result") as Result | null) ?? null);
  const onError = () => banner.show(String(model.get("error") ?? ""));
  fromModel();
  onResult();
  onError();
  drawHistory();
  const unInputs = listen(model, ["change:chips", "change:prompt", "change:max_new_tokens"], fromModel);
  model.on("change:result", onResult);
  model.on("change:error", onError);
  model.on("change:history", drawHistory);
  return () => {
    clearTimeout(timer);
    unInputs();
    model.off("change:result", onResult);
    model.off("change:error", onError);
    model.off("change:history", drawHistory);
  };
}

export default { render };
