import { describe, expect, it } from "vitest";
import { densify, exampleGroups, flagWords, neighbourList, parseTags, scoreLine } from "../src/card/data";
import type { DType, WireArray } from "../src/lib/codec";

function wire(values: number[], dtype: DType): WireArray {
  const ctor = { float32: Float32Array, uint16: Uint16Array, int8: Int8Array, int32: Int32Array }[
    dtype as "float32" | "uint16" | "int8" | "int32"
  ];
  return { data: new Uint8Array(new ctor(values).buffer), dtype, shape: [values.length] };
}

describe("densify", () => {
  it("expands sparse activations and keeps dense ones", () => {
    const sparse = densify({ n: 5, index: wire([1, 4], "uint16"), value: wire([2, 3.5], "float32") });
    expect(Array.from(sparse)).toEqual([0, 2, 0, 0, 3.5]);
    expect(Array.from(densify({ n: 2, value: wire([1, 0], "float32") }))).toEqual([1, 0]);
  });

  it("rejects out-of-range indices and wrong lengths", () => {
    expect(() => densify({ n: 2, index: wire([2], "uint16"), value: wire([1], "float32") })).toThrow(
      /out of range/,
    );
    expect(() => densify({ n: 3, value: wire([1], "float32") })).toThrow(/expected 3/);
  });
});

describe("exampleGroups", () => {
  const examples = {
    strings: ["a", " b", "<x>"],
    tok: wire([0, 1, 2, 1, 0], "uint16"),
    acts: { n: 5, index: wire([1, 3], "uint16"), value: wire([4, 1], "float32") },
    length: wire([3, 2], "uint16"),
    max_index: wire([1, 0], "uint16"),
    group: wire([-1, 2], "int8"),
    seq: wire([7, 8], "int32"),
    pos: wire([5, 6], "int32"),
    intervals: [{ interval: 2, lo: 0.5, hi: 1.5, n: 12 }],
  };

  it("splits the flat arrays into the top group and the intervals", () => {
    const groups = exampleGroups(examples);
    expect(groups.map((g) => g.interval)).toEqual([-1, 2]);
    expect(groups[0].examples[0].tokens).toEqual(["a", " b", "<x>"]);
    expect(Array.from(groups[0].examples[0].acts)).toEqual([0, 4, 0]);
    expect(groups[1]).toMatchObject({ lo: 0.5, hi: 1.5, n: 12 });
    expect(groups[1].examples[0]).toMatchObject({ tokens: [" b", "a"], maxIndex: 0, seq: 8, pos: 6 });
  });

  it("gives each example the special tokens that fall in it, by its own index", () => {
    const groups = exampleGroups({ ...examples, special: wire([2, 3], "int32") });
    expect([...groups[0].examples[0].special]).toEqual([2]);
    expect([...groups[1].examples[0].special]).toEqual([0]);
    expect(exampleGroups(examples)[0].examples[0].special.size).toBe(0);
  });

  it("refuses lengths that do not cover the tokens", () => {
    expect(() => exampleGroups({ ...examples, length: wire([3, 1], "uint16") })).toThrow(/cover/);
    expect(() => exampleGroups({ ...examples, strings: ["a"] })).toThrow(/string table/);
  });
});

describe("small helpers", () => {
  it("reads neighbour lists with and without counts", () => {
    const list = neighbourList({ feature: wire([3, 9], "int32"), value: wire([0.5, 0.25], "float32"), count: wire([4, 2], "int32") });
    expect(list).toEqual([
      { feature: 3, value: 0.5, count: 4 },
      { feature: 9, value: 0.25, count: 2 },
    ]);
    expect(neighbourList({ error: "no logits" })).toEqual([]);
  });

  it("parses tags and names flags", () => {
    expect(parseTags(" a, b ,, a,c ")).toEqual(["a", "b", "c"]);
    expect(flagWords({ dead: true, ultra_rare: true, dense: false })).toEqual(["dead", "ultra-rare"]);
  });
});

describe("scoreLine", () => {
  const base = {
    model: "m",
    explanation: "cats",
    detection: null,
    detection_baseline: null,
    detection_n: null,
    fuzz: null,
    fuzz_baseline: null,
    fuzz_n: null,
  };
  it("shows each scored method beside its top-tokens baseline", () => {
    const s = { ...base, detection: 0.7, detection_baseline: 0.55, detection_n: 20, fuzz: 0.6, fuzz_baseline: null, fuzz_n: 10 };
    expect(scoreLine(s)).toBe("detection 0.70 (top tokens 0.55, n 20) · fuzz 0.60 (top tokens –, n 10)");
  });
  it("says when nothing is scored", () => {
    expect(scoreLine(base)).toBe("not scored");
  });
});
