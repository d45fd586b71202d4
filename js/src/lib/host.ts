// One request path for every host. anywidget's `invoke` where the host runs it (JupyterLab,
// Notebook 7, VS Code, Voilà); otherwise the widget's custom-message channel (`model.send` +
// "msg:custom", binary buffers both ways), which saewidgets' Python base class answers (marimo
// answers `invoke` with "not supported"). A page with no kernel behind it (a notebook exported to
// HTML with its widget state) fails at once with a message naming the kernel-free alternative.

import type { Callback, Invoke, InvokeOptions, Model } from "./types";

export const NO_KERNEL = "this view needs a running kernel; use .to_html() for a kernel-free copy";

/** Kinds of the custom messages (mirrors saewidgets/widgets/_base.py). */
export const REQUEST_KIND = "saewidgets-request";
export const RESPONSE_KIND = "saewidgets-response";

/** How long a host without a visible kernel gets to answer the first ping. */
export const PING_TIMEOUT_MS = 2_000;

/** The parts of a host's model beyond the common Model API that the request path reads. */
export interface HostModel extends Model {
  send?: (content: unknown, callbacks?: unknown, buffers?: (ArrayBuffer | ArrayBufferView)[]) => void;
  widget_manager?: unknown;
}

type Kernel = "yes" | "no" | "unknown";

/** What the host says about its kernel: Jupyter's widget managers carry one (null once gone);
 * a manager without any (ipywidgets' HTML manager of an exported page) has none, unless a ping
 * says otherwise; a host without a widget manager (marimo) always has its kernel. */
export function kernelOf(model: HostModel): Kernel {
  const manager = model.widget_manager as Record<string, unknown> | null | undefined;
  if (manager === undefined || manager === null) return "yes";
  if (!("kernel" in manager)) return "unknown";
  return manager.kernel === null || manager.kernel === undefined ? "no" : "yes";
}

let counter = 0;

function requestId(): string {
  counter += 1;
  return `sw-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${counter}`;
}

/** Sends `{kind, id, name, msg}` over the custom-message channel and resolves to the answer with
 * the same id: [response, buffers]. */
export function messageInvoke(model: HostModel): Invoke {
  return (name, msg, options: InvokeOptions = {}) =>
    new Promise((resolve, reject) => {
      const send = model.send;
      if (typeof send !== "function") {
        reject(new Error(NO_KERNEL));
        return;
      }
      const id = requestId();
      const signal = options.signal;
      const handler: Callback = (...args) => {
        const content = args[0] as { kind?: unknown; id?: unknown; response?: unknown } | null;
        if (content === null || typeof content !== "object") return;
        if (content.kind !== RESPONSE_KIND || content.id !== id) return;
        finish();
        resolve([content.response, toDataViews(args[1])]);
      };
      const onAbort = () => {
        finish();
        reject(signal?.reason ?? new Error("request aborted"));
      };
      const finish = () => {
        model.off("msg:custom", handler);
        signal?.removeEventListener("abort", onAbort);
      };
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      signal?.addEventListener("abort", onAbort);
      model.on("msg:custom", handler);
      try {
        send.call(model, { kind: REQUEST_KIND, id, name, msg }, undefined, options.buffers ?? []);
      } catch (error) {
        finish();
        reject(error);
      }
    });
}

function toDataViews(value: unknown): DataView[] {
  if (!Array.isArray(value)) return [];
  return value.map((b: unknown) => {
    if (b instanceof DataView) return b;
    if (b instanceof ArrayBuffer) return new DataView(b);
    if (ArrayBuffer.isView(b)) return new DataView(b.buffer, b.byteOffset, b.byteLength);
    throw new Error("a response buffer is not binary");
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** The request path for `model`: the host's `invoke` while it works, the custom-message channel
 * from the first time it is refused (or where there is none), and an immediate NO_KERNEL error
 * where the page has no kernel. */
export function hostInvoke(model: HostModel, experimental?: { invoke?: Invoke }): Invoke {
  const native = experimental?.invoke;
  // a standalone export answers from recorded responses: a miss is not a refused invoke
  if (model.get("_standalone") === true && native !== undefined) return native;
  const viaMessage = messageInvoke(model);
  let useMessages = typeof native !== "function";
  let alive: Promise<boolean> | null = null;

  const call: Invoke = async (name, msg, options) => {
    if (!useMessages && native !== undefined) {
      try {
        return await native(name, msg, options);
      } catch (error) {
        if (isTimeout(error)) throw error;
        useMessages = true; // the host refused invoke itself (marimo): use the message channel
      }
    }
    return viaMessage(name, msg, options);
  };

  const reachable = (): Promise<boolean> => {
    const kernel = kernelOf(model);
    if (kernel !== "unknown") return Promise.resolve(kernel === "yes");
    alive ??= call("_ping", {}, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) }).then(
      () => true,
      () => false,
    );
    return alive;
  };

  return async (name, msg, options) => {
    if (!(await reachable())) throw new Error(NO_KERNEL);
    return call(name, msg, options);
  };
}
