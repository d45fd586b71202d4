// mountCard: the FeatureCard controller shared by the FeatureCard and Annotator widgets. It fetches
// a feature's data through the "card" request (recorded answers in an export), draws the
// sections, follows neighbour clicks and next/previous keys, and saves annotations. Each part is
// a component in this folder with its own update(payload); this wires them to the model.

import baseCss from "../lib/base.css";
import { addStyle, errorBanner, h, tooltip } from "../lib/dom";
import type { ColumnSpec } from "../lib/format";
import type { Invoke, Model } from "../lib/types";
import { cardAnnotation } from "./annotation";
import css from "./card.css";
import type { Payload } from "./data";
import { missingText } from "./exportnote";
import type { Form } from "./form";
import { gotoBox } from "./goto";
import { cardHead } from "./header";
import { cardKeys } from "./keys";
import { featureLoader } from "./loader";
import { cardSection, examplesBlock, statsBlock } from "./sections";
import { cardSide } from "./side";
import { steerSection } from "./steer";

export interface CardOptions {
  /** Extra keys (return true when handled); runs before next/previous. */
  onKey?(event: KeyboardEvent, card: Card): boolean;
  /** Called after a feature's data is drawn. */
  onShow?(payload: Payload): void;
  /** Extra class on the root. */
  className?: string;
  /** Put the annotation box right under the header numbers (triage) instead of the side. */
  formFirst?: boolean;
}

export interface Card {
  root: HTMLElement;
  /** Header slot the Annotator fills with its progress. */
  extra: HTMLElement;
  form: Form;
  payload(): Payload | null;
  /** Saves the shown LLM explanation as the feature's label (nothing when there is none). */
  accept(): Promise<void>;
  go(feature: number | null): void;
  destroy(): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the card in `el` and keeps it in sync with `model` ("feature", "error"). */
export function mountCard(el: HTMLElement, model: Model, invoke: Invoke, options: CardOptions = {}): Card {
  const standalone = model.get("_standalone") === true;
  const root = h("div", { class: `sw-root sw-card ${options.className ?? ""}`.trim(), attrs: { tabindex: "0", "data-testid": "card" } });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  const tip = tooltip(root);
  let payload: Payload | null = null;
  const go = (feature: number | null) => {
    if (feature === null) return;
    tip.hide();
    void note.form.flush();
    model.set("feature", feature);
    model.save_changes();
  };
  const labels = (): Record<string, string> => ({ ...((model.get("labels") as Record<string, string> | undefined) ?? {}), ...(payload?.labels ?? {}) });
  const goto = gotoBox(labels, () => Number(model.get("d_sae") ?? Number.MAX_SAFE_INTEGER), go);
  const head = cardHead(go, goto.input);
  const source = h("div", { class: "sw-muted sw-card-source" }, String(model.get("source") ?? ""));
  const notice = h("div", { class: "sw-card-notice sw-muted", attrs: { "data-testid": "notice" } });
  notice.hidden = true;
  const stats = h("div", {});
  const examples = h("div", { class: "sw-card-main" });
  const side = cardSide(tip, go);
  const editable = model.get("editable") === true && !standalone;
  const note = cardAnnotation(invoke, editable, (model.get("statuses") as string[] | undefined) ?? [], () => payload, head.retitle);
  if (!options.formFirst) side.el.append(note.el);
  root.append(banner.el, head.el, goto.hits, source, notice, stats, h("div", { class: "sw-card-body" }, examples, side.el));
  if (options.formFirst) stats.after(note.el);
  const steer = model.get("steerable") === true ? steerSection(invoke, standalone) : null;
  if (steer !== null) root.append(cardSection("Steer", steer.el));
  el.replaceChildren(root);

  const show = (p: Payload) => {
    head.update(p);
    stats.replaceChildren(statsBlock(p.stats, (model.get("columns") as ColumnSpec[] | undefined) ?? []));
    examples.replaceChildren(examplesBlock(p, tip));
    side.update(p);
    note.update(p);
    steer?.show(p.feature, p.stats.max_act);
    payload = p;
    notice.hidden = true;
    banner.show(String(model.get("error") ?? ""));
    options.onShow?.(p);
  };
  const fail = (feature: number, error: unknown) => {
    if (!standalone) banner.show(`Feature ${feature}: ${messageOf(error)}`); // an export lacks the feature:
    else void missingText(invoke, feature).then((t) => ((notice.textContent = t), (notice.hidden = false)));
  };
  const busy = (on: boolean) => root.classList.toggle("sw-loading", on);
  // The first feature's data may come with the synced state (FeatureCard's "initial_card"), so a
  // page without a kernel (an exported notebook) still draws it; used once, later loads request.
  const initial = standalone ? null : ((model.get("initial_card") as Payload | null | undefined) ?? null);
  const load = featureLoader(invoke, initial, { show, fail, busy });

  const card: Card = { root, extra: head.extra, form: note.form, payload: () => payload, accept: note.accept, go, destroy };
  const step = (direction: 1 | -1) => go((direction === 1 ? payload?.next : payload?.prev) ?? null);
  cardKeys(root, { onKey: (event) => options.onKey?.(event, card) ?? false, step, flush: () => void note.form.flush() });
  const onFeature = () => void load(Number(model.get("feature")));
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:feature", onFeature);
  model.on("change:error", onError);
  function destroy() {
    model.off("change:feature", onFeature);
    model.off("change:error", onError);
    void note.form.flush();
  }
  onFeature();
  return card;
}
