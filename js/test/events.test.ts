import { describe, expect, it, vi } from "vitest";
import { listen } from "../src/lib/events";
import { createLocalModel } from "../src/lib/model";

// The source scan (no view passes several events to one on/off call) is tests/widgets/test_js_events.py.
describe("one subscription per event (marimo's model does not split event strings)", () => {
  it("listen subscribes once per event and unsubscribes each", () => {
    const model = createLocalModel({ a: 1, b: 2 });
    const cb = vi.fn();
    const off = listen(model, ["change:a", "change:b"], cb);
    model.set("a", 3);
    model.set("b", 4);
    expect(cb).toHaveBeenCalledTimes(2);
    off();
    model.set("a", 5);
    expect(cb).toHaveBeenCalledTimes(2);
  });

  it("listen refuses a name holding several events, whatever the host's model", () => {
    const on = vi.fn();
    const model = { on, off: vi.fn() } as unknown as Parameters<typeof listen>[0];
    expect(() => listen(model, ["change:a", "change:b change:c"], () => {})).toThrow(/one event per name/);
    expect(on).not.toHaveBeenCalled();
  });

  it("the in-page model refuses a multi-event string, as marimo silently would", () => {
    const model = createLocalModel({});
    expect(() => model.on("change:a change:b", () => {})).toThrow(/one event per subscription/);
  });
});
