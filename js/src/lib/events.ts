// One subscription per event. JupyterLab's Backbone model splits "change:a change:b" into two
// events; marimo's model treats the whole string as one event name that never fires. Every view
// subscribes through `listen`, which calls `on` once per name, so both hosts behave alike.

import type { Callback, Model } from "./types";

/** Call `callback` on each of `events` ("change:a", …); returns the matching unsubscribe.
 * A name holding several events ("change:a change:b") throws, in every host. */
export function listen(model: Model, events: readonly string[], callback: Callback): () => void {
  const several = events.find((name) => /\s/.test(name));
  if (several !== undefined) throw new Error(`one event per name, got "${several}"`);
  for (const name of events) model.on(name, callback);
  return () => {
    for (const name of events) model.off(name, callback);
  };
}
