// Bar charts of histograms on a <canvas> (FeatureCard's activation and logit-weight histograms).
// `histogramBars` is the pure layout; `drawHistogram` paints it at the device pixel ratio.

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
  lo: number;
  hi: number;
}

export interface HistogramLayout {
  width: number;
  height: number;
  /** log10(1 + count) heights instead of linear counts. */
  log?: boolean;
  /** Gap between bars in px. */
  gap?: number;
}

/** One bar per bin, x by bin edges (linear in value), heights scaled to the tallest bin. */
export function histogramBars(
  edges: ArrayLike<number>,
  counts: ArrayLike<number>,
  layout: HistogramLayout,
): Bar[] {
  if (edges.length !== counts.length + 1) {
    throw new Error(`histogram needs ${counts.length + 1} edges for ${counts.length} bins`);
  }
  if (counts.length === 0) return [];
  const lo = edges[0];
  const span = edges[edges.length - 1] - lo || 1;
  const scale = (c: number) => (layout.log ? Math.log10(1 + c) : c);
  let top = 0;
  for (let i = 0; i < counts.length; i++) top = Math.max(top, scale(counts[i]));
  const gap = layout.gap ?? 1;
  const bars: Bar[] = [];
  for (let i = 0; i < counts.length; i++) {
    const x0 = ((edges[i] - lo) / span) * layout.width;
    const x1 = ((edges[i + 1] - lo) / span) * layout.width;
    const h = top > 0 ? (scale(counts[i]) / top) * layout.height : 0;
    bars.push({
      x: x0,
      y: layout.height - h,
      width: Math.max(0.5, x1 - x0 - gap),
      height: h,
      count: counts[i],
      lo: edges[i],
      hi: edges[i + 1],
    });
  }
  return bars;
}

/** The bar under x (px), or null. */
export function barAt(bars: Bar[], x: number): Bar | null {
  return bars.find((b) => x >= b.x && x < b.x + b.width + 1) ?? null;
}

/** Paints `bars` on a canvas sized `layout` CSS px, crisp on high-DPI screens. */
export function drawHistogram(
  canvas: HTMLCanvasElement,
  bars: Bar[],
  layout: HistogramLayout,
  colour: string,
): void {
  const ratio = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(layout.width * ratio);
  canvas.height = Math.round(layout.height * ratio);
  canvas.style.width = `${layout.width}px`;
  canvas.style.height = `${layout.height}px`;
  const ctx = canvas.getContext("2d");
  if (ctx === null) throw new Error("canvas 2D context unavailable");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = colour;
  for (const bar of bars) ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
}
