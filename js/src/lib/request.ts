// Request/response with the kernel through anywidget's `invoke`. Python handlers decorated with
// saewidgets' `request` answer {value, buffer_paths} (binary leaves travel as buffers) or
// {error: "..."} instead of raising; the error becomes a rejected promise here.

import { putBuffers } from "./codec";
import type { Invoke } from "./types";

/** Default wait for a kernel answer: model runs can take a while on a CPU. */
export const REQUEST_TIMEOUT_MS = 120_000;

interface Packed {
  value?: unknown;
  buffer_paths?: (string | number)[][];
  error?: unknown;
}

/** Calls the Python request `name` and resolves to its value with binary leaves restored;
 * rejects with the Python error message when the handler failed. */
export async function request<T>(
  invoke: Invoke,
  name: string,
  msg: unknown,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<T> {
  const [response, buffers] = await invoke(name, msg, { signal: AbortSignal.timeout(timeoutMs) });
  const packed = (response ?? {}) as Packed;
  if (packed.error !== undefined) throw new Error(String(packed.error));
  const box: Record<string, unknown> = { value: packed.value };
  putBuffers(box, (packed.buffer_paths ?? []).map((path) => ["value", ...path]), buffers);
  return box.value as T;
}

/** The key under which a standalone export stores a recorded response: [name, msg] as JSON with
 * sorted object keys (mirrors request_key in saewidgets/widgets/export/_html.py). */
export function requestKey(name: string, msg: unknown): string {
  return JSON.stringify([name, sortKeys(msg)]);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}
