import { describe, expect, it } from "vitest";
import { chipText, klShade, runMessage, sameShape, type Chip } from "../src/steer/data";

const chip = (feature: number, strength = 1, ablate = false): Chip => ({ feature, strength, ablate, label: "", limit: 10 });

describe("steer helpers", () => {
  it("builds the run message with only the fields Python records", () => {
    const msg = runMessage("hi", [{ ...chip(3, 2.5), label: "x" }], 20.4);
    expect(msg).toEqual({ prompt: "hi", chips: [{ feature: 3, strength: 2.5, ablate: false }], max_new_tokens: 20 });
    expect(runMessage("hi", [], Number.NaN).max_new_tokens).toBe(0);
    expect(JSON.stringify(runMessage("p", [chip(1, 6)], 2).chips[0].strength)).toBe("6");
  });
  it("names chips and compares their shape", () => {
    expect(chipText(chip(4))).toBe("#4");
    expect(chipText({ ...chip(4), label: "<b>" })).toBe("#4 <b>");
    expect(sameShape([chip(1), chip(2, 5)], [chip(1, 9), chip(2)])).toBe(true);
    expect(sameShape([chip(1)], [chip(1, 1, true)])).toBe(false);
    expect(sameShape([chip(1)], [chip(2)])).toBe(false);
  });
  it("shades KL from transparent to the maximum", () => {
    expect(klShade(0, 2)).toBe("rgba(207, 34, 46, 0.000)");
    expect(klShade(2, 2)).toBe("rgba(207, 34, 46, 0.700)");
    expect(klShade(1, 0)).toBe("rgba(207, 34, 46, 0.000)");
    expect(klShade(Number.NaN, 1)).toBe("rgba(207, 34, 46, 0.000)");
  });
});
