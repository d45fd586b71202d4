// TokenView's live editor: a text box whose text is run through the model ("run" request) after a
// pause in typing; the newest run's outcome is shown.

import { h } from "../lib/dom";
import { request } from "../lib/request";
import type { Invoke, Model } from "../lib/types";

const PAUSE_MS = 600;

/** The editor of `model`'s "text"; `report` shows a run's error ("" when it went through). */
export function liveEditor(model: Model, invoke: Invoke, report: (message: string) => void): { el: HTMLElement; destroy(): void } {
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
      if (mine === generation) report("");
    } catch (error) {
      if (mine === generation) report(String(error instanceof Error ? error.message : error));
    } finally {
      if (mine === generation) status.textContent = "";
    }
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  });
  const onText = () => {
    if (document.activeElement !== box) box.value = String(model.get("text") ?? "");
  };
  model.on("change:text", onText);
  return { el: h("div", { class: "sw-tv-editor" }, box, status), destroy: () => model.off("change:text", onText) };
}
