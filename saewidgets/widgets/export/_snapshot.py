"""Static HTML snapshots of the widgets: what hosts that cannot run a widget show instead.

Every snapshot is one ``<div>`` of plain HTML and inline SVG (no script, no external file), so
nbconvert, GitHub and Quarto render it. Every string from data is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Sequence

import numpy as np

#: Points drawn in a map snapshot at most (a deterministic spread over the features).
MAX_MAP_POINTS = 4000
#: Background of a special token (BOS, EOS, PAD) drawn in context but not in the statistics.
SPECIAL_BG = "#e4e4e4"

_BOX = (
    'style="font:12px/1.4 system-ui,sans-serif;color:#1f2328;border:1px solid #d0d7de;'
    'border-radius:6px;padding:8px;max-width:900px;overflow:auto"'
)


def esc(text: object) -> str:
    """``text`` escaped for HTML element content and attribute values."""
    return html.escape(str(text), quote=True)


def box(kind: str, title: str, *parts: str) -> str:
    """The outer frame of a snapshot: a title line and the parts below it."""
    head = f'<div style="font-weight:600;margin-bottom:4px">{esc(title)}</div>'
    return (
        f'<div class="saewidgets-snapshot" data-widget="{esc(kind)}" {_BOX}>'
        + head
        + "".join(parts)
        + "</div>"
    )


def note(text: str) -> str:
    """A muted line of text."""
    return f'<div style="color:#656d76">{esc(text)}</div>'


def text_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of text as an HTML table, the first row as its header (every cell escaped)."""
    if not rows:
        return ""
    head = "".join(f'<th style="text-align:left;padding:0 8px 0 0">{esc(c)}</th>' for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f'<td style="padding:0 8px 0 0">{esc(c)}</td>' for c in r) + "</tr>"
        for r in rows[1:]
    )
    return f"<table style='border-collapse:collapse;margin:4px 0'><tr>{head}</tr>{body}</table>"


def fmt(x: float) -> str:
    """A number in 3 significant digits (thousands separators for big integers)."""
    if not math.isfinite(x):
        return "–"
    if float(x).is_integer() and abs(x) >= 1000:
        return f"{int(x):,}"
    return f"{x:.3g}"


def shade(value: float, top: float) -> str:
    """Background of an activation: orange, opacity by ``value / top``."""
    alpha = 0.0 if top <= 0 or not math.isfinite(value) else max(0.0, min(1.0, value / top))
    return f"rgba(230,120,20,{alpha:.2f})"


def diverging(value: float, limit: float) -> str:
    """Blue (negative) to red (positive) for a value in ``[-limit, limit]``; grey when NaN."""
    if not math.isfinite(value):
        return "#f0f0f0"
    t = max(-1.0, min(1.0, value / limit if limit > 0 else 0.0))
    if t >= 0:
        r, g, b = 255, int(255 * (1 - t * 0.8)), int(255 * (1 - t * 0.8))
    else:
        r, g, b = int(255 * (1 + t * 0.8)), int(255 * (1 + t * 0.8)), 255
    return f"rgb({r},{g},{b})"


def token_spans(
    tokens: Sequence[str], values: Sequence[float], top: float, special: Collection[int] = ()
) -> str:
    """Tokens as inline spans shaded by their value (the value in each span's title); the
    positions in ``special`` (tokens left out of the statistics, such as BOS) drawn grey."""
    spans = []
    for i, (tok, v) in enumerate(zip(tokens, values, strict=True)):
        text = esc(tok).replace("\n", "↵")
        if i in special:
            note_ = f"special token, left out of the statistics: {fmt(float(v))}"
            spans.append(
                f'<span class="sw-special" style="background:{SPECIAL_BG};color:#656d76;'
                f'white-space:pre" title="{note_}">{text}</span>'
            )
            continue
        title = f' title="{fmt(float(v))}"' if v else ""
        spans.append(
            f'<span style="background:{shade(float(v), top)};white-space:pre"{title}>{text}</span>'
        )
    return '<div style="font-family:monospace;margin:2px 0">' + "".join(spans) + "</div>"


def bars_svg(edges: np.ndarray, counts: np.ndarray, width: int = 260, height: int = 70) -> str:
    """An inline SVG histogram of ``counts`` over ``edges`` with the range written under it."""
    counts = np.asarray(counts, float)
    n = len(counts)
    if n == 0 or counts.max() <= 0:
        return note("no non-zero activations")
    bw = width / n
    rects = "".join(
        f'<rect x="{i * bw:.1f}" y="{height - 14 - h:.1f}" width="{max(bw - 1, 0.5):.1f}" '
        f'height="{h:.1f}" fill="#e6781a"/>'
        for i, h in enumerate(counts / counts.max() * (height - 16))
        if h > 0
    )
    lo, hi = fmt(float(edges[0])), fmt(float(edges[-1]))
    axis = (
        f'<text x="0" y="{height - 2}" font-size="10">{lo}</text>'
        f'<text x="{width}" y="{height - 2}" font-size="10" text-anchor="end">{hi}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="activation histogram">{rects}{axis}</svg>'
    )


def scatter_svg(
    x: np.ndarray,
    y: np.ndarray,
    colour: np.ndarray,
    names: tuple[str, str],
    span: tuple[float, float],
    width: int = 360,
    height: int = 260,
) -> str:
    """An inline SVG scatter (at most MAX_MAP_POINTS points) with axis titles and ranges; the
    colour runs from blue at ``span[0]`` to red at ``span[1]`` (white midway)."""
    finite = np.isfinite(x) & np.isfinite(y)
    idx = np.flatnonzero(finite)
    if len(idx) > MAX_MAP_POINTS:
        idx = idx[np.linspace(0, len(idx) - 1, MAX_MAP_POINTS).astype(int)]
    pad = 34
    if len(idx) == 0:
        return note("no points with finite coordinates")
    xs, ys, cs = x[idx], y[idx], colour[idx]
    x0, x1 = float(xs.min()), float(xs.max())
    y0, y1 = float(ys.min()), float(ys.max())
    sx = (width - pad - 8) / ((x1 - x0) or 1.0)
    sy = (height - pad - 8) / ((y1 - y0) or 1.0)
    mid, half = (span[0] + span[1]) / 2, (span[1] - span[0]) / 2
    dots = "".join(
        f'<circle cx="{pad + (a - x0) * sx:.1f}" cy="{height - pad - (b - y0) * sy:.1f}" '
        f'r="1.6" fill="{diverging(float(c) - mid, half)}" stroke="#555" stroke-width="0.2"/>'
        for a, b, c in zip(xs, ys, cs, strict=True)
    )
    axes = (
        f'<text x="{width / 2}" y="{height - 4}" font-size="11" text-anchor="middle">'
        f"{esc(names[0])} ({fmt(x0)} … {fmt(x1)})</text>"
        f'<text x="10" y="{height / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 10 {height / 2})">{esc(names[1])} ({fmt(y0)} … {fmt(y1)})</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="feature map">{dots}{axes}</svg>'
    )


def heatmap_svg(
    values: np.ndarray,
    counts: np.ndarray,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    titles: tuple[str, str],
) -> str:
    """An inline SVG heatmap of ``values`` (diverging colour), each cell's count written in it."""
    n_rows, n_cols = values.shape
    cw, ch, left, top = 46, 22, 150, 34
    width, height = left + n_cols * cw + 8, top + n_rows * ch + 8
    finite = values[np.isfinite(values)]
    limit = float(np.abs(finite).max()) if len(finite) else 1.0
    cells = []
    for r in range(n_rows):
        y = top + r * ch
        cells.append(
            f'<text x="{left - 4}" y="{y + 15}" font-size="10" text-anchor="end">'
            f"{esc(row_labels[r])}</text>"
        )
        for c in range(n_cols):
            x = left + c * cw
            v, k = float(values[r, c]), int(counts[r, c])
            cells.append(
                f'<rect x="{x}" y="{y}" width="{cw - 1}" height="{ch - 1}" '
                f'fill="{diverging(v, limit)}"><title>{fmt(v)} · {k:,} pairs</title></rect>'
                f'<text x="{x + cw / 2}" y="{y + 15}" font-size="9" text-anchor="middle">'
                f"{k:,}</text>"
            )
    heads = "".join(
        f'<text x="{left + c * cw + cw / 2}" y="{top - 6}" font-size="9" text-anchor="middle">'
        f"{esc(label)}</text>"
        for c, label in enumerate(col_labels)
    )
    titles_svg = (
        f'<text x="{left + n_cols * cw / 2}" y="12" font-size="11" text-anchor="middle">'
        f"{esc(titles[0])}</text>"
        f'<text x="4" y="{top - 6}" font-size="11">{esc(titles[1])}</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="geometry grid">{titles_svg}{heads}{"".join(cells)}</svg>'
    )
