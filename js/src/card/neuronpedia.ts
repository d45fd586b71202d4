// "open on Neuronpedia": a plain link (nothing is fetched) to the feature's page, shown when the
// SAE came from a SAELens release whose registry names a Neuronpedia id.

import { h } from "../lib/dom";

/** The link, or nothing; only secure links to Neuronpedia's own host are drawn. */
export function neuronpediaLink(url: string | null | undefined): HTMLElement[] {
  if (typeof url !== "string") return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== "https:" || parsed.hostname !== "www.neuronpedia.org") return [];
  const a = h("a", { class: "sw-np-link", attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } }, "open on Neuronpedia ↗");
  return [a];
}
