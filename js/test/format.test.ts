import { describe, expect, it } from "vitest";
import { formatPercent, formatValue } from "../src/lib/format";

describe("formatValue", () => {
  it.each([
    [0, "0"],
    [1, "1.00"],
    [12.345, "12.3"],
    [123.45, "123"],
    [0.012345, "0.0123"],
    [-2.5, "−2.50"],
    [1e-5, "1.00e−5"],
    [2.5e7, "2.50e+7"],
    [Number.POSITIVE_INFINITY, "∞"],
    [Number.NaN, "NaN"],
  ])("%s -> %s", (x, expected) => {
    expect(formatValue(x)).toBe(expected);
  });

  it("formats fractions as percentages", () => {
    expect(formatPercent(0.00012)).toBe("0.0120%");
    expect(formatPercent(0)).toBe("0%");
  });
});
