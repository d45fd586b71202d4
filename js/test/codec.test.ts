import { describe, expect, it } from "vitest";
import { base64ToDataView, decodeArray, putBuffers, row } from "../src/lib/codec";

describe("decodeArray", () => {
  it("reads float32 rows from a DataView", () => {
    const src = new Float32Array([1, 2, 3, 4, 5, 6]);
    const arr = decodeArray({ data: new DataView(src.buffer), dtype: "float32", shape: [2, 3] });
    expect(arr.data).toBeInstanceOf(Float32Array);
    expect(Array.from(row(arr, 1))).toEqual([4, 5, 6]);
  });

  it("copies misaligned bytes instead of failing", () => {
    const bytes = new Uint8Array(9);
    new DataView(bytes.buffer).setInt32(1, -7, true);
    new DataView(bytes.buffer).setInt32(5, 9, true);
    const view = new DataView(bytes.buffer, 1, 8);
    const arr = decodeArray({ data: view, dtype: "int32", shape: [2] });
    expect(Array.from(arr.data)).toEqual([-7, 9]);
  });

  it("rejects a byte count that does not match the shape", () => {
    const data = new DataView(new ArrayBuffer(8));
    expect(() => decodeArray({ data, dtype: "float32", shape: [3] })).toThrow(/needs 12 bytes, got 8/);
  });

  it("rejects an unknown dtype", () => {
    const data = new DataView(new ArrayBuffer(8));
    // @ts-expect-error testing a bad dtype from the wire
    expect(() => decodeArray({ data, dtype: "int64", shape: [1] })).toThrow(/unsupported dtype/);
  });
});

describe("base64 and buffer paths", () => {
  it("decodes base64 into the original bytes", () => {
    const view = base64ToDataView(btoa(String.fromCharCode(0, 255, 16)));
    expect(Array.from(new Uint8Array(view.buffer))).toEqual([0, 255, 16]);
  });

  it("puts buffers back at nested paths", () => {
    const state: Record<string, unknown> = { acts: { dtype: "uint8", shape: [1] }, list: [{}, {}] };
    const a = new DataView(new ArrayBuffer(1));
    const b = new DataView(new ArrayBuffer(2));
    putBuffers(state, [["acts", "data"], ["list", 1, "data"]], [a, b]);
    expect((state.acts as { data: DataView }).data).toBe(a);
    expect((state.list as { data?: DataView }[])[1].data).toBe(b);
  });
});
