import { describe, expect, it } from "vitest";
import { diverging, packRGBA, tickLabel, ticks, viridis } from "../src/lib/scale";

describe("scales", () => {
  it("ticks are round and inside the range", () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(-7.3, -1.2, 4)).toEqual([-6, -4, -2]);
    expect(ticks(3, 3)).toEqual([3]);
  });

  it("viridis and diverging hit their ends and centre", () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(7)).toEqual([253, 231, 37]);
    expect(diverging(0, 1)).toEqual([247, 247, 247]);
    expect(diverging(-1, 1)).toEqual([33, 102, 172]);
    expect(diverging(5, 1)).toEqual([178, 24, 43]);
  });

  it("labels ticks briefly", () => {
    expect([0, 2, -0.5, 0.125, 1e-6].map(tickLabel)).toEqual(["0", "2", "\u22120.5", "0.125", "1.0e\u22126"]);
  });

  it("packs little-endian RGBA", () => {
    const px = new Uint8Array(new Uint32Array([packRGBA([1, 2, 3], 4)]).buffer);
    expect([...px]).toEqual([1, 2, 3, 4]);
  });
});
