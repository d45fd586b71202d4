"""CompareView: two SAEs' feature maps side by side, linked by their best decoder matches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from saewidgets._checks import instance_arg, int_arg
from saewidgets.widgets import _carddata
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._codecs import NDArray
from saewidgets.widgets._columns import Column
from saewidgets.widgets._featurecard import source_line
from saewidgets.widgets._mapdata import map_data

if TYPE_CHECKING:
    from saewidgets.analysis._compare import SAEComparison

_I32 = np.zeros(0, np.int32)
_F32 = np.zeros(0, np.float32)


class CompareView(SaeWidget):
    """Two stores' maps (log10 density x D/E projection, coloured by encoder bias) side by side:
    hovering a feature rings its best decoder match in the other map; a scatter of the matched
    pairs' densities (one-to-one assignment, both alive); a click shows both features' cards.

    Traits ``a_*`` / ``b_*``: each map's ids, columns, table and flags and, per point, its
    best match in the other SAE and their decoder cosine. ``pair_*``: the density scatter."""

    _esm = bundle("compareview")

    a_ids = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: A's feature ids (its map's points)."""

    a_columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Schema of the columns of ``a_table`` (as FeatureMap's ``columns``)."""

    a_table = NDArray(ndim=2, finite=False, default_value=np.zeros((0, 0), np.float32))
    """float32 [n, k]: every numeric per-feature column of A."""

    a_flags = NDArray(ndim=1, default_value=np.zeros(0, np.uint8))
    """uint8 [n]: DEAD / ULTRA_RARE / DENSE bits of A's features."""

    a_match = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: best decoder match in B of each of A's features."""

    a_match_cosine = NDArray(ndim=1, default_value=_F32)
    """float32 [n]: decoder cosine of that match."""

    b_ids = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: B's feature ids (its map's points)."""

    b_columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Schema of the columns of ``b_table`` (as FeatureMap's ``columns``)."""

    b_table = NDArray(ndim=2, finite=False, default_value=np.zeros((0, 0), np.float32))
    """float32 [n, k]: every numeric per-feature column of B."""

    b_flags = NDArray(ndim=1, default_value=np.zeros(0, np.uint8))
    """uint8 [n]: DEAD / ULTRA_RARE / DENSE bits of B's features."""

    b_match = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: best decoder match in A of each of B's features."""

    b_match_cosine = NDArray(ndim=1, default_value=_F32)
    """float32 [n]: decoder cosine of that match."""

    pair_ids = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: A's feature of each assigned pair with both features alive."""

    pair_columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Schema of ``pair_table``'s columns: log10 density in A, in B, decoder cosine."""

    pair_table = NDArray(ndim=2, default_value=np.zeros((0, 3), np.float32))
    """float32 [n, 3]: log10 density in A, log10 density in B, decoder cosine."""

    pair_partner = NDArray(ndim=1, default_value=_I32)
    """int32 [n]: B's feature of each pair."""

    names = traitlets.List(traitlets.Unicode(), ["A", "B"]).tag(sync=True)
    """The two SAEs' names."""

    sources = traitlets.List(traitlets.Unicode(), ["", ""]).tag(sync=True)
    """Model, hook, SAE and harvest size of each store."""

    summary = traitlets.List(traitlets.List(traitlets.Unicode())).tag(sync=True)
    """The comparison's summary as text rows: [metric, A, B]."""

    feature_a = traitlets.Int(0).tag(sync=True)
    """A's feature shown in the left card."""

    feature_b = traitlets.Int(0).tag(sync=True)
    """B's feature shown in the right card."""

    def __init__(self, comparison: SAEComparison) -> None:
        from saewidgets.analysis._compare import SAEComparison

        instance_arg(comparison, SAEComparison, "comparison", "make one with sw.compare(a, b)")
        a, b = comparison.store_a, comparison.store_b
        self._stores = {"a": a, "b": b}
        m, r = comparison.matches, comparison.reverse_matches
        side: dict[str, Any] = {}
        for prefix, store, match in (("a", a, m), ("b", b, r)):
            arrays = map_data(store.features)
            arrays["match"] = match["match"].to_numpy(np.int32)[arrays["ids"]]
            arrays["match_cosine"] = match["cosine"].to_numpy(np.float32)[arrays["ids"]]
            side |= {f"{prefix}_{k}": v for k, v in arrays.items()}
        pairs = comparison.pair_densities
        alive = (pairs["density_a"] > 0) & (pairs["density_b"] > 0)
        pairs = pairs[alive]
        coords = np.stack(
            [
                np.log10(pairs["density_a"].to_numpy(float)),
                np.log10(pairs["density_b"].to_numpy(float)),
                pairs["cosine"].to_numpy(float),
            ],
            axis=1,
        )
        shown = pairs if len(pairs) else comparison.pair_densities  # prefer a pair both alive
        best = shown.sort_values("cosine", ascending=False, kind="stable")
        first = best.iloc[0] if len(best) else None
        pair_columns = [
            Column("log10_density_a", f"log10 density {comparison.names[0]}"),
            Column("log10_density_b", f"log10 density {comparison.names[1]}"),
            Column("cosine", "decoder cosine", "cosine of the pair's decoder rows"),
        ]
        super().__init__(
            **side,
            pair_ids=pairs["feature_a"].to_numpy(np.int32),
            pair_partner=pairs["feature_b"].to_numpy(np.int32),
            pair_columns=[c.to_json() for c in pair_columns],
            pair_table=coords.astype(np.float32),
            names=list(comparison.names),
            sources=[source_line(a), source_line(b)],
            summary=_summary_rows(comparison),
            feature_a=int(first["feature_a"]) if first is not None else 0,
            feature_b=int(first["feature_b"]) if first is not None else 0,
        )
        self._export_pairs: list[tuple[int, int]] = []

    @request
    def card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """One feature's card data: ``{"side": "a" | "b", "feature": f}``."""
        store = self._stores[str(msg["side"])]
        f = store.check_feature(msg["feature"])
        payload = _carddata.feature_payload(store, f, None)
        payload["prev"], payload["next"], payload["missing"] = None, None, []
        return payload

    def to_html(self, path: Any, *, title: str | None = None, pairs: int = 10) -> Any:
        """Write a standalone page; the cards of the ``pairs`` best-matched pairs (and the shown
        pair) are embedded, so clicking those works offline."""
        best = self._best_pairs(int_arg(pairs, "pairs", 0))
        self._export_pairs = [(self.feature_a, self.feature_b), *best]
        try:
            return super().to_html(path, title=title or "SAE comparison")
        finally:
            self._export_pairs = []

    def _best_pairs(self, n: int) -> list[tuple[int, int]]:
        cos = np.asarray(self.pair_table)[:, 2]
        order = np.argsort(-cos, kind="stable")[:n]
        ids, partner = np.asarray(self.pair_ids), np.asarray(self.pair_partner)
        return [(int(ids[i]), int(partner[i])) for i in order]

    def _summary(self) -> str:
        a, b = self.names
        n = len(np.asarray(self.pair_ids))
        return (
            f"CompareView — {a} vs {b}: {n:,} matched pairs alive in both; "
            f"cards #{self.feature_a} ({a}) and #{self.feature_b} ({b})"
        )

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box, note, text_table

        sources = [note(f"{n}: {s}") for n, s in zip(self.names, self.sources, strict=True)]
        return box("CompareView", self._summary(), *sources, text_table(self.summary))

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        pairs = self._export_pairs or [(self.feature_a, self.feature_b)]
        match = {
            side: dict(
                zip(
                    np.asarray(getattr(self, f"{side}_ids")).tolist(),
                    np.asarray(getattr(self, f"{side}_match")).tolist(),
                    strict=True,
                )
            )
            for side in ("a", "b")
        }
        seen: dict[tuple[str, int], None] = {}
        for fa, fb in pairs:  # the pair, and what a click on either point shows
            for key in (("a", fa), ("b", fb), ("b", match["a"][fa]), ("a", match["b"][fb])):
                seen[key] = None
        return [("card", {"feature": f, "side": s}) for s, f in seen]


def _summary_rows(comparison: SAEComparison) -> list[list[str]]:
    s = comparison.summary
    rows = [["", *comparison.names]]
    for metric in s.index:
        values = s.loc[metric]
        if metric == "features":
            cells = [f"{int(v):,}" for v in values]
        elif metric in ("L0", "median_log10_density"):
            cells = [f"{v:.2f}" for v in values]
        else:
            cells = [f"{100 * v:.1f}%" for v in values]
        rows.append([metric.replace("_", " "), *cells])
    return rows
