import { describe, expect, it } from "vitest";
import {
  activationAlpha,
  activationBackground,
  featureColour,
  hexToRgb,
  intensity,
  MAX_ALPHA,
  PALETTE,
} from "../src/lib/colour";

describe("colour scale", () => {
  it("parses hex colours", () => {
    expect(hexToRgb("#e4572e")).toEqual([228, 87, 46]);
    expect(() => hexToRgb("red")).toThrow(/#rrggbb/);
  });

  it("cycles the palette", () => {
    expect(featureColour(PALETTE.length + 1)).toEqual(featureColour(1));
  });

  it("maps activations linearly to opacity, clipped", () => {
    expect(intensity(2, 4)).toBe(0.5);
    expect(intensity(8, 4)).toBe(1);
    expect(intensity(-1, 4)).toBe(0);
    expect(intensity(1, 0)).toBe(0);
    expect(intensity(Number.NaN, 1)).toBe(0);
    expect(activationAlpha(4, 4)).toBe(MAX_ALPHA);
    expect(activationAlpha(1, 3)).toBe(Math.round((MAX_ALPHA / 3) * 1000) / 1000);
  });

  it("writes a CSS background, transparent for zero", () => {
    expect(activationBackground([1, 2, 3], 0, 5)).toBe("transparent");
    expect(activationBackground([1, 2, 3], 5, 5)).toBe(`rgba(1, 2, 3, ${MAX_ALPHA})`);
  });
});
