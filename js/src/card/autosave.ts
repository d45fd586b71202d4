// The annotation box's saving: edits wait for a pause in typing (or a flush: status change,
// leaving a field, Enter, another feature) and are sent one save at a time, in order, each to the
// feature it was typed for; a line says whether the last save went through.

import { h } from "../lib/dom";
import type { AnnotationFields } from "./data";

export type Save = (feature: number, fields: Partial<AnnotationFields>) => Promise<AnnotationFields>;

const PAUSE_MS = 600;

export interface Autosave {
  /** The "saving… / saved / not saved" line. */
  el: HTMLElement;
  /** Queues typed `fields`; they are saved after a pause. */
  edit(fields: Partial<AnnotationFields>): void;
  /** Saves `fields` and anything queued now. */
  now(fields: Partial<AnnotationFields>): Promise<void>;
  /** Saves anything queued now. */
  flush(): Promise<void>;
  /** Edits now go to `feature` (anything queued for the previous one is saved first). */
  switchTo(feature: number): void;
}

/** Saving through `save`; `saved` gets each stored annotation of the feature still shown. */
export function autosave(save: Save, saved: (annotation: AnnotationFields) => void): Autosave {
  const el = h("span", { class: "sw-saved", attrs: { "data-testid": "saved", "aria-live": "polite" } });
  let feature = -1;
  let pending: Partial<AnnotationFields> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  const indicate = (text: string, kind: string) => {
    el.textContent = text;
    el.dataset.state = kind;
  };
  const send = (fields: Partial<AnnotationFields>, target: number): Promise<void> => {
    indicate("saving…", "saving");
    chain = chain.then(async () => {
      try {
        const annotation = await save(target, fields);
        if (target === feature) saved(annotation);
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
  return {
    el,
    edit(fields) {
      pending = { ...pending, ...fields };
      indicate("editing…", "editing");
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), PAUSE_MS);
    },
    now(fields) {
      pending = { ...pending, ...fields };
      return flush();
    },
    flush,
    switchTo(f) {
      if (f !== feature) {
        void flush();
        indicate("", "");
      }
      feature = f;
    },
  };
}
