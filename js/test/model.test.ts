import { describe, expect, it, vi } from "vitest";
import { createLocalModel, recordedInvoke } from "../src/lib/model";
import { request, requestKey } from "../src/lib/request";

describe("createLocalModel", () => {
  it("fires change listeners on set, once per distinct value", () => {
    const model = createLocalModel({ a: 1 });
    const onA = vi.fn();
    const onAny = vi.fn();
    model.on("change:a", onA);
    model.on("change:b", onA);
    model.on("change", onAny);
    model.set("a", 2);
    model.set("a", 2);
    model.set("b", 3);
    expect(model.get("a")).toBe(2);
    expect(onA).toHaveBeenCalledTimes(2);
    expect(onAny).toHaveBeenCalledTimes(2);
    model.off("change:a", onA);
    model.set("a", 5);
    expect(onA).toHaveBeenCalledTimes(2);
  });
});

describe("recorded requests", () => {
  it("keys messages independently of object key order", () => {
    expect(requestKey("card", { b: 1, a: [2, { d: 3, c: 4 }] })).toBe(
      '["card",{"a":[2,{"c":4,"d":3}],"b":1}]',
    );
  });

  it("answers recorded requests and rejects the rest", async () => {
    const invoke = recordedInvoke({
      [requestKey("card", { feature: 3 })]: { response: { ok: 1 }, buffers: [btoa("\u0001")] },
    });
    const [response, buffers] = await invoke("card", { feature: 3 });
    expect(response).toEqual({ ok: 1 });
    expect(buffers[0].getUint8(0)).toBe(1);
    await expect(invoke("card", { feature: 4 })).rejects.toThrow(/running Python kernel/);
  });
});

describe("request", () => {
  it("restores binary leaves and surfaces Python errors", async () => {
    const invoke = recordedInvoke({
      [requestKey("ok", {})]: {
        response: { value: { acts: { dtype: "uint8", shape: [1] } }, buffer_paths: [["acts", "data"]] },
        buffers: [btoa("\u0007")],
      },
      [requestKey("bad", {})]: { response: { error: "ValueError: no" }, buffers: [] },
    });
    const value = await request<{ acts: { data: DataView } }>(invoke, "ok", {});
    expect(value.acts.data.getUint8(0)).toBe(7);
    await expect(request(invoke, "bad", {})).rejects.toThrow("ValueError: no");
  });
});
