// Boot script of a standalone HTML export (saewidgets/widgets/export/_html.py inlines it).
// It rebuilds the widget's state from the embedded JSON (binary arrays base64-encoded), loads the
// widget's own bundle from a blob: URL and calls the same `render` that runs in Jupyter, with an
// in-page model instead of the kernel comm. Child widgets (payload.widgets, by model id) get the
// same treatment through an in-page `host`, as anywidget's host does in Jupyter.

import { putBuffers } from "./lib/codec";
import { unpack } from "./lib/pack";
import { createLocalModel, recordedInvoke, type RecordedResponse } from "./lib/model";
import type { ChildWidget, Host, Model, Widget } from "./lib/types";

interface Part {
  esm: string;
  state: Record<string, unknown>;
  buffer_paths: (string | number)[][];
  buffers: string[];
  /** Per buffer: "" as is, "gzip", or "gzip4" (gzip of 4 byte planes); see export/_html.py `pack`. */
  codecs?: string[];
  responses: Record<string, RecordedResponse>;
  /** Blocks of further recorded answers, decoded when asked for (lib/pack.ts). */
  packed?: string[];
}

interface Payload extends Part {
  widgets?: Record<string, Part>;
}

const REF = "anywidget:";

async function load(esm: string): Promise<Widget> {
  const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
  const module = (await import(url)) as { default?: Widget } & Partial<Widget>;
  const widget: Widget | undefined = module.default ?? (module as Widget);
  if (typeof widget?.render !== "function") throw new Error("the widget bundle has no render()");
  return widget;
}

/** Decodes every part's buffers into its state (before any model is made from it). */
async function unpackParts(parts: Part[]): Promise<void> {
  await Promise.all(
    parts.map(async (part) => {
      const views = await Promise.all(part.buffers.map((b, i) => unpack(part.codecs?.[i] ?? "", b)));
      putBuffers(part.state, part.buffer_paths, views);
    }),
  );
}

function localModel(part: Part): Model {
  const state = part.state;
  state._standalone = true;
  return createLocalModel(state);
}

function pageHost(parts: Record<string, Part>): Host {
  const models = new Map<string, Model>();
  const find = (ref: string): [Part, Model] => {
    const id = ref.startsWith(REF) ? ref.slice(REF.length) : ref;
    const part = parts[id];
    if (part === undefined) throw new Error(`the export has no widget ${id}`);
    if (!models.has(id)) models.set(id, localModel(part));
    return [part, models.get(id) as Model];
  };
  const host: Host = {
    getModel: async (ref) => find(ref)[1],
    async getWidget(ref): Promise<ChildWidget> {
      const [part, model] = find(ref);
      const widget = await load(part.esm);
      return {
        async render({ el }) {
          await widget.render({ model, el, experimental: { invoke: recordedInvoke(part.responses, part.packed) }, host });
        },
      };
    },
  };
  return host;
}

async function boot(root: HTMLElement): Promise<void> {
  const source = document.getElementById("saewidgets-data");
  if (source === null) throw new Error("the export has no #saewidgets-data block");
  const payload = JSON.parse(source.textContent ?? "") as Payload;
  await unpackParts([payload, ...Object.values(payload.widgets ?? {})]);
  const widget = await load(payload.esm);
  await widget.render({
    model: localModel(payload),
    el: root,
    experimental: { invoke: recordedInvoke(payload.responses, payload.packed) },
    host: pageHost(payload.widgets ?? {}),
  });
}

const root = document.getElementById("saewidgets-root") ?? document.body;
boot(root)
  .catch((error: unknown) => {
    const box = document.createElement("pre");
    box.className = "sw-error";
    box.setAttribute("role", "alert");
    box.textContent = `saewidgets export failed to load: ${String(error)}`;
    root.append(box);
  })
  .finally(() => root.setAttribute("data-sw-ready", "true"));
