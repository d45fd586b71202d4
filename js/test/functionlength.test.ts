// No function in js/src is longer than MAX_LINES: a longer one is split into components.
import ts from "typescript";
import { describe, expect, it } from "vitest";

declare global {
  interface ImportMeta {
    glob(pattern: string, options: { query: string; import: string; eager: true }): Record<string, string>;
  }
}

const MAX_LINES = 80;

const SOURCES = import.meta.glob("../src/**/*.ts", { query: "?raw", import: "default", eager: true });

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return "<anonymous>";
}

/** Every function's "file:outer.inner" name and length in lines (its whole span). */
export function functionLengths(file: string, text: string): Map<string, number> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true);
  const out = new Map<string, number>();
  const visit = (node: ts.Node, path: string[]): void => {
    let inner = path;
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      inner = [...path, nameOf(node)];
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const key = `${file}:${inner.join(".")}`;
      out.set(key, Math.max(out.get(key) ?? 0, last - first + 1));
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  return out;
}

describe("function length", () => {
  it("measures a function's whole span, nested ones by path", () => {
    const text = "function a() {\n  const b = () => {\n    return 1;\n  };\n  return b();\n}\n";
    const got = functionLengths("x.ts", text);
    expect(got.get("x.ts:a")).toBe(6);
    expect(got.get("x.ts:a.b")).toBe(3);
  });

  it(`no function in js/src is over ${MAX_LINES} lines`, () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(10);
    const over: string[] = [];
    for (const [path, text] of Object.entries(SOURCES)) {
      const file = path.replace("../src/", "");
      for (const [key, lines] of functionLengths(file, text)) {
        if (lines > MAX_LINES) over.push(`${key}: ${lines} lines (limit ${MAX_LINES})`);
      }
    }
    expect(over).toEqual([]);
  });
});
