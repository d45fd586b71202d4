// A FeatureCard's "Annotation" section: the LLM explanation (accept it as the label) and the
// annotation box, saved through the "annotate" request; a saved label renames the feature in the
// card's labels and title.

import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import type { AnnotationFields, Payload } from "./data";
import { annotationForm, type Form } from "./form";
import { cardSection } from "./sections";
import { suggestionBox } from "./suggestion";

export interface CardAnnotation {
  el: HTMLElement;
  form: Form;
  /** Saves the shown LLM explanation as the feature's label (nothing when there is none). */
  accept(): Promise<void>;
  /** Shows feature `p`'s explanation and annotation. */
  update(p: Payload): void;
}

/** The section for the feature `shown()`; `relabel` redraws after its label is saved. */
export function cardAnnotation(
  invoke: Invoke,
  editable: boolean,
  statuses: string[],
  shown: () => Payload | null,
  relabel: (p: Payload) => void,
): CardAnnotation {
  const save = async (feature: number, fields: Partial<AnnotationFields>): Promise<AnnotationFields> => {
    const answer = await request<{ annotation: AnnotationFields }>(invoke, "annotate", { feature, ...fields });
    const payload = shown();
    if (payload !== null && payload.feature === feature) {
      payload.annotation = answer.annotation;
      const labels = { ...payload.labels };
      if (answer.annotation.label) labels[String(feature)] = answer.annotation.label;
      else delete labels[String(feature)];
      payload.labels = labels;
      relabel(payload);
    }
    return answer.annotation;
  };
  const form = annotationForm(editable, statuses, save);
  const accept = async (): Promise<void> => {
    const text = suggestion.current();
    const payload = shown();
    if (payload === null || text === null) return;
    const feature = payload.feature;
    await form.flush();
    const saved = await save(feature, { label: text });
    if (shown()?.feature === feature) form.fill(saved, feature);
  };
  const suggestion = suggestionBox(editable, () => void accept());
  const el = cardSection("Annotation", suggestion.el, form.el);
  el.classList.add("sw-card-form");
  return {
    el,
    form,
    accept,
    update(p) {
      suggestion.show(p.explanations);
      form.fill(p.annotation, p.feature);
    },
  };
}
