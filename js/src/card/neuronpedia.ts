// "open on Neuronpedia": a plain link (nothing is fetched) to the feature's page, shown when the
// SAE came from a SAELens release whose registry names a Neuronpedia id.

import { h } from "../lib/dom";

/** The link, or nothing; only https links to neuronpedia.org are drawn. */
export function neuronpediaLink(url: string | null | undefined): HTMLElement[] {
  if (typeof url !== "string" || !url.startsWith("https://www.neuronpedia.org/")) return [];
  const a = h("a", { class: "sw-np-link", attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } }, "open on Neuronpedia ↗");
  return [a];
}
