import { describe, expect, it } from "vitest";
import { findFeatures } from "../src/lib/goto";

describe("findFeatures", () => {
  const labels = { "40": "French words", "3": "french quotes", "7": "numbers" };
  it("takes ids with or without #, in range only", () => {
    expect(findFeatures("17", labels, 100)).toEqual([17]);
    expect(findFeatures(" #0 ", labels, 100)).toEqual([0]);
    expect(findFeatures("100", labels, 100)).toEqual([]);
  });
  it("matches label text case-insensitively, in id order", () => {
    expect(findFeatures("FRENCH", labels, 100)).toEqual([3, 40]);
    expect(findFeatures("none", labels, 100)).toEqual([]);
    expect(findFeatures("", labels, 100)).toEqual([]);
    expect(findFeatures("e", labels, 100, 2)).toEqual([3, 7]);
  });
});
