// How a token's text is shown: whitespace stays visible but faint (· for a token made only of
// spaces, ↵ before a real line break, → for a tab), control characters as their Unicode pictures.

export type SegmentKind = "text" | "mark" | "break";

export interface Segment {
  kind: SegmentKind;
  text: string;
}

function controlPicture(ch: string): string {
  const code = ch.charCodeAt(0);
  return code === 0x7f ? "␡" : String.fromCharCode(0x2400 + code);
}

/** Splits a token into plain text, faint marks and line breaks (always safe to use as text). */
export function tokenSegments(token: string): Segment[] {
  if (token.length === 0) return [{ kind: "mark", text: "∅" }];
  if (/^ +$/.test(token)) return [{ kind: "mark", text: "·".repeat(token.length) }];
  const out: Segment[] = [];
  const push = (kind: SegmentKind, text: string) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && kind !== "break") last.text += text;
    else out.push({ kind, text });
  };
  for (const ch of token) {
    if (ch === "\n") {
      push("mark", "↵");
      push("break", "\n");
    } else if (ch === "\t") push("mark", "→");
    else if (ch === "\r") push("mark", "␍");
    else if (/[\u0000-\u001f\u007f]/.test(ch)) push("mark", controlPicture(ch));
    else push("text", ch);
  }
  return out;
}

/** A one-line label for a token (tooltips, lists): whitespace shown as marks, no line breaks. */
export function tokenLabel(token: string): string {
  return tokenSegments(token)
    .filter((s) => s.kind !== "break")
    .map((s) => s.text)
    .join("");
}
