// Boot script of a standalone HTML export (saewidgets/_widgets/_export.py inlines it).
// It rebuilds the widget's state from the embedded JSON (binary arrays base64-encoded), loads the
// widget's own bundle from a blob: URL and calls the same `render` that runs in Jupyter, with an
// in-page model instead of the kernel comm.

import { base64ToDataView, putBuffers } from "./lib/codec";
import { createLocalModel, recordedInvoke, type RecordedResponse } from "./lib/model";
import type { Widget } from "./lib/types";

interface Payload {
  esm: string;
  state: Record<string, unknown>;
  buffer_paths: (string | number)[][];
  buffers: string[];
  responses: Record<string, RecordedResponse>;
}

async function boot(root: HTMLElement): Promise<void> {
  const source = document.getElementById("saewidgets-data");
  if (source === null) throw new Error("the export has no #saewidgets-data block");
  const payload = JSON.parse(source.textContent ?? "") as Payload;
  const state = payload.state;
  putBuffers(state, payload.buffer_paths, payload.buffers.map(base64ToDataView));
  state._standalone = true;
  const url = URL.createObjectURL(new Blob([payload.esm], { type: "text/javascript" }));
  const module = (await import(url)) as { default?: Widget } & Partial<Widget>;
  const widget: Widget | undefined = module.default ?? (module as Widget);
  if (typeof widget?.render !== "function") throw new Error("the widget bundle has no render()");
  await widget.render({
    model: createLocalModel(state),
    el: root,
    experimental: { invoke: recordedInvoke(payload.responses) },
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
