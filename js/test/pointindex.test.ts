import { describe, expect, it } from "vitest";
import { buildIndex, countInBox, inBox, nearest } from "../src/lib/pointindex";

function randomPoints(n: number, seed = 1): [Float32Array, Float32Array] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = rand() * 10 - 5;
    ys[i] = rand() ** 3;
  }
  return [xs, ys];
}

describe("point index", () => {
  const [xs, ys] = randomPoints(5000);
  const include = new Uint8Array(5000).map((_, i) => (i % 7 === 0 ? 0 : 1));
  const index = buildIndex(xs, ys, include, 32);

  it("holds every included point once", () => {
    expect(index.order.length).toBe(include.reduce((a, b) => a + b, 0));
    expect(new Set(index.order).size).toBe(index.order.length);
  });

  it("box selection equals a brute-force scan", () => {
    const box = [-1.3, 2.2, 0.05, 0.4] as const;
    const want: number[] = [];
    for (let i = 0; i < xs.length; i++) {
      if (include[i] && xs[i] >= box[0] && xs[i] <= box[1] && ys[i] >= box[2] && ys[i] <= box[3]) want.push(i);
    }
    const got = inBox(index, xs, ys, ...box).sort((a, b) => a - b);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(50);
  });

  it("nearest equals a brute-force scan in the scaled metric", () => {
    for (const [x, y] of [[0.1, 0.2], [4.9, 0.99], [-3, 0.01]]) {
      const rx = 0.3;
      const ry = 0.05;
      let want = -1;
      let best = 1;
      for (let i = 0; i < xs.length; i++) {
        if (!include[i]) continue;
        const d = ((xs[i] - x) / rx) ** 2 + ((ys[i] - y) / ry) ** 2;
        if (d <= best) [best, want] = [d, i];
      }
      expect(nearest(index, xs, ys, x, y, rx, ry)).toBe(want);
    }
  });

  it("counts the box like a brute-force scan, whole cells included", () => {
    const boxes: [number, number, number, number][] = [
      [-1.3, 2.2, 0.05, 0.4],
      [-5, 5, 0, 1],
      [-4.99, 4.7, 0.001, 0.93],
      [0.3, 0.31, 0.2, 0.21],
    ];
    for (const box of boxes) {
      let want = 0;
      for (let i = 0; i < xs.length; i++) {
        if (include[i] && xs[i] >= box[0] && xs[i] <= box[1] && ys[i] >= box[2] && ys[i] <= box[3]) want++;
      }
      expect(countInBox(index, xs, ys, ...box)).toBe(want);
      expect(countInBox(index, xs, ys, ...box)).toBe(inBox(index, xs, ys, ...box).length);
    }
  });

  it("finds nothing far away", () => {
    expect(nearest(index, xs, ys, 100, 100, 0.1, 0.1)).toBe(-1);
    expect(inBox(index, xs, ys, 6, 7, 0, 1)).toEqual([]);
    expect(countInBox(index, xs, ys, 6, 7, 0, 1)).toBe(0);
  });
});
