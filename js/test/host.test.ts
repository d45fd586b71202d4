import { describe, expect, it, vi } from "vitest";
import { hostInvoke, kernelOf, NO_KERNEL, REQUEST_KIND, RESPONSE_KIND, type HostModel } from "../src/lib/host";
import { createLocalModel } from "../src/lib/model";
import { request } from "../src/lib/request";
import type { Invoke } from "../src/lib/types";

/** A model whose `send` is answered like saewidgets' Python side answers: by `answer(name, msg)`,
 * over "msg:custom", with one binary buffer echoing the request's first byte. */
function kernelModel(answer: (name: string, msg: unknown) => unknown, manager?: unknown): HostModel & { sent: unknown[] } {
  const base = createLocalModel({}) as HostModel;
  const listeners: ((...args: unknown[]) => void)[] = [];
  const sent: unknown[] = [];
  return {
    ...base,
    sent,
    widget_manager: manager,
    on(event, cb) {
      if (event === "msg:custom") listeners.push(cb);
      else base.on(event, cb);
    },
    off(event, cb) {
      if (event !== "msg:custom") return base.off(event, cb);
      const i = listeners.indexOf(cb as (...args: unknown[]) => void);
      if (i >= 0) listeners.splice(i, 1);
    },
    send(content) {
      sent.push(content);
      const c = content as { kind: string; id: string; name: string; msg: unknown };
      expect(c.kind).toBe(REQUEST_KIND);
      const reply = { kind: RESPONSE_KIND, id: c.id, response: answer(c.name, c.msg) };
      const buffer = new Uint8Array([7, 8]).buffer;
      // an unrelated message first: it must be ignored
      setTimeout(() => {
        for (const cb of [...listeners]) cb({ kind: "other", id: c.id }, []);
        for (const cb of [...listeners]) cb(reply, [buffer]);
      }, 1);
    },
  };
}

const marimoInvoke: Invoke = async () => {
  throw new Error("anywidget.invoke not supported in marimo");
};

describe("hostInvoke", () => {
  it("uses the host's invoke where it works and never sends a message", async () => {
    const model = kernelModel(() => ({ value: "wrong path" }), { kernel: {} });
    const native = vi.fn<Invoke>(async (name) => [{ value: `native ${name}` }, []]);
    const invoke = hostInvoke(model, { invoke: native });
    expect(await request(invoke, "card", { feature: 1 })).toBe("native card");
    expect(native).toHaveBeenCalledTimes(1);
    expect(model.sent).toHaveLength(0);
  });

  it("falls back to custom messages once invoke is refused (marimo), buffers included", async () => {
    const model = kernelModel((name, msg) => ({ value: { name, msg, arr: null }, buffer_paths: [["arr"]] }), {
      get_model: async () => null,
    });
    const native = vi.fn(marimoInvoke);
    const invoke = hostInvoke(model, { invoke: native });
    const value = await request<{ name: string; msg: unknown; arr: DataView }>(invoke, "card", { feature: 3 });
    expect(value.name).toBe("card");
    expect(value.msg).toEqual({ feature: 3 });
    expect(value.arr.getUint8(1)).toBe(8);
    const again = await request<{ name: string }>(invoke, "pairs", { row: 1 });
    expect(again.name).toBe("pairs");
    // the ping and the first request tried invoke; after the refusal only messages are used
    expect(native).toHaveBeenCalledTimes(1);
    expect(model.sent.map((m) => (m as { name: string }).name)).toEqual(["_ping", "card", "pairs"]);
  });

  it("surfaces the Python error sent back over messages", async () => {
    const model = kernelModel(() => ({ error: "DataError: feature 99 is out of range" }));
    const invoke = hostInvoke(model, { invoke: marimoInvoke });
    await expect(request(invoke, "card", { feature: 99 })).rejects.toThrow("feature 99 is out of range");
  });

  it("fails at once with no kernel: a manager whose kernel is gone", async () => {
    const model = kernelModel(() => ({ value: 1 }), { kernel: null });
    const native = vi.fn<Invoke>(async () => [{ value: 1 }, []]);
    const started = Date.now();
    await expect(request(hostInvoke(model, { invoke: native }), "card", {})).rejects.toThrow(NO_KERNEL);
    expect(Date.now() - started).toBeLessThan(50);
    expect(native).not.toHaveBeenCalled();
  });

  it("fails after one short ping on an exported page (HTML manager: send goes nowhere)", async () => {
    const model = createLocalModel({}) as HostModel;
    model.widget_manager = { get_model: async () => null };
    model.send = () => {};
    const native: Invoke = (_name, _msg, options) =>
      new Promise((_resolve, reject) =>
        options?.signal?.addEventListener("abort", () => reject(options.signal?.reason)),
      );
    const invoke = hostInvoke(model, { invoke: native });
    await expect(request(invoke, "card", { feature: 0 })).rejects.toThrow(NO_KERNEL);
    // later requests fail without waiting again
    const started = Date.now();
    await expect(request(invoke, "card", { feature: 1 })).rejects.toThrow(NO_KERNEL);
    expect(Date.now() - started).toBeLessThan(50);
  });
});

describe("kernelOf", () => {
  it("reads the widget manager", () => {
    const m = createLocalModel({}) as HostModel;
    expect(kernelOf(m)).toBe("yes");
    m.widget_manager = { kernel: { id: "k" } };
    expect(kernelOf(m)).toBe("yes");
    m.widget_manager = { kernel: null };
    expect(kernelOf(m)).toBe("no");
    m.widget_manager = {};
    expect(kernelOf(m)).toBe("unknown");
  });
});
