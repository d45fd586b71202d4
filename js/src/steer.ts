// Steer: clean vs steered continuations of a prompt (saewidgets/widgets/_steer.py).
// Traits read: prompt, chips [{feature, strength, ablate, label, limit}], max_new_tokens, result,
// history, error. Requests: "run" {prompt, chips: [{feature, strength, ablate}], max_new_tokens},
// "find" {query}. The traits follow the view through "run" (Python sets them when it answers).

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h } from "./lib/dom";
import { listen } from "./lib/events";
import { hostInvoke } from "./lib/host";
import type { RenderProps } from "./lib/types";
import { chipList, featureFinder } from "./steer/chips";
import { runMessage, type Chip, type RunMessage } from "./steer/data";
import { runHistory } from "./steer/history";
import { resultView, type Result } from "./steer/result";
import { runner } from "./steer/runner";
import css from "./steer/steer.css";

function render({ model, el, experimental }: RenderProps): () => void {
  const invoke = hostInvoke(model, experimental);
  const root = h("div", { class: "sw-root sw-steer" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  const prompt = h("textarea", { attrs: { spellcheck: "false", "aria-label": "Prompt", rows: "2" } });
  const nNew = h("input", { attrs: { type: "number", min: "0", max: "64", "aria-label": "New tokens" } });
  const status = h("span", { class: "sw-muted", attrs: { "data-testid": "status" } });
  const result = resultView();
  const chips = chipList((delay) => runs.schedule(delay));
  const runs = runner(invoke, {
    current: () => runMessage(prompt.value, chips.list(), Number(nNew.value)),
    draw: result.update,
    report: banner.show,
    running: (on) => {
      status.textContent = on ? "running…" : "";
    },
  });
  const add = (found: Chip[]) => {
    chips.add(found);
    runs.schedule(0);
  };
  const finder = featureFinder(invoke, add, banner.show);
  const history = runHistory((msg) => {
    prompt.value = msg.prompt;
    nNew.value = String(msg.max_new_tokens);
    chips.replay(msg.chips);
    void runs.run(msg);
  });
  root.append(
    banner.el,
    h("div", { class: "sw-st-row" }, prompt),
    h("div", { class: "sw-st-row" }, h("label", {}, "new tokens ", nNew), ...finder, status),
    chips.el,
    result.el,
    history.el,
  );
  el.replaceChildren(root);
  prompt.addEventListener("input", () => runs.schedule(600));
  nNew.addEventListener("change", () => runs.schedule(0));

  const fromModel = () => {
    if (runs.busy()) return; // the view's own edit is on its way to Python
    if (document.activeElement !== prompt) prompt.value = String(model.get("prompt") ?? "");
    nNew.value = String(model.get("max_new_tokens") ?? 20);
    chips.sync(((model.get("chips") as Chip[] | undefined) ?? []).map((c) => ({ ...c })));
  };
  const onResult = () => result.update((model.get("result") as Result | null) ?? null);
  const onError = () => banner.show(String(model.get("error") ?? ""));
  const onHistory = () => history.update((model.get("history") as RunMessage[] | undefined) ?? []);
  fromModel();
  onResult();
  onError();
  onHistory();
  const unInputs = listen(model, ["change:chips", "change:prompt", "change:max_new_tokens"], fromModel);
  model.on("change:result", onResult);
  model.on("change:error", onError);
  model.on("change:history", onHistory);
  return () => {
    runs.destroy();
    unInputs();
    model.off("change:result", onResult);
    model.off("change:error", onError);
    model.off("change:history", onHistory);
  };
}

export default { render };
