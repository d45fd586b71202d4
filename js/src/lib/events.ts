// One subscription per event. JupyterLab's Backbone model splits "change:a change:b" into two
// events; marimo's model treats the whole string as one event name that never fires. Every view
// subscribes through `listen`, which calls `on` once per name, so both hosts behave alike.

import type { Callback, Model } from "./types";

/** Call `callback` on each of `events` ("change:a", …); returns the matching unsubscribe. */
export function listen(model: Model, events: readonly string[], callback: Callback): () => void {
  for (const name of events) model.on(name, callback);
  return () => {
    for (const name of events) model.off(name, callback);
  };
}
