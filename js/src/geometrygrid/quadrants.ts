// Seed 001's table (output similar / different x co-occur / not), measured on this SAE: each
// quadrant's mean decoder cosine and pair count beside the seed's heuristic.

import { h } from "../lib/dom";
import { countOf, formatValue } from "../lib/format";
import { table } from "./parts";

/** One quadrant of the "quadrants" trait. */
export interface Quadrant {
  output: string;
  cooccurrence: string;
  pairs: number;
  mean_cos: number | null;
}

/** Seed 001's heuristic for each quadrant (what the measured table is checked against). */
const SEED: Record<string, string> = {
  "output similar|co-occur": "cos > 0",
  "output similar|do not co-occur": "cos < 0",
  "output different|co-occur": "cos ≈ 0",
  "output different|do not co-occur": "cos < 0",
};

/** The table of `quads` (the "quadrants" trait). */
export function quadrantTable(quads: Quadrant[]): HTMLElement {
  const rows = ["output similar", "output different"].map((out) => [
    out,
    ...["co-occur", "do not co-occur"].map((co) => {
      const q = quads.find((x) => x.output === out && x.cooccurrence === co);
      const value = q === undefined || q.mean_cos === null ? "—" : formatValue(q.mean_cos);
      return `${value} (${countOf(q?.pairs ?? 0, "pair")}; seed: ${SEED[`${out}|${co}`]})`;
    }),
  ]);
  return h(
    "div",
    { class: "sw-gg-summary", attrs: { "data-testid": "quadrants" } },
    h("div", {}, "Seed 001's table, measured on this SAE (mean decoder cosine, pairs):"),
    table(["output", "co-occur", "do not co-occur"], rows),
  );
}
