// Loading a FeatureCard's feature: the "card" request (recorded answers in an export), or the
// first feature's data sent with the synced state; only the latest request's answer is drawn.

import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import type { Payload } from "./data";

export interface LoadHandlers {
  show(p: Payload): void;
  /** Feature `feature` could not be loaded. */
  fail(feature: number, error: unknown): void;
  /** A request is (true) or is no longer (false) under way. */
  busy(on: boolean): void;
}

/** A `load(feature)`; `initial` (or null) answers the first load of its feature without a request. */
export function featureLoader(invoke: Invoke, initial: Payload | null, on: LoadHandlers): (feature: number) => Promise<void> {
  let generation = 0;
  let first = initial;
  return async (feature) => {
    const mine = ++generation;
    const given = first;
    first = null;
    if (given !== null && given.feature === feature) {
      on.show(given);
      return;
    }
    on.busy(true);
    try {
      const p = await request<Payload>(invoke, "card", { feature });
      if (mine !== generation) return;
      on.show(p);
    } catch (error) {
      if (mine !== generation) return;
      on.fail(feature, error);
    } finally {
      if (mine === generation) on.busy(false);
    }
  };
}
