// A row of tokens highlighted by one feature's activation (FeatureCard's top and quantile
// examples): the max-activating token is marked, whitespace shown as in TokenView.

import { activationBackground, type RGB } from "./colour";
import { h } from "./dom";
import { formatValue } from "./format";
import { tokenLabel, tokenSegments } from "./tokens";

export interface Example {
  tokens: string[];
  acts: ArrayLike<number>;
  /** Index in `tokens` of the token the example was chosen for. */
  maxIndex: number;
  /** Indices of special tokens (BOS, EOS, PAD) the statistics leave out: drawn greyed. */
  special?: ReadonlySet<number>;
}

/** Token texts with newlines flattened to marks, so each example stays on one line. */
export function inlineTokens(tokens: string[]): string[] {
  return tokens.map((t) =>
    tokenSegments(t)
      .filter((s) => s.kind !== "break")
      .map((s) => s.text)
      .join(""),
  );
}

/** A one-line row: every token a span coloured by its activation (scale max `vmax`), the
 * example's token outlined, each token's value in its title. */
export function exampleRow(example: Example, rgb: RGB, vmax: number): HTMLElement {
  if (example.acts.length !== example.tokens.length) {
    throw new Error(`${example.tokens.length} tokens but ${example.acts.length} activations`);
  }
  const row = h("div", { class: "sw-example" });
  inlineTokens(example.tokens).forEach((text, i) => {
    const value = example.acts[i];
    const special = example.special?.has(i) === true;
    const span = h("span", {
      class: special ? "sw-tok sw-special" : i === example.maxIndex ? "sw-tok sw-max" : "sw-tok",
      title: special
        ? `${tokenLabel(example.tokens[i])}: special token, left out of the statistics (${formatValue(value)})`
        : `${tokenLabel(example.tokens[i])}: ${formatValue(value)}`,
    });
    span.textContent = text;
    span.style.background = special
      ? "var(--jp-layout-color3, #e4e4e4)" // grey, as TokenView's BOS: in context, not counted
      : activationBackground(rgb, value, vmax);
    if (special) span.style.color = "var(--jp-ui-font-color2, #656d76)";
    row.append(span);
  });
  return row;
}
