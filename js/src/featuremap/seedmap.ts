// The in-page model of a read-only seed 002 map (log10 density x D/E projection, coloured by
// encoder bias) built from a store's map arrays: CompareView's two maps and TrajectoryView's map
// at a chosen step share it.

import { createLocalModel } from "../lib/model";
import type { Model } from "../lib/types";

/** A local FeatureMap model over ``data`` (ids, columns, table, flags as the map traits). */
export function seedMapModel(data: Record<string, unknown>): Model {
  return createLocalModel({
    ...data,
    axes: ["log10_density", "de_projection"],
    panels: [[0, 1]],
    color_name: "enc_bias",
    labels: {},
    selected: [],
    clicked: null,
    highlight: -1,
    error: "",
  });
}
