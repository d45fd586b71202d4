import { describe, expect, it } from "vitest";
import { barAt, histogramBars } from "../src/lib/histogram";
import { inlineTokens } from "../src/lib/examples";

describe("histogramBars", () => {
  it("places bars by edges and scales heights to the tallest bin", () => {
    const bars = histogramBars([0, 1, 2, 4], [2, 4, 1], { width: 100, height: 50, gap: 0 });
    expect(bars.map((b) => [b.x, b.width, b.height])).toEqual([
      [0, 25, 25],
      [25, 25, 50],
      [50, 50, 12.5],
    ]);
    expect(bars[1].y).toBe(0);
    expect(barAt(bars, 60)?.count).toBe(1);
    expect(barAt(bars, 200)).toBeNull();
  });

  it("supports log-scaled counts and empty histograms", () => {
    const bars = histogramBars([0, 1, 2], [9, 99], { width: 10, height: 20, log: true });
    expect(bars[0].height).toBeCloseTo(10);
    expect(histogramBars([0], [], { width: 10, height: 10 })).toEqual([]);
    const flat = histogramBars([0, 1], [0], { width: 10, height: 10 });
    expect(flat[0].height).toBe(0);
  });

  it("rejects mismatched edges", () => {
    expect(() => histogramBars([0, 1], [1, 2], { width: 1, height: 1 })).toThrow(/3 edges/);
  });
});

describe("inlineTokens", () => {
  it("keeps examples on one line", () => {
    expect(inlineTokens(["a", "\n", " b"])).toEqual(["a", "↵", " b"]);
  });
});
