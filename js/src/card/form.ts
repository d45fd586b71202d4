// The annotation box of a FeatureCard: label, status, tags and note. Editable with a kernel
// (autosave after a pause in typing, or at once on status change / leaving a field), read-only
// in exports. Values are shown through .value / textContent only.

import { h } from "../lib/dom";
import { autosave, type Save } from "./autosave";
import { parseTags, type AnnotationFields } from "./data";

export interface Form {
  el: HTMLElement;
  /** Shows the annotation of `feature` (null: none yet). */
  fill(annotation: AnnotationFields | null, feature: number): void;
  /** Saves any typed but unsaved field now. */
  flush(): Promise<void>;
  /** Sets and saves the status (a triage key). */
  setStatus(status: string): Promise<void>;
  focusLabel(): void;
}

const EMPTY: AnnotationFields = { label: "", status: "unreviewed", tags: [], note: "" };

function readOnlyForm(): Form {
  const el = h("div", { class: "sw-form sw-form-ro", attrs: { "data-testid": "annotation" } });
  return {
    el,
    fill(annotation) {
      const a = annotation ?? EMPTY;
      el.replaceChildren(
        h("div", { class: "sw-ro-row" }, h("span", { class: "sw-muted" }, "label "), h("span", { class: "sw-ro-label" }, a.label || "–")),
        h("div", { class: "sw-ro-row" }, h("span", { class: "sw-muted" }, "status "), h("span", { class: "sw-ro-status" }, a.status)),
        h("div", { class: "sw-ro-row" }, h("span", { class: "sw-muted" }, "tags "), h("span", {}, a.tags.join(", ") || "–")),
      );
      if (a.note) el.append(h("div", { class: "sw-ro-note" }, a.note));
    },
    flush: async () => {},
    setStatus: async () => {},
    focusLabel() {},
  };
}

/** The status radio buttons ("1 unreviewed", …); a click calls `pick`. */
function statusRadios(statuses: string[], pick: (status: string) => void): { el: HTMLElement; show(status: string): void } {
  const el = h("div", { class: "sw-status-row", attrs: { role: "radiogroup", "aria-label": "status" } });
  const buttons = statuses.map((s, i) => {
    const b = h("button", { class: "sw-chip", attrs: { type: "button", role: "radio", "data-status": s } }, `${i + 1} ${s}`);
    b.addEventListener("click", () => pick(s));
    el.append(b);
    return b;
  });
  return {
    el,
    show: (status) => buttons.forEach((b) => b.setAttribute("aria-checked", String(b.dataset.status === status))),
  };
}

/** The label, tags and note boxes. */
function fieldInputs(): { label: HTMLInputElement; tags: HTMLInputElement; note: HTMLTextAreaElement } {
  const label = h("input", {
    class: "sw-in-label",
    attrs: { type: "text", placeholder: "label (l or Enter)", "aria-label": "label", "data-testid": "label" },
  });
  const tags = h("input", {
    attrs: { type: "text", placeholder: "tags, comma-separated", "aria-label": "tags", "data-testid": "tags" },
  });
  const note = h("textarea", { attrs: { placeholder: "note", "aria-label": "note", rows: "2", "data-testid": "note" } });
  return { label, tags, note };
}

/** The annotation box; `save` stores fields in the kernel and answers the stored annotation. */
export function annotationForm(editable: boolean, statuses: string[], save: Save): Form {
  if (!editable) return readOnlyForm();
  const { label, tags, note } = fieldInputs();
  const setStatus = (status: string): Promise<void> => {
    radios.show(status);
    return saver.now({ status });
  };
  const radios = statusRadios(statuses, (s) => void setStatus(s));
  const saver = autosave(save, (saved) => radios.show(saved.status));
  label.addEventListener("input", () => saver.edit({ label: label.value }));
  tags.addEventListener("input", () => saver.edit({ tags: parseTags(tags.value) }));
  note.addEventListener("input", () => saver.edit({ note: note.value }));
  for (const input of [label, tags, note]) input.addEventListener("change", () => void saver.flush());
  label.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void saver.flush();
  });
  return {
    el: h("div", { class: "sw-form", attrs: { "data-testid": "annotation" } }, label, radios.el, tags, note, saver.el),
    fill(annotation, f) {
      saver.switchTo(f);
      const a = annotation ?? EMPTY;
      label.value = a.label;
      tags.value = a.tags.join(", ");
      note.value = a.note;
      radios.show(a.status);
    },
    flush: saver.flush,
    setStatus,
    focusLabel() {
      label.focus();
      label.select();
    },
  };
}
