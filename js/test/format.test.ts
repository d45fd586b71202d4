import { describe, expect, it } from "vitest";
import { countOf, formatColumn, formatPercent, formatValue } from "../src/lib/format";

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

describe("countOf", () => {
  it("writes thousands separators and the singular for one", () => {
    expect(countOf(1, "pair")).toBe("1 pair");
    expect(countOf(0, "pair")).toBe("0 pairs");
    expect(countOf(1234567, "pair")).toBe("1,234,567 pairs");
  });
});

describe("formatColumn", () => {
  it.each([
    ["percent", 0.0125, "1.25%"],
    ["int", 12345, "12,345"],
    ["float", 0.5, "0.500"],
    ["unknown-format", 2, "2.00"],
    ["percent", Number.NaN, "NaN"],
  ])("%s %s -> %s", (format, x, expected) => {
    expect(formatColumn(String(format), Number(x))).toBe(expected);
  });
});
