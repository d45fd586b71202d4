"""ContrastView: two corpora on one SAE — a scatter of each feature's firing rate in both, and
the features most over-represented each way as cards (composed from FeatureMap and
FeatureCard)."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import ipywidgets
import numpy as np
import pandas as pd

from saewidgets._errors import ArgumentError, count_arg
from saewidgets.analysis._contrast import contrast
from saewidgets.widgets._featurecard import FeatureCard
from saewidgets.widgets._featuremap import FeatureMap
from saewidgets.widgets.export._html import export_html

SIGNIFICANT_Q = 0.05


class ContrastView(ipywidgets.VBox):
    """Store A's against store B's firing rate per feature (log10 of (count + ½) / tokens, so
    features silent in one corpus stay on the map), coloured by ``log2_ratio``; below, a card
    in A of the feature most over-represented in A and one in B of the feature most
    over-represented in B (significant at q < 0.05; next/previous walk each list). A click on
    the map shows that feature in both cards."""

    def __init__(
        self, store_a: Any, store_b: Any, table: pd.DataFrame | None = None, n: int = 20
    ) -> None:
        n = count_arg(n, "n")
        self.table = contrast(store_a, store_b) if table is None else table
        if not isinstance(self.table, pd.DataFrame) or "log2_ratio" not in self.table:
            raise ArgumentError("table is the DataFrame sw.contrast(store_a, store_b) returns.")
        self.more_in_a = top_features(self.table, n, positive=True)
        self.more_in_b = top_features(self.table, n, positive=False)
        self.map = FeatureMap(
            map_table(self.table, store_a.meta.n_counted, store_b.meta.n_counted),
            x="log10_rate_a",
            y="log10_rate_b",
            color="log2_ratio",
        )
        self.card_a = FeatureCard(store_a, _first(self.more_in_a), order=self.more_in_a or None)
        self.card_b = FeatureCard(store_b, _first(self.more_in_b), order=self.more_in_b or None)
        self.map.observe(self._on_clicked, names="clicked")
        header = ipywidgets.HTML(summary(store_a, store_b, self.table))
        cards = ipywidgets.HBox([self.card_a, self.card_b])
        super().__init__([header, self.map, cards])

    def to_html(self, path: str | os.PathLike[str], *, title: str | None = None) -> Path:
        """Write a standalone page (opens offline, no kernel): the header, the map, and both
        cards, each part a standalone view of its own in a frame."""
        parts = (self.map, self.card_a, self.card_b)
        frames = [_frame(export_html(p), h) for p, h in zip(parts, (560, 900, 900), strict=True)]
        name = html.escape(title or "saewidgets ContrastView")
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{name}</title></head>"
            f"<body style='font-family: sans-serif'><p>{self.children[0].value}</p>{frames[0]}"
            f"<div style='display: flex; gap: 8px'>{frames[1]}{frames[2]}</div></body></html>"
        )
        out = Path(path).expanduser()
        out.write_text(page, encoding="utf-8")
        return out

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The view plus a static snapshot (header, map, both cards) for hosts that cannot run
        it (nbconvert's ``saewidgets-html``, GitHub)."""
        from saewidgets.widgets.export._snapshot import box

        data = super()._repr_mimebundle_(**kwargs)
        if data is None:
            return None
        header = f'<div style="margin-bottom:4px">{self.children[0].value}</div>'
        parts = [p._snapshot_html() for p in (self.map, self.card_a, self.card_b)]
        text = f"ContrastView — cards #{self.card_a.feature} (A) and #{self.card_b.feature} (B)"
        return {**data, "text/plain": text, "text/html": box("ContrastView", text, header, *parts)}

    def _on_clicked(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.card_a.feature = self.card_b.feature = int(change["new"])


def top_features(table: pd.DataFrame, n: int, positive: bool) -> list[int]:
    """Up to ``n`` features with q < 0.05 and the given sign of ``log2_ratio``, strongest first."""
    sign = 1.0 if positive else -1.0
    hit = table[(table["q_value"] < SIGNIFICANT_Q) & (sign * table["log2_ratio"] > 0)]
    ranked = hit.assign(key=-sign * hit["log2_ratio"]).sort_values(["key", "q_value"])
    return [int(f) for f in ranked.index[:n]]


def map_table(table: pd.DataFrame, n_a: int, n_b: int) -> pd.DataFrame:
    """The map's columns: both smoothed log10 rates, the ratio, counts and the test."""
    frame = table[["count_a", "count_b", "log2_ratio", "p_value", "q_value"]].copy()
    frame["log10_rate_a"] = np.log10((frame["count_a"] + 0.5) / n_a)
    frame["log10_rate_b"] = np.log10((frame["count_b"] + 0.5) / n_b)
    frame["dead"] = (frame["count_a"] + frame["count_b"]) == 0
    return frame


def summary(store_a: Any, store_b: Any, table: pd.DataFrame) -> str:
    """The header line: both corpora and how many features each over-represents (escaped)."""
    a, b = html.escape(str(store_a.path)), html.escape(str(store_b.path))
    more_a, more_b = (top_features(table, len(table), positive=s) for s in (True, False))
    return (
        f"<b>A</b> {a} ({store_a.meta.n_counted:,} tokens) vs <b>B</b> {b} "
        f"({store_b.meta.n_counted:,} tokens): {len(more_a)} features shown more in A, "
        f"{len(more_b)} more in B (q &lt; {SIGNIFICANT_Q}, exact binomial test)"
    )


def _frame(document: str, height: int) -> str:
    return (
        f'<iframe srcdoc="{html.escape(document, quote=True)}" '
        f"style='flex: 1; width: 100%; height: {height}px; border: 0'></iframe>"
    )


def _first(features: list[int]) -> int:
    return features[0] if features else 0
