// The annotation box of a FeatureCard: label, status, tags and note. Editable with a kernel
// (autosave after a pause in typing, or at once on status change / leaving a field), read-only
// in exports. Values are shown through .value / textContent only.

import { h } from "../lib/dom";
import { parseTags, type AnnotationFields } from "./data";

export type Save = (feature: number, fields: Partial<AnnotationFields>) => Promise<AnnotationFields>;

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

const PAUSE_MS = 600;
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

/** The annotation box; `save` stores fields in the kernel and answers the stored annotation. */
export function annotationForm(editable: boolean, statuses: string[], save: Save): Form {
  if (!editable) return readOnlyForm();
  const label = h("input", {
    class: "sw-in-label",
    attrs: { type: "text", placeholder: "label (l or Enter)", "aria-label": "label", "data-testid": "label" },
  });
  const tags = h("input", {
    attrs: { type: "text", placeholder: "tags, comma-separated", "aria-label": "tags", "data-testid": "tags" },
  });
  const note = h("textarea", { attrs: { placeholder: "note", "aria-label": "note", rows: "2", "data-testid": "note" } });
  const state = h("span", { class: "sw-saved", attrs: { "data-testid": "saved", "aria-live": "polite" } });
  const statusRow = h("div", { class: "sw-status-row", attrs: { role: "radiogroup", "aria-label": "status" } });
  const buttons = statuses.map((s, i) => {
    const b = h("button", { class: "sw-chip", attrs: { type: "button", role: "radio", "data-status": s } }, `${i + 1} ${s}`);
    b.addEventListener("click", () => void setStatus(s));
    statusRow.append(b);
    return b;
  });
  const el = h(
    "div",
    { class: "sw-form", attrs: { "data-testid": "annotation" } },
    label,
    statusRow,
    tags,
    note,
    state,
  );
  let feature = -1;
  let pending: Partial<AnnotationFields> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const showStatus = (status: string) =>
    buttons.forEach((b) => b.setAttribute("aria-checked", String(b.dataset.status === status)));
  const indicate = (text: string, kind: string) => {
    state.textContent = text;
    state.dataset.state = kind;
  };

  const send = (fields: Partial<AnnotationFields>, target: number): Promise<void> => {
    indicate("saving…", "saving");
    chain = chain.then(async () => {
      try {
        const saved = await save(target, fields);
        if (target === feature) showStatus(saved.status);
        indicate(`saved ${new Date().toLocaleTimeString()}`, "saved");
      } catch (error) {
        indicate(`not saved: ${error instanceof Error ? error.message : String(error)}`, "error");
      }
    });
    return chain;
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    const fields = pending;
    pending = {};
    return Object.keys(fields).length === 0 ? chain : send(fields, feature);
  };

  const edit = (fields: Partial<AnnotationFields>) => {
    pending = { ...pending, ...fields };
    indicate("editing…", "editing");
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), PAUSE_MS);
  };

  const setStatus = (status: string): Promise<void> => {
    showStatus(status);
    pending = { ...pending, status };
    return flush();
  };

  label.addEventListener("input", () => edit({ label: label.value }));
  tags.addEventListener("input", () => edit({ tags: parseTags(tags.value) }));
  note.addEventListener("input", () => edit({ note: note.value }));
  for (const input of [label, tags, note]) input.addEventListener("change", () => void flush());
  label.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void flush();
  });

  return {
    el,
    fill(annotation, f) {
      if (f !== feature) {
        void flush();
        indicate("", "");
      }
      feature = f;
      const a = annotation ?? EMPTY;
      label.value = a.label;
      tags.value = a.tags.join(", ");
      note.value = a.note;
      showStatus(a.status);
    },
    flush,
    setStatus,
    focusLabel() {
      label.focus();
      label.select();
    },
  };
}
