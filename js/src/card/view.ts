// mountCard: the FeatureCard controller shared by the FeatureCard and Annotator widgets. It fetches
// a feature's data through the "card" request (recorded answers in an export), draws the
// sections, follows neighbour clicks and next/previous keys, and saves annotations.

import baseCss from "../lib/base.css";
import { addStyle, errorBanner, h, tooltip } from "../lib/dom";
import { findFeatures } from "../lib/goto";
import { request } from "../lib/request";
import type { ColumnSpec } from "../lib/format";
import type { Invoke, Model } from "../lib/types";
import css from "./card.css";
import type { AnnotationFields, Payload } from "./data";
import { annotationForm, type Form } from "./form";
import { labelSteps, missingText } from "./exportnote";
import { steerSection } from "./steer";
import { suggestionBox } from "./suggestion";
import { neuronpediaLink } from "./neuronpedia";
import {
  examplesBlock,
  featureName,
  flagChips,
  histogramBlock,
  logitsBlock,
  neighboursBlock,
  statsBlock,
} from "./sections";

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

const EDIT_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the card in `el` and keeps it in sync with `model` ("feature", "error"). */
export function mountCard(el: HTMLElement, model: Model, invoke: Invoke, options: CardOptions = {}): Card {
  const standalone = model.get("_standalone") === true;
  const editable = model.get("editable") === true && !standalone;
  const statuses = (model.get("statuses") as string[] | undefined) ?? [];
  const root = h("div", {
    class: `sw-root sw-card ${options.className ?? ""}`.trim(),
    attrs: { tabindex: "0", "data-testid": "card" },
  });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  const prev = h("button", { class: "sw-nav", attrs: { type: "button", "aria-label": "previous feature (k)", "data-testid": "prev" } }, "‹");
  const next = h("button", { class: "sw-nav", attrs: { type: "button", "aria-label": "next feature (j)", "data-testid": "next" } }, "›");
  const title = h("h3", { class: "sw-card-title", attrs: { "data-testid": "title" } });
  const flags = h("span", { class: "sw-flags" });
  const extra = h("div", { class: "sw-card-extra" });
  const gotoBox = h("input", {
    class: "sw-goto",
    attrs: { type: "search", placeholder: "go to: id or label", "aria-label": "go to feature", "data-testid": "goto" },
  });
  const gotoHits = h("div", { class: "sw-goto-hits", attrs: { "data-testid": "goto-hits" } });
  const source = h("div", { class: "sw-muted sw-card-source" }, String(model.get("source") ?? ""));
  const stats = h("div", {});
  const examples = h("div", { class: "sw-card-main" });
  const actHist = h("div", {});
  const logits = h("div", {});
  const neighbours = h("div", {});
  const logBox = h("input", { attrs: { type: "checkbox", "aria-label": "log counts" } });
  const notice = h("div", { class: "sw-card-notice sw-muted", attrs: { "data-testid": "notice" } });
  notice.hidden = true;

  let payload: Payload | null = null;
  let generation = 0;

  const save = async (feature: number, fields: Partial<AnnotationFields>): Promise<AnnotationFields> => {
    const answer = await request<{ annotation: AnnotationFields }>(invoke, "annotate", { feature, ...fields });
    if (payload !== null && payload.feature === feature) {
      payload.annotation = answer.annotation;
      const labels = { ...payload.labels };
      if (answer.annotation.label) labels[String(feature)] = answer.annotation.label;
      else delete labels[String(feature)];
      payload.labels = labels;
      drawTitle(payload);
    }
    return answer.annotation;
  };
  const form = annotationForm(editable, statuses, save);
  const accept = async (): Promise<void> => {
    const text = suggestion.current();
    if (payload === null || text === null) return;
    const feature = payload.feature;
    await form.flush();
    const saved = await save(feature, { label: text });
    if (payload?.feature === feature) form.fill(saved, feature);
  };
  const suggestion = suggestionBox(editable, () => void accept());

  const section = (name: string, ...children: Node[]) =>
    h("section", { class: "sw-card-section" }, h("h4", { class: "sw-section-title" }, name), ...children);
  const side = h(
    "div",
    { class: "sw-card-side" },
    section("Activation histogram (non-zero)", h("label", { class: "sw-muted sw-log" }, logBox, " log counts"), actHist),
    section("Logit weights", logits),
    section("Neighbours", neighbours),
  );
  const formSection = section("Annotation", suggestion.el, form.el);
  formSection.classList.add("sw-card-form");
  if (!options.formFirst) side.append(formSection);
  root.append(
    banner.el,
    h("div", { class: "sw-card-head" }, prev, title, flags, next, extra, gotoBox),
    gotoHits,
    source,
    notice,
    stats,
    h("div", { class: "sw-card-body" }, examples, side),
  );
  if (options.formFirst) stats.after(formSection);
  const steer = model.get("steerable") === true ? steerSection(invoke, standalone) : null;
  if (steer !== null) root.append(section("Steer", steer.el));
  el.replaceChildren(root);
  const tip = tooltip(root);

  function drawTitle(p: Payload) {
    title.replaceChildren("Feature ", featureName(p.feature, p.labels), ...neuronpediaLink(p.neuronpedia));
  }

  const drawHistograms = (p: Payload) => {
    const log = logBox.checked;
    actHist.replaceChildren(histogramBlock(p.hist.edges, p.hist.counts, log, tip, "activations"));
    logits.replaceChildren(logitsBlock(p, log, tip));
  };

  const draw = (p: Payload) => {
    drawTitle(p);
    flags.replaceChildren(...flagChips(p.stats));
    labelSteps(prev, next, p);
    stats.replaceChildren(statsBlock(p.stats, (model.get("columns") as ColumnSpec[] | undefined) ?? []));
    examples.replaceChildren(examplesBlock(p, tip));
    drawHistograms(p);
    neighbours.replaceChildren(neighboursBlock(p));
    suggestion.show(p.explanations);
    form.fill(p.annotation, p.feature);
    steer?.show(p.feature, p.stats.max_act);
  };

  // The first feature's data may come with the synced state (FeatureCard's "initial_card"), so a
  // page without a kernel (an exported notebook) still draws it; used once, later loads request.
  let initial = standalone ? null : ((model.get("initial_card") as Payload | null | undefined) ?? null);

  const show = (p: Payload) => {
    draw(p);
    payload = p;
    notice.hidden = true;
    banner.show(String(model.get("error") ?? ""));
    options.onShow?.(p);
  };

  const load = async (feature: number) => {
    const mine = ++generation;
    const first = initial;
    initial = null;
    if (first !== null && first.feature === feature) {
      show(first);
      return;
    }
    root.classList.add("sw-loading");
    try {
      const p = await request<Payload>(invoke, "card", { feature });
      if (mine !== generation) return;
      show(p);
    } catch (error) {
      if (mine !== generation) return;
      const text = messageOf(error);
      if (!standalone) banner.show(`Feature ${feature}: ${text}`); // an export lacks the feature:
      else void missingText(invoke, feature).then((t) => ((notice.textContent = t), (notice.hidden = false)));
    } finally {
      if (mine === generation) root.classList.remove("sw-loading");
    }
  };

  const go = (feature: number | null) => {
    if (feature === null) return;
    tip.hide();
    void form.flush();
    model.set("feature", feature);
    model.save_changes();
  };

  const allLabels = (): Record<string, string> => ({
    ...((model.get("labels") as Record<string, string> | undefined) ?? {}),
    ...(payload?.labels ?? {}),
  });
  const findGoto = () => {
    const dSae = Number(model.get("d_sae") ?? Number.MAX_SAFE_INTEGER);
    const hits = findFeatures(gotoBox.value, allLabels(), dSae);
    gotoHits.replaceChildren();
    if (gotoBox.value.trim() !== "" && hits.length === 0) gotoHits.append(h("span", { class: "sw-muted" }, "no such feature"));
    if (hits.length > 1) {
      const names = allLabels();
      for (const id of hits) {
        const b = h("button", { class: "sw-chip sw-nb", attrs: { type: "button", "data-feature": String(id) } }, `#${id} ${names[String(id)] ?? ""}`.trim());
        gotoHits.append(b);
      }
    }
    return hits;
  };
  gotoBox.addEventListener("input", () => void findGoto());
  gotoBox.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const hits = findGoto();
    if (hits.length >= 1) go(hits[0]);
  });
  gotoHits.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>("button") : null;
    if (button) go(Number(button.dataset.feature));
  });

  const card: Card = { root, extra, form, payload: () => payload, accept, go, destroy };

  prev.addEventListener("click", () => go(payload?.prev ?? null));
  next.addEventListener("click", () => go(payload?.next ?? null));
  logBox.addEventListener("change", () => payload && drawHistograms(payload));
  neighbours.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>(".sw-nb") : null;
    if (button && !button.disabled) go(Number(button.dataset.feature));
  });
  root.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    if (EDIT_TAGS.has(target.tagName)) {
      if (event.key === "Escape") {
        void form.flush();
        root.focus();
        event.preventDefault();
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (options.onKey?.(event, card)) {
      event.preventDefault();
      return;
    }
    if (event.key === "j" || event.key === "ArrowRight") go(payload?.next ?? null);
    else if (event.key === "k" || event.key === "ArrowLeft") go(payload?.prev ?? null);
    else return;
    event.preventDefault();
  });

  const onFeature = () => void load(Number(model.get("feature")));
  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:feature", onFeature);
  model.on("change:error", onError);
  function destroy() {
    model.off("change:feature", onFeature);
    model.off("change:error", onError);
    void form.flush();
  }
  onFeature();
  return card;
}
