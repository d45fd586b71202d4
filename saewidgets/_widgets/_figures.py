"""Static altair figures of the FeatureMap and the geometry grid (save with vl-convert)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._widgets._featuremap import AXES, DEAD

if TYPE_CHECKING:
    import altair as alt

    from saewidgets._widgets._featuremap import FeatureMap
    from saewidgets._widgets._geometrygrid import GeometryGridView


def _altair() -> Any:
    try:
        import altair
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_altair needs altair: pip install 'saewidgets[figures]'") from exc
    return altair


def featuremap_chart(fmap: FeatureMap, max_points: int = 5000) -> alt.Chart:
    """The map's panels as altair scatter plots; a uniform sample past ``max_points`` (titled)."""
    alt = _altair()
    flags, coords, ids, colour = (
        np.asarray(a) for a in (fmap.flags, fmap.coords, fmap.ids, fmap.colour)
    )
    live = (flags & DEAD) == 0
    frame = pd.DataFrame(coords[live], columns=list(AXES))
    frame["feature"] = ids[live]
    frame["colour"] = colour[live]
    n_live, n_dead = int(live.sum()), int((~live).sum())
    title = f"{n_live:,} live features ({n_dead:,} dead not shown)"
    if n_live > max_points:
        pick = np.random.default_rng(0).choice(n_live, max_points, replace=False)
        frame = frame.iloc[np.sort(pick)]
        title += f"; uniform sample of {max_points:,} points"
    colour = alt.Color("colour:Q", title=fmap.color_name, scale=alt.Scale(scheme="viridis"))
    charts = [
        alt.Chart(frame)
        .mark_circle(size=8, opacity=0.7)
        .encode(
            x=alt.X(f"{AXES[x]}:Q", scale=alt.Scale(zero=False)),
            y=alt.Y(f"{AXES[y]}:Q", scale=alt.Scale(zero=False)),
            color=colour,
            tooltip=["feature:Q", *[f"{a}:Q" for a in AXES]],
        )
        .properties(width=260, height=240)
        for x, y in fmap.panels
    ]
    return alt.hconcat(*charts).properties(title=title)


def grid_chart(view: GeometryGridView) -> alt.Chart:
    """The grid as an altair heatmap: mean decoder cosine (diverging at 0), pair counts as text."""
    alt = _altair()
    count, mean, edges = (np.asarray(a) for a in (view.count, view.mean_cos, view.output_edges))
    rows, cols = np.indices(count.shape).reshape(2, -1)
    frame = pd.DataFrame(
        {
            "cooccurrence": [view.row_labels[r] for r in rows],
            "output": [f"{edges[c]:.2g}..{edges[c + 1]:.2g}" for c in cols],
            "pairs": count[rows, cols],
            "mean_cos": np.where(count[rows, cols] > 0, mean[rows, cols], np.nan),
        }
    )
    vmax = float(np.nanmax(np.abs(frame["mean_cos"]))) if frame["pairs"].sum() else 1.0
    base = alt.Chart(frame).encode(
        x=alt.X("output:O", sort=None, title="output similarity"),
        y=alt.Y("cooccurrence:O", sort=list(view.row_labels), title="co-occurrence"),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "mean_cos:Q",
            title="mean decoder cosine",
            scale=alt.Scale(scheme="redblue", reverse=True, domain=[-vmax, vmax], domainMid=0),
        )
    )
    text = base.transform_filter("datum.pairs > 0").mark_text(fontSize=8).encode(text="pairs:Q")
    title = f"Pairs of {view.n_live:,} live features: mean decoder cosine per cell"
    return (cells + text).properties(title=title, width=600, height=240)
