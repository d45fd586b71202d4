import { describe, expect, it } from "vitest";
import { columnValues, DEAD, MISSING_RGB, pointLookup, readMapData, setColour, wireTable } from "../src/featuremap/data";
import { packRGBA } from "../src/lib/scale";
import { createLocalModel } from "../src/lib/model";
import type { WireArray } from "../src/lib/codec";

function wire(data: Int32Array | Float32Array | Uint8Array, shape: number[]): WireArray {
  const dtype = data instanceof Int32Array ? "int32" : data instanceof Float32Array ? "float32" : "uint8";
  return { data: new DataView(data.buffer), dtype, shape } as WireArray;
}

const columns = ["log10_density", "enc_bias", "my_score"].map((name) => ({
  name,
  label: name,
  help: "",
  format: "float",
  axis: true,
  card: true,
}));

function model() {
  // three features, columns: log10_density (dead: -inf), enc_bias, my_score (one NaN)
  const table = new Float32Array([-Infinity, 0.5, 1, -2, -0.5, Number.NaN, -1, 1.5, 3]);
  return createLocalModel({
    ids: wire(new Int32Array([7, 8, 9]), [3]),
    table: wire(table, [3, 3]),
    flags: wire(new Uint8Array([DEAD, 0, 0]), [3]),
    columns,
    axes: ["my_score", "log10_density"],
    color_name: "enc_bias",
  });
}

describe("map data from the column table", () => {
  it("reads any columns as axes, dead densities at 0", () => {
    const data = readMapData(model());
    expect(Array.from(data.coords)).toEqual([1, 0, Number.NaN, -2, 3, -1]);
    expect(Array.from(columnValues(data.table, data.columns, 3, "enc_bias"))).toEqual([0.5, -0.5, 1.5]);
    expect([data.cmin, data.cmax]).toEqual([-0.5, 1.5]);
  });

  it("recolours by another column, missing values grey", () => {
    const data = readMapData(model());
    const before = Array.from(data.packed);
    setColour(data, "my_score");
    expect(data.colourName).toBe("my_score");
    expect([data.cmin, data.cmax]).toEqual([1, 3]);
    expect(data.packed[1]).not.toBe(before[1]);
    expect(data.packed[1]).toBe(packRGBA(MISSING_RGB)); // my_score is NaN there
    expect(data.packed[2]).not.toBe(packRGBA(MISSING_RGB));
    expect(() => setColour(data, "nope")).toThrow(/no column "nope"/);
  });
});

describe("id -> point lookup", () => {
  it("finds every id and nothing else, with a flat table or a Map", () => {
    for (const ids of [
      new Int32Array([7, 8, 9, 0, 3]),
      new Int32Array([5, 1_000_000_000, -4, 2]), // too sparse or negative: a Map
    ]) {
      const at = pointLookup(ids);
      ids.forEach((id, i) => expect(at(id)).toBe(i));
      for (const other of [1, 4, 6, 10, -1, 2.5, 999_999_999]) {
        if (!ids.includes(other)) expect(at(other)).toBe(-1);
      }
    }
  });
});


async function gzip4(values: Float32Array): Promise<DataView> {
  const bytes = new Uint8Array(values.buffer);
  const n = values.length;
  const planes = new Uint8Array(4 * n);
  for (let i = 0; i < n; i++) for (let b = 0; b < 4; b++) planes[b * n + i] = bytes[4 * i + b];
  const stream = new Blob([planes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new DataView(await new Response(stream).arrayBuffer());
}

describe("FeatureMap's compressed wire", () => {
  it("decodes the columns sent and recomputes the derived density columns from count", async () => {
    const names = ["count", "density", "log10_density", "enc_bias"];
    const schema = names.map((name) => ({ ...columns[0], name, label: name }));
    const sent = new Float32Array([0, 10, 1000, 0.25, -1.5, 2]); // count [3], enc_bias [3]
    const derived = { n_tokens: 1000, columns: ["density", "log10_density"] };
    const local = createLocalModel({ columns: schema, wire: { data: await gzip4(sent), codec: "gzip4", shape: [2, 3], derived } });
    const table = await wireTable(local);
    const want = [0, 0, NaN, 0.25, 10, 0.01, -2, -1.5, 1000, 1, 0, 2].map(Math.fround);
    expect(Array.from(table ?? [])).toEqual(want);
    expect(await wireTable(createLocalModel({ columns: schema }))).toBeNull(); // a plain `table`
  });
});
