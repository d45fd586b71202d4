// Child widgets of a composed widget (the Explorer's map, card and grid; the Annotator's card):
// the trait holds "anywidget:<model id>"; anywidget's `host` (or the export's in-page host)
// resolves it to the child's model and renders the child's own view into a slot.

import type { Host, Model } from "./types";

export interface Child {
  model: Model;
  /** Renders the child's own view (its bundle, its requests) into `el`. */
  mount(el: HTMLElement): Promise<void>;
}

/** The child held in `model`'s trait `name`, or null when the trait is empty. */
export async function child(host: Host | undefined, model: Model, name: string): Promise<Child | null> {
  const ref = model.get(name);
  if (ref === null || ref === undefined) return null;
  if (host === undefined) {
    throw new Error("this widget is composed of child widgets and needs anywidget 0.11 or later in the front end");
  }
  const [childModel, widget] = await Promise.all([host.getModel(String(ref)), host.getWidget(String(ref))]);
  return { model: childModel, mount: (el) => widget.render({ el }) };
}
