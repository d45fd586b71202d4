// TokenView's click panel (saewidgets/widgets/_attribution.py): the features ranked by attribution
// for the next-token prediction at the clicked token, each a link to its card, with a one-click
// exact ablation. Requests: "attribute" {text, position}, "ablate" {text, position, pos, feature}.

import { decodeArray, type WireArray } from "../lib/codec";
import { h } from "../lib/dom";
import { formatValue } from "../lib/format";
import { request } from "../lib/request";
import { tokenLabel } from "../lib/tokens";
import type { Invoke } from "../lib/types";

export interface AttributionAnswer {
  position: number;
  token: string;
  target: number;
  target_token: string;
  n_active: number;
  pos: WireArray;
  tokens: string[];
  feature: WireArray;
  activation: WireArray;
  attribution: WireArray;
  ablated: WireArray;
}

interface AblationAnswer {
  delta: number;
  lp_clean: number;
  lp_after: number;
}

export interface PanelOptions {
  invoke: Invoke;
  /** The text the view shows (the requests name it). */
  text: () => string;
  /** "#id label" of a feature. */
  name: (id: number) => string;
  /** Opens a feature's card (the Explorer's card, or the `open_feature` trait). */
  open: (id: number) => void;
}

/** Signed value with the sign always shown: "+0.123", "−0.456". */
function signed(x: number): string {
  const s = formatValue(x);
  return x > 0 ? `+${s}` : s;
}

/** The ablation cell of row `k`: the exact Δ log p when `done` is a number, else a button that
 * runs the ablation ("ablate" request) and shows its Δ. */
function ablationCell(opts: PanelOptions, answer: AttributionAnswer, k: number, done: number): HTMLElement {
  const cell = h("td", { class: "sw-num sw-attr-delta" });
  if (!Number.isNaN(done)) {
    cell.append(signed(done));
    return cell;
  }
  const button = h("button", { class: "sw-chip sw-attr-ablate", attrs: { type: "button" } }, "ablate");
  button.title = "Run the exact ablation of this feature at its position (lens.ablate)";
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "…";
    const msg = {
      text: opts.text(),
      position: answer.position,
      pos: decodeArray(answer.pos).data[k],
      feature: decodeArray(answer.feature).data[k],
    };
    try {
      const a = await request<AblationAnswer>(opts.invoke, "ablate", msg);
      cell.replaceChildren(signed(a.delta));
      cell.title = `log p: ${formatValue(a.lp_clean)} → ${formatValue(a.lp_after)}`;
    } catch (error) {
      button.disabled = false;
      button.textContent = "ablate";
      cell.title = String(error instanceof Error ? error.message : error);
      cell.append(h("span", { class: "sw-error-text" }, " failed"));
    }
  });
  cell.append(button);
  return cell;
}

/** The line above the table: the clicked token, the predicted target and what the rows are. */
function answerHead(answer: AttributionAnswer, shown: number): HTMLElement {
  return h(
    "div",
    { class: "sw-tv-attr-head" },
    "Next token after ",
    h("b", {}, tokenLabel(answer.token)),
    ` (pos ${answer.position}): target `,
    h("b", { attrs: { "data-testid": "attr-target" } }, tokenLabel(answer.target_token)),
    h(
      "span",
      { class: "sw-muted" },
      ` · top ${shown} of ${answer.n_active} active (pos, feature) by |attribution|; ` +
        "ablation Δ is exact (≈ −attribution to first order)",
    ),
  );
}

/** The ranked (pos, feature) rows, each feature a link to its card. */
function answerTable(opts: PanelOptions, answer: AttributionAnswer): HTMLElement {
  const pos = decodeArray(answer.pos).data;
  const feature = decodeArray(answer.feature).data;
  const act = decodeArray(answer.activation).data;
  const attr = decodeArray(answer.attribution).data;
  const ablated = decodeArray(answer.ablated).data;
  const table = h("table", { class: "sw-tv-attr-table" });
  const titles = ["feature", "at token", "activation", "attribution", "ablation Δ log p"];
  table.append(h("tr", {}, ...titles.map((t) => h("th", {}, t))));
  for (let k = 0; k < feature.length; k++) {
    const id = feature[k];
    const link = h("button", { class: "sw-link sw-attr-feature", attrs: { type: "button" } }, opts.name(id));
    link.title = `Open the card of feature #${id}`;
    link.addEventListener("click", () => opts.open(id));
    table.append(
      h(
        "tr",
        { attrs: { "data-testid": "attr-row", "data-feature": String(id), "data-pos": String(pos[k]) } },
        h("td", {}, link),
        h("td", { class: "sw-attr-tok" }, h("span", {}, tokenLabel(answer.tokens[k])), h("span", { class: "sw-muted" }, ` @${pos[k]}`)),
        h("td", { class: "sw-num sw-attr-act" }, formatValue(act[k])),
        h("td", { class: "sw-num sw-attr-attr" }, signed(attr[k])),
        ablationCell(opts, answer, k, ablated[k]),
      ),
    );
  }
  if (feature.length === 0) table.append(h("tr", {}, h("td", { class: "sw-muted" }, "no feature is active")));
  return table;
}

/** The panel; `show(position)` attributes the prediction after that token (null: hide). */
export function attributionPanel(opts: PanelOptions): { el: HTMLElement; show(position: number | null): void } {
  const el = h("div", { class: "sw-tv-attr", attrs: { "data-testid": "attribution" } });
  el.hidden = true;
  let generation = 0;
  const show = async (position: number | null) => {
    const mine = ++generation;
    if (position === null || position < 0) {
      el.hidden = true;
      el.replaceChildren();
      return;
    }
    el.hidden = false;
    el.replaceChildren(h("div", { class: "sw-muted" }, `attributing the next token after pos ${position}…`));
    try {
      const answer = await request<AttributionAnswer>(opts.invoke, "attribute", { text: opts.text(), position });
      if (mine !== generation) return;
      el.replaceChildren(answerHead(answer, decodeArray(answer.feature).data.length), answerTable(opts, answer));
    } catch (error) {
      if (mine !== generation) return;
      el.replaceChildren(
        h("div", { class: "sw-error-text", attrs: { role: "alert" } }, String(error instanceof Error ? error.message : error)),
      );
    }
  };
  return { el, show: (position) => void show(position) };
}
