import { describe, expect, it } from "vitest";
import { tokenLabel, tokenSegments } from "../src/lib/tokens";

describe("tokenSegments", () => {
  it("keeps ordinary text, including a leading space", () => {
    expect(tokenSegments(" cat")).toEqual([{ kind: "text", text: " cat" }]);
  });

  it("shows space-only tokens as faint dots", () => {
    expect(tokenSegments("   ")).toEqual([{ kind: "mark", text: "···" }]);
  });

  it("marks newlines and breaks the line after each", () => {
    expect(tokenSegments("a\n\n")).toEqual([
      { kind: "text", text: "a" },
      { kind: "mark", text: "↵" },
      { kind: "break", text: "\n" },
      { kind: "mark", text: "↵" },
      { kind: "break", text: "\n" },
    ]);
  });

  it("shows tabs, control characters and empty tokens as marks", () => {
    expect(tokenSegments("\t\u0000")).toEqual([{ kind: "mark", text: "→␀" }]);
    expect(tokenSegments("")).toEqual([{ kind: "mark", text: "∅" }]);
  });

  it("leaves markup as plain text", () => {
    const evil = "</script><img src=x onerror=alert(1)>";
    expect(tokenLabel(evil)).toBe(evil);
    expect(tokenLabel("x\ny")).toBe("x↵y");
  });
});
