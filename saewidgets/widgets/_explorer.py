"""Explorer: a FeatureMap, a FeatureCard and a GeometryGridView composed as child widgets, plus a
token view; the children share one CardService and are linked with traitlets links."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import anywidget
import numpy as np
import traitlets

from saewidgets._checks import instance_arg
from saewidgets._errors import ArgumentError, DataError
from saewidgets.analysis._featurestore import FeatureStore
from saewidgets.analysis._grid import PairGrid
from saewidgets.widgets._attribution import AttributionAnswers, AttributionRequests
from saewidgets.widgets._base import bundle, request
from saewidgets.widgets._carddata import CardService
from saewidgets.widgets._codecs import array_to_json
from saewidgets.widgets._featurecard import FeatureCard
from saewidgets.widgets._featuremap import FeatureMap
from saewidgets.widgets._geometrygrid import MAX_SELECTION, GeometryGridView
from saewidgets.widgets._searchrows import search_rows
from saewidgets.widgets._tokenview import (
    TOP_K,
    _bos_first,
    _numpy,
    _special_positions,
    _top_features,
)
from saewidgets.widgets.export import _html

if TYPE_CHECKING:
    from saewidgets.annotations._annotations import Annotations

#: Features whose cards an export embeds, besides the shown one: the first selected ones.
EXPORT_CARDS = 100
#: Most features the token view colours at once.
TOKEN_FEATURES = 8


class Explorer(AttributionRequests):
    """The map, a feature card, a token view and the geometry grid, linked: select or click in
    the map -> card and heatmaps; click a neighbour -> card; type text (with a Lens) -> tokens."""

    _esm = bundle("explorer")
    _no_lens = "this Explorer has no Lens; pass lens=sw.Lens(model, sae)"

    map = anywidget.WidgetTrait().tag(sync=True)
    """The FeatureMap child (its ``selected`` and ``clicked`` drive the card and heatmaps)."""
    card = anywidget.WidgetTrait().tag(sync=True)
    """The FeatureCard child (shows ``feature``; saving an annotation relabels the map)."""
    grid_view = anywidget.WidgetTrait().tag(sync=True)
    """The GeometryGridView child, or None (``grid=False`` or no output directions)."""
    has_lens = traitlets.Bool(False).tag(sync=True)
    """Whether text can be run through a Lens (the token view's text box)."""

    selected = traitlets.List(traitlets.Int())
    """Ids selected in the map (linked to ``map.selected``); the heatmaps follow it."""
    feature = traitlets.Int(0)
    """The feature shown in the card (linked to ``card.feature``)."""

    def __init__(
        self,
        store: FeatureStore,
        lens: Any = None,
        annotations: Annotations | None = None,
        *,
        color: Any = None,
        grid: bool | PairGrid = True,
    ) -> None:
        instance_arg(store, FeatureStore, "store", "open one with sw.FeatureStore.open(path)")
        if not isinstance(grid, (bool, PairGrid)):
            raise ArgumentError(
                f"grid must be True, False or a PairGrid, got {grid!r}; a PairGrid comes from "
                "store.geometry_grid()."
            )
        if lens is not None:
            store.check_lens(lens)
        service = CardService(store, annotations)
        fmap = FeatureMap(store, color, annotations)
        card = FeatureCard(store, service=service)
        gview = None
        if grid is not False:
            pairs = None if grid is True else grid
            kwargs: dict[str, Any] = {} if pairs is None else {"measure": pairs.measure}
            gview = GeometryGridView(store, service=service, grid=pairs, **kwargs)
        super().__init__(map=fmap, card=card, grid_view=gview, has_lens=lens is not None)
        self._store, self._lens, self._service = store, lens, service
        self._attributions = None if lens is None else AttributionAnswers(lens)
        traitlets.link((self, "selected"), (fmap, "selected"))
        traitlets.link((self, "feature"), (card, "feature"))
        fmap.observe(self._on_clicked, "clicked")
        service.on_annotated(self._relabel)

    def _summary(self) -> str:
        return (
            f"Explorer — {self._store.d_sae:,} features, {len(self.selected):,} selected; "
            f"card #{self.feature}"
        )

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box

        parts = (self.map, self.card, self.grid_view)
        return box("Explorer", self._summary(), *(p._snapshot_html() for p in parts if p))

    @traitlets.validate("selected")
    def _valid_selected(self, proposal: dict[str, Any]) -> list[int]:
        return [self._store.check_feature(f) for f in dict.fromkeys(proposal["value"])]

    @traitlets.observe("selected")
    def _on_selected(self, change: dict[str, Any]) -> None:
        ids = change["new"]
        if ids:
            self.feature = ids[0]
        if self.grid_view is not None:
            self.grid_view.show_features(ids[:MAX_SELECTION])

    def _on_clicked(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.feature = self._store.check_feature(change["new"])

    def _relabel(self, feature: int) -> None:
        labels = self._service.labels()
        self.map.labels = labels
        if self.grid_view is not None:
            self.grid_view.labels = labels

    @request
    def search(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"mode": "text" | "token" | "words", "query"}`` -> ``{"rows": [{feature, detail}]}``
        (each at most 20, best first)."""
        if msg["mode"] == "text" and self._lens is None:
            raise DataError(self._no_lens)
        rows = search_rows(
            self._store, self._lens, self._service.annotations, msg["mode"], str(msg["query"])
        )
        return {"rows": rows}

    @request
    def run(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"text", "features"}`` -> tokens and those features' activations (needs a Lens)."""
        if self._lens is None:
            raise DataError("this Explorer has no Lens; pass lens=sw.Lens(model, sae)")
        chosen = [self._store.check_feature(f) for f in msg["features"]][:TOKEN_FEATURES]
        text = str(msg["text"])
        tokens = [str(t) for t in self._lens.to_str_tokens(text)]
        full = _numpy(self._lens.encode(text))
        top_ids, top_vals = _top_features(full, np.arange(full.shape[1]), TOP_K)
        return {
            "tokens": tokens,
            "bos": _bos_first(self._lens),
            "special": _special_positions(self._lens, text),
            "features": chosen,
            "acts": array_to_json(full[:, chosen]),
            "top_ids": array_to_json(top_ids),
            "top_vals": array_to_json(top_vals),
        }

    def to_html(
        self,
        path: str | pathlib.Path,
        *,
        features: Sequence[int] | None = None,
        title: str | None = None,
    ) -> pathlib.Path:
        """Write a standalone page with every child, so every click works offline: full cards of
        the shown feature and the first ``EXPORT_CARDS`` selected ones, a compact card (stats,
        histogram, top examples, logit weights) of each of ``features`` (default: every live
        feature), stored in compressed blocks that the page decodes on click (see
        :meth:`export_size`), and the grid's cells' strongest pairs."""
        chosen = self._compact_features(features)
        with self.card.exporting(self.selected[:EXPORT_CARDS], compact=chosen):
            return super().to_html(path, title=title)

    def export_size(self, features: Sequence[int] | None = None) -> int:
        """Estimated bytes of :meth:`to_html`'s file with compact cards of ``features``
        (default: every live feature): the page without the compact cards, exactly, plus
        their compressed blocks, estimated from one block of up to ``PACK_BLOCK`` of them
        spread over ``features``."""
        chosen = self._compact_features(features)
        with self.card.exporting(self.selected[:EXPORT_CARDS], compact=chosen):
            page = _html.export_html(self, packed=False)
            cards = list(self.card._packed_requests())
            if not cards:
                return len(page.encode("utf-8"))
            picks = np.linspace(0, len(cards) - 1, min(_html.PACK_BLOCK, len(cards))).astype(int)
            sample = [cards[i] for i in dict.fromkeys(picks.tolist())]
            block = len(_html.packed_answers(self.card, sample)[0])
        n_blocks = -(-len(cards) // _html.PACK_BLOCK)
        per_card = block / len(sample)
        return len(page.encode("utf-8")) + round(per_card * len(cards)) + 3 * n_blocks - 1

    def _compact_features(self, features: Sequence[int] | None) -> list[int]:
        if features is None:
            live = ~self._store.features["dead"].to_numpy(bool)
            return [int(f) for f in np.flatnonzero(live)]
        return [self._store.check_feature(f) for f in features]
