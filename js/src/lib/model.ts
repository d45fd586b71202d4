// The in-page model used by standalone HTML exports: the same get/set/on API as anywidget's
// comm-backed model, and an `invoke` that answers from responses recorded at export time.

import { base64ToDataView } from "./codec";
import { packedLookup } from "./pack";
import { requestKey } from "./request";
import type { Callback, Invoke, Model } from "./types";

export interface RecordedResponse {
  response: unknown;
  buffers: string[];
}

/** A model holding `state` in memory; `set` fires "change:<key>" and "change" listeners. */
export function createLocalModel(state: Record<string, unknown>): Model {
  const data = { ...state };
  const listeners = new Map<string, Set<Callback>>();
  const emit = (event: string, ...args: unknown[]) => {
    for (const cb of [...(listeners.get(event) ?? [])]) cb(...args);
  };
  return {
    get: (key) => data[key],
    set(key, value) {
      if (Object.is(data[key], value)) return;
      data[key] = value;
      emit(`change:${key}`, this, value);
      emit("change", this);
    },
    save_changes() {},
    on(event, callback) {
      oneEvent(event);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(callback);
    },
    off(event, callback) {
      oneEvent(event);
      if (callback === undefined) listeners.delete(event);
      else listeners.get(event)?.delete(callback);
    },
  };
}

/** Refuse "change:a change:b": marimo's model takes it as one name that never fires, so this
 * model does too, loudly (use `listen` from events.ts to subscribe to several). */
function oneEvent(event: string): void {
  if (/\s/.test(event)) throw new Error(`one event per subscription, got "${event}"; use listen()`);
}

/** An `invoke` answered from recorded responses, then from the `packed` blocks of answers
 * (decoded on first use); anything else needs a kernel and rejects. */
export function recordedInvoke(responses: Record<string, RecordedResponse>, packed: string[] = []): Invoke {
  const lookup = packedLookup(packed);
  return async (name, msg) => {
    const key = requestKey(name, msg);
    const hit = responses[key];
    if (hit !== undefined) return [hit.response, hit.buffers.map(base64ToDataView)];
    const answer = await lookup(key);
    if (answer !== undefined) return answer;
    throw new Error(
      `"${name}" needs a running Python kernel: this is a standalone export ` +
        "and only holds the data exported with it.",
    );
  };
}
