// Pure helpers of the Steer view (unit-tested in js/test/steer.test.ts).

/** A feature chip as the Steer widget syncs it. */
export interface Chip {
  feature: number;
  strength: number;
  ablate: boolean;
  label: string;
  limit: number;
}

/** What the view sends with "run"; the Python side records answers under exactly this shape. */
export interface RunMessage {
  prompt: string;
  chips: { feature: number; strength: number; ablate: boolean }[];
  max_new_tokens: number;
}

/** The "run" message for a prompt, chips and a count of new tokens. */
export function runMessage(prompt: string, chips: Chip[], maxNewTokens: number): RunMessage {
  return {
    prompt,
    chips: chips.map((c) => ({ feature: c.feature, strength: c.strength, ablate: c.ablate })),
    max_new_tokens: Number.isFinite(maxNewTokens) ? Math.max(0, Math.round(maxNewTokens)) : 0,
  };
}

/** "#12 label" (or "#12"). */
export function chipText(chip: Chip): string {
  return chip.label ? `#${chip.feature} ${chip.label}` : `#${chip.feature}`;
}

/** Whether two chip lists name the same features in the same order with the same ablate flags. */
export function sameShape(a: Chip[], b: Chip[]): boolean {
  return a.length === b.length && a.every((c, i) => c.feature === b[i].feature && c.ablate === b[i].ablate);
}

/** Background of a prompt token by its KL divergence: transparent at 0, strongest at `max`. */
export function klShade(kl: number, max: number): string {
  const t = max > 0 && Number.isFinite(kl) ? Math.max(0, Math.min(1, kl / max)) : 0;
  return `rgba(207, 34, 46, ${(0.7 * t).toFixed(3)})`;
}
