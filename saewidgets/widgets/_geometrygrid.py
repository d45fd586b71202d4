"""GeometryGridView: all feature pairs binned by co-occurrence x output similarity, coloured by
mean decoder cosine (seed 001's table, measured), plus N x N heatmaps for a selection."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import traitlets

from saewidgets._checks import instance_arg
from saewidgets._errors import DataError
from saewidgets.analysis._featurestore import FeatureStore
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._carddata import CardService, card_columns
from saewidgets.widgets._codecs import NDArray

if TYPE_CHECKING:
    import altair as alt

    from saewidgets.analysis._grid import PairGrid
    from saewidgets.annotations._annotations import Annotations

#: Largest selection shown as N x N heatmaps.
MAX_SELECTION = 400
#: Pairs per cell whose two features' cards an export embeds.
EXPORT_PAIRS = 3


def cluster_order(cosine: np.ndarray) -> np.ndarray:
    """Leaf order of average-linkage clustering on decoder-cosine distance ``1 - cos``."""
    n = len(cosine)
    if n < 3:
        return np.arange(n)
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - np.asarray(cosine, float), 0.0, 2.0)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    return leaves_list(linkage(squareform(dist, checks=False), method="average"))


def quadrant_rows(grid: PairGrid) -> list[dict[str, Any]]:
    """``grid.quadrants()`` as rows {output, cooccurrence, pairs, mean_cos (None if empty)}."""
    q = grid.quadrants()
    rows = []
    for output in ("output similar", "output different"):
        for cooc in ("co-occur", "do not co-occur"):
            mean = float(q.loc[output, ("mean_cos", cooc)])
            rows.append(
                {
                    "output": output,
                    "cooccurrence": cooc,
                    "pairs": int(q.loc[output, ("pairs", cooc)]),
                    "mean_cos": mean if np.isfinite(mean) else None,
                }
            )
    return rows


class GeometryGridView(SaeWidget):
    """The all-pairs geometry grid of a FeatureStore: click a cell for its strongest pairs, a
    pair for both features; ``features`` adds N x N heatmaps ordered by clustering."""

    _esm = bundle("geometrygrid")

    measure = traitlets.Unicode("lift").tag(sync=True)
    """Co-occurrence measure of the rows: "lift" (log10 lift) or "jaccard"."""

    row_labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Label of each co-occurrence row (row 0: pairs that never fire together)."""

    output_edges = NDArray(ndim=1, default_value=np.zeros(1, np.float32))
    """float32 [n_cols + 1]: output-similarity bin edges of the columns."""

    count = NDArray(ndim=2, default_value=np.zeros((0, 0), np.int32))
    """int32 [n_rows, n_cols]: pairs per cell."""

    mean_cos = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [n_rows, n_cols]: mean decoder cosine per cell (0 in empty cells)."""

    quadrants = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Seed 001's 2x2 table measured: rows {output, cooccurrence, pairs, mean_cos}."""

    n_live = traitlets.Int(0).tag(sync=True)
    """Features that fired at least once (the grid's pairs are among these)."""

    n_dead = traitlets.Int(0).tag(sync=True)
    """Features left out of the grid because they never fired."""

    cell = traitlets.List(traitlets.Int()).tag(sync=True)
    """The clicked cell as [row, col], or [] for none."""

    pair = traitlets.List(traitlets.Int()).tag(sync=True)
    """The clicked pair as [feature_a, feature_b], or [] for none."""

    labels = traitlets.Dict(key_trait=traitlets.Unicode(), value_trait=traitlets.Unicode()).tag(
        sync=True
    )
    """Human labels by feature id (keys are ids as strings)."""

    columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Schema of the pair cards' header numbers (``_columns``)."""

    features = traitlets.List(traitlets.Int()).tag(sync=True)
    """The selection shown as N x N heatmaps, in clustering order ([] for none)."""

    sel_cosine = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [N, N]: decoder cosine between the selected features."""

    sel_lift = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [N, N]: log10 lift of co-occurrence (0 where ``sel_cooc`` is 0)."""

    sel_cooc = NDArray(ndim=2, default_value=np.zeros((0, 0), np.int32))
    """int32 [N, N]: tokens on which both features fire."""

    sel_output = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [N, N]: output similarity (cosine of logit weights)."""

    def __init__(
        self,
        store: FeatureStore,
        measure: str = "lift",
        annotations: Annotations | None = None,
        *,
        features: Sequence[int] | None = None,
        output_bins: int = 20,
        grid: PairGrid | None = None,
        service: CardService | None = None,
    ) -> None:
        """``grid``: a PairGrid already computed for ``store`` (default: the store's, computed
        once per store and options); ``service``: a CardService shared with other widgets."""
        instance_arg(store, FeatureStore, "store", "open one with sw.FeatureStore.open(path)")
        if grid is None:
            grid = store.geometry_grid(measure=measure, output_bins=output_bins, progress=False)
        elif grid.measure != measure:
            raise DataError(f"the PairGrid bins by {grid.measure!r}; pass measure={grid.measure!r}")
        service = CardService(store, annotations) if service is None else service
        count = grid.count
        super().__init__(
            measure=measure,
            row_labels=grid.row_labels,
            output_edges=grid.output_edges,
            count=count.astype(np.int32),
            mean_cos=np.where(count > 0, np.nan_to_num(grid.mean_cos), 0.0),
            quadrants=quadrant_rows(grid),
            n_live=grid.n_live,
            n_dead=grid.n_dead_excluded,
            labels=service.labels(),
            columns=card_columns(store),
        )
        self._store, self._grid, self._service = store, grid, service
        if features is not None:
            self.show_features(features)

    @classmethod
    def for_features(
        cls, store: FeatureStore, features: Sequence[int], measure: str = "lift", **kwargs: Any
    ) -> GeometryGridView:
        """The grid plus N x N heatmaps of ``features`` (at most MAX_SELECTION)."""
        return cls(store, measure, features=features, **kwargs)

    @property
    def grid(self) -> PairGrid:
        """The analysis result shown."""
        return self._grid

    def show_features(self, features: Sequence[int]) -> None:
        """Show N x N heatmaps of ``features`` (cosine, lift, output similarity), clustered."""
        ids = list(dict.fromkeys(self._store.check_feature(f) for f in features))
        if len(ids) > MAX_SELECTION:
            raise ValueError(f"{len(ids)} features: heatmaps show at most {MAX_SELECTION}")
        if len(ids) == 0:
            empty = np.zeros((0, 0), np.float32)
            with self.hold_sync():
                self.sel_cosine = self.sel_lift = self.sel_output = empty
                self.sel_cooc = empty.astype(np.int32)
                self.features = []
            return
        geo = self._store.geometry(ids)
        order = cluster_order(geo.cosine)
        ix = np.ix_(order, order)
        with np.errstate(divide="ignore"):
            lift = np.where(geo.cooc_count > 0, np.log10(np.maximum(geo.lift, 1e-30)), 0.0)
        with self.hold_sync():
            self.sel_cosine = geo.cosine[ix]
            self.sel_lift = lift[ix]
            self.sel_cooc = geo.cooc_count[ix].astype(np.int32)
            self.sel_output = np.nan_to_num(geo.output_sim[ix])
            self.features = [int(i) for i in np.asarray(ids)[order]]

    def cell_pairs(self, row: int, col: int) -> list[dict[str, Any]]:
        """The strongest-|cosine| pairs of one cell (``grid.top_pairs``), strongest first."""
        tp = self._grid.top_pairs
        cell = tp[(tp["row"] == row) & (tp["col"] == col)]
        cell = cell.reindex(cell["cosine"].abs().sort_values(ascending=False).index)
        return [
            {
                "feature_a": int(r.feature_a),
                "feature_b": int(r.feature_b),
                "cosine": float(r.cosine),
                "output_sim": float(r.output_sim),
                "cooc_count": int(r.cooc_count),
                "lift": float(r.lift),
                "jaccard": float(r.jaccard),
            }
            for r in cell.itertuples()
        ]

    @request
    def pairs(self, msg: dict[str, Any]) -> list[dict[str, Any]]:
        """``{"row", "col"}`` -> the cell's strongest pairs."""
        return self.cell_pairs(int(msg["row"]), int(msg["col"]))

    @request
    def card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"feature"}`` -> that feature's FeatureCard data (stats, examples, logits...)."""
        return self._service.payload(msg["feature"])

    @request
    def compact_card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"feature"}`` -> its compact card (what an export records for "card")."""
        return self._service.compact(msg["feature"])

    #: An export answers each recorded "card" request with the compact card (stats,
    #: histogram, top examples, logit weights), as the Explorer's export does.
    _export_answers: ClassVar[dict[str, str]] = {"card": "compact_card"}

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        rows, cols = np.nonzero(np.asarray(self.count))
        shown: set[int] = set()
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            yield "pairs", {"col": c, "row": r}
            for p in self.cell_pairs(r, c)[:EXPORT_PAIRS]:
                shown.update((p["feature_a"], p["feature_b"]))
        for f in sorted(shown):
            yield "card", {"feature": f}

    def _summary(self) -> str:
        pairs = int(np.asarray(self.count).sum())
        return (
            f"GeometryGrid — {pairs:,} {'pair' if pairs == 1 else 'pairs'} of {self.n_live:,} "
            f"live features ({self.n_dead:,} dead left out), binned by co-occurrence "
            f"({self.measure}) × output similarity; colour: mean decoder cosine"
        )

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box, heatmap_svg, note

        count = np.asarray(self.count)
        with np.errstate(invalid="ignore"):
            mean = np.where(count > 0, np.asarray(self.mean_cos, float), np.nan)
        edges = np.asarray(self.output_edges, float)
        cols = [f"{(a + b) / 2:.2f}" for a, b in zip(edges[:-1], edges[1:], strict=True)]
        svg = heatmap_svg(
            mean, count, self.row_labels, cols, ("output similarity (bin centre)", "co-occurrence")
        )
        return box(
            "GeometryGrid",
            self._summary(),
            svg,
            note("Number in each cell: pairs; colour: mean decoder cosine (blue < 0 < red)."),
        )

    def to_altair(self) -> alt.Chart:
        """A static altair heatmap of the grid (mean cosine, diverging at 0; counts as text)."""
        from saewidgets.widgets.export._figures import grid_chart

        return grid_chart(self)
