"""Static altair figures of the FeatureMap, the geometry grid and a FeatureCard (save with
vl-convert)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._errors import StoreError
from saewidgets.widgets._carddata import HIST_BINS, N_LOGITS
from saewidgets.widgets._columns import DEAD, numeric_columns

if TYPE_CHECKING:
    import altair as alt

    from saewidgets.analysis._featurestore import FeatureStore

# The widgets are passed in (duck-typed: their synced arrays), so this module imports neither.
FeatureMap = Any
GeometryGridView = Any


def _altair() -> Any:
    try:
        import altair
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_altair needs altair: pip install 'saewidgets[figures]'") from exc
    return altair


def featuremap_chart(fmap: FeatureMap, max_points: int = 5000) -> alt.Chart:
    """The map's panels as altair scatter plots, every column of the map's schema in the
    tooltip; a uniform sample past ``max_points`` (said in the title)."""
    alt = _altair()
    flags, ids = np.asarray(fmap.flags), np.asarray(fmap.ids)
    live = (flags & DEAD) == 0
    names = [c["name"] for c in fmap.columns]
    labels = {c["name"]: c["label"] for c in fmap.columns}
    frame = pd.DataFrame(np.asarray(fmap.table)[live], columns=names)
    frame["feature"] = ids[live]
    n_live, n_dead = int(live.sum()), int((~live).sum())
    title = f"{n_live:,} live features ({n_dead:,} dead not shown)"
    if n_live > max_points:
        pick = np.random.default_rng(0).choice(n_live, max_points, replace=False)
        frame = frame.iloc[np.sort(pick)]
        title += f"; uniform sample of {max_points:,} points"
    colour = alt.Color(
        field=fmap.color_name,
        type="quantitative",
        title=labels[fmap.color_name],
        scale=alt.Scale(scheme="viridis"),
    )
    tooltip = [alt.Tooltip("feature:Q")] + [
        alt.Tooltip(field=n, type="quantitative", title=labels[n]) for n in names
    ]
    charts = [
        alt.Chart(frame)
        .mark_circle(size=8, opacity=0.7)
        .encode(
            x=alt.X(field=fmap.axes[x], type="quantitative", title=labels[fmap.axes[x]],
                    scale=alt.Scale(zero=False)),
            y=alt.Y(field=fmap.axes[y], type="quantitative", title=labels[fmap.axes[y]],
                    scale=alt.Scale(zero=False)),
            color=colour,
            tooltip=tooltip,
        )
        .properties(width=260, height=240)
        for x, y in fmap.panels
    ]  # fmt: skip
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


def _fmt(value: Any) -> str:
    """A header number to three significant figures ("n/a" when missing or not finite)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return "n/a"
    return f"{x:.3g}" if np.isfinite(x) else "n/a"


def _token_labels(tokens: list[str], ids: np.ndarray) -> list[str]:
    """Axis labels for tokens: quoted (so leading spaces show), with the token id added where
    two different tokens print the same (byte tokens often decode to the same character)."""
    quoted = [repr(t) for t in tokens]
    seen = pd.Series(quoted).duplicated(keep=False).to_numpy()
    return [f"{q} #{i}" if dup else q for q, i, dup in zip(quoted, ids, seen, strict=True)]


def card_chart(
    store: FeatureStore, feature: int, source: str, label: str | None = None
) -> alt.HConcatChart:
    """One feature as the card shows it: header stats in the title, the histogram of its
    non-zero activations, and its strongest positive and negative logit weights (direct path)."""
    alt = _altair()
    f = store.check_feature(feature)
    row = store.features.loc[f]
    shown = [c for c in numeric_columns(store.features) if c.card]
    stats = " · ".join(f"{c.label} {_fmt(row.get(c.name))}" for c in shown)
    title = alt.TitleParams(
        f"Feature {f}" + (f": {label}" if label else ""), subtitle=[stats, source], anchor="start"
    )
    hist = store.histogram(f, bins=HIST_BINS)
    bins = pd.DataFrame({"lo": hist.edges[:-1], "hi": hist.edges[1:], "count": hist.counts})
    n_nonzero = int(hist.counts.sum())
    charts = [
        alt.Chart(bins)
        .mark_bar(color="#e45756")
        .encode(
            x=alt.X("lo:Q", title="activation", scale=alt.Scale(zero=True)),
            x2="hi:Q",
            y=alt.Y("count:Q", title="count"),
            y2=alt.datum(0),
            tooltip=["lo:Q", "hi:Q", "count:Q"],
        )
        .properties(width=300, height=220, title=f"{n_nonzero:,} non-zero activations")
    ]
    try:
        lw = store.logit_weights(f, k=N_LOGITS)
    except StoreError as exc:
        charts.append(alt.Chart(pd.DataFrame()).mark_text().properties(title=str(exc)))
    else:
        ids = np.concatenate([lw.top_ids, lw.bottom_ids])
        logits = pd.DataFrame(
            {
                "token": _token_labels([*lw.top_tokens, *lw.bottom_tokens], ids),
                "logit": np.concatenate([lw.top_values, lw.bottom_values]).astype(float),
                "sign": ["positive"] * len(lw.top_tokens) + ["negative"] * len(lw.bottom_tokens),
            }
        )
        charts.append(
            alt.Chart(logits)
            .mark_bar()
            .encode(
                x=alt.X("logit:Q", title="logit weight (direct path, layer norm ignored)"),
                y=alt.Y("token:N", sort="-x", title=None),
                color=alt.Color(
                    "sign:N",
                    scale=alt.Scale(domain=["positive", "negative"], range=["#4c78a8", "#e45756"]),
                    legend=None,
                ),
                tooltip=["token:N", "logit:Q"],
            )
            .properties(width=260, height=220, title="top and bottom logit weights")
        )
    return alt.hconcat(*charts).properties(title=title)
