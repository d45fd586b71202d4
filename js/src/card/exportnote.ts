// What a standalone export's card says about features it does not hold, and where its
// next/previous buttons go (the features saved in the export, not every id).

import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import type { Payload } from "./data";

interface Exported {
  features: number[];
  dead: number[];
}

/** Why `feature` is not in this export: dead (it never fired), or not among those written. */
export async function missingText(invoke: Invoke, feature: number): Promise<string> {
  let info: Exported;
  try {
    info = await request<Exported>(invoke, "exported", {});
  } catch {
    return `Feature ${feature} is not in this export.`;
  }
  if (info.dead.includes(feature)) {
    return `Feature ${feature} is not in this export: it is dead (it never fired on the harvested tokens), so it has no examples to show.`;
  }
  const n = info.features.length;
  return `Feature ${feature} is not in this export: it holds ${n} feature${n === 1 ? "" : "s"}; include it with .to_html(..., features=[..., ${feature}]).`;
}

/** Enable the step buttons for `p` and name where each goes (in an export: a saved feature). */
export function labelSteps(prev: HTMLButtonElement, next: HTMLButtonElement, p: Payload): void {
  const saved = p.saved ?? 0;
  for (const [button, to, word, key] of [[prev, p.prev, "previous", "k"], [next, p.next, "next", "j"]] as const) {
    button.disabled = to === null;
    const where = saved > 0 && to !== null ? ` saved in this export: #${to} (of ${saved})` : " feature";
    button.title = `${word}${where} (${key})`;
    button.setAttribute("aria-label", button.title);
  }
}
