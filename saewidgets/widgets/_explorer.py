"""Explorer: FeatureMap, FeatureCard, a token view and the geometry grid, linked in one widget."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from saewidgets._errors import DataError
from saewidgets.annotations._annotations import STATUSES
from saewidgets.widgets import _carddata
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._codecs import array_to_json
from saewidgets.widgets._featurecard import source_line
from saewidgets.widgets._featuremap import FeatureMap
from saewidgets.widgets._geometrygrid import MAX_SELECTION, GeometryGridView
from saewidgets.widgets._tokenview import TOP_K, _numpy, _top_features

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations

#: Features whose cards an export embeds, besides the shown one: the first selected ones.
EXPORT_CARDS = 100
#: Most features the token view colours at once.
TOKEN_FEATURES = 8

_MAP_TRAITS = ("ids", "coords", "colour", "flags", "axes", "panels", "color_name")
_GRID_TRAITS = (
    "measure", "row_labels", "output_edges", "count", "mean_cos", "quadrants", "n_live", "n_dead",
    "features", "sel_cosine", "sel_lift", "sel_cooc", "sel_output",
)  # fmt: skip


def _same(cls: type[traitlets.HasTraits], name: str) -> Any:
    """A copy of ``cls``'s trait ``name`` (same type, default and serialisers)."""
    return copy.copy(cls.class_traits()[name])


class Explorer(SaeWidget):
    """The map, a feature card, a token view and the geometry grid, linked: select or click in
    the map -> card and heatmaps; click a neighbour -> card; type text (with a Lens) -> tokens."""

    _esm = bundle("explorer")

    ids = _same(FeatureMap, "ids")
    """Map: feature id of each point (see FeatureMap)."""
    coords = _same(FeatureMap, "coords")
    """Map: float32 [n, 3] log10_density, enc_bias, de_projection."""
    colour = _same(FeatureMap, "colour")
    """Map: colour value of each point."""
    flags = _same(FeatureMap, "flags")
    """Map: DEAD / ULTRA_RARE / DENSE / NO_COLOUR bits."""
    axes = _same(FeatureMap, "axes")
    """Map: names of the three coordinates."""
    panels = _same(FeatureMap, "panels")
    """Map: the (x, y) panels shown."""
    color_name = _same(FeatureMap, "color_name")
    """Map: name of the colour column."""
    labels = _same(FeatureMap, "labels")
    """Labels by feature id, shown in the map, lists and grid (updated when the card saves)."""
    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    """Ids selected in the map (brush); the heatmaps follow it."""
    clicked = traitlets.Int(None, allow_none=True).tag(sync=True)
    """Id last clicked in the map."""

    feature = traitlets.Int(0).tag(sync=True)
    """Card: the feature shown."""
    d_sae = traitlets.Int(0).tag(sync=True)
    """Card: number of features."""
    source = traitlets.Unicode("").tag(sync=True)
    """Card: model, hook, SAE and harvest size."""
    editable = traitlets.Bool(False).tag(sync=True)
    """Card: whether annotations can be edited (an Annotations store was given)."""
    statuses = traitlets.List(traitlets.Unicode(), list(STATUSES)).tag(sync=True)
    """Card: annotation statuses."""

    has_grid = traitlets.Bool(False).tag(sync=True)
    """Whether the geometry grid is shown."""
    measure = _same(GeometryGridView, "measure")
    """Grid: co-occurrence measure."""
    row_labels = _same(GeometryGridView, "row_labels")
    """Grid: labels of the co-occurrence rows."""
    output_edges = _same(GeometryGridView, "output_edges")
    """Grid: output-similarity bin edges."""
    count = _same(GeometryGridView, "count")
    """Grid: pairs per cell."""
    mean_cos = _same(GeometryGridView, "mean_cos")
    """Grid: mean decoder cosine per cell."""
    quadrants = _same(GeometryGridView, "quadrants")
    """Grid: seed 001's table, measured."""
    n_live = _same(GeometryGridView, "n_live")
    """Grid: live features."""
    n_dead = _same(GeometryGridView, "n_dead")
    """Grid: never-firing features left out."""
    cell = _same(GeometryGridView, "cell")
    """Grid: clicked cell [row, col]."""
    pair = _same(GeometryGridView, "pair")
    """Grid: clicked pair [a, b]."""
    features = _same(GeometryGridView, "features")
    """Grid: the selection shown as heatmaps (clustering order)."""
    sel_cosine = _same(GeometryGridView, "sel_cosine")
    """Grid: decoder cosine of the selection."""
    sel_lift = _same(GeometryGridView, "sel_lift")
    """Grid: log10 lift of the selection."""
    sel_cooc = _same(GeometryGridView, "sel_cooc")
    """Grid: co-firing counts of the selection."""
    sel_output = _same(GeometryGridView, "sel_output")
    """Grid: output similarity of the selection."""

    has_lens = traitlets.Bool(False).tag(sync=True)
    """Whether text can be run through a Lens (the token view's text box)."""

    def __init__(
        self,
        store: FeatureStore,
        lens: Any = None,
        annotations: Annotations | None = None,
        *,
        color: Any = None,
        grid: bool = True,
    ) -> None:
        fmap = FeatureMap(store, color, annotations)
        gview = GeometryGridView(store, annotations=annotations) if grid else None
        values: dict[str, Any] = {n: getattr(fmap, n) for n in _MAP_TRAITS}
        if gview is not None:
            values.update({n: getattr(gview, n) for n in _GRID_TRAITS})
        if lens is not None:
            store.check_lens(lens)
        super().__init__(
            **values,
            labels=fmap.labels,
            d_sae=store.d_sae,
            source=source_line(store),
            editable=annotations is not None,
            has_grid=gview is not None,
            has_lens=lens is not None,
        )
        self._store, self._lens, self._annotations = store, lens, annotations
        self._grid_view = gview

    @traitlets.validate("selected")
    def _valid_selected(self, proposal: dict[str, Any]) -> list[int]:
        return [self._store.check_feature(f) for f in dict.fromkeys(proposal["value"])]

    @traitlets.observe("selected")
    def _on_selected(self, change: dict[str, Any]) -> None:
        ids = change["new"]
        if ids:
            self.feature = ids[0]
        if self._grid_view is not None:
            self._grid_view.show_features(ids[:MAX_SELECTION])
            with self.hold_sync():
                for n in ("sel_cosine", "sel_lift", "sel_cooc", "sel_output", "features"):
                    setattr(self, n, getattr(self._grid_view, n))

    @traitlets.observe("clicked")
    def _on_clicked(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.feature = self._store.check_feature(change["new"])

    @request
    def card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"feature"}`` -> the card data of that feature."""
        f = self._store.check_feature(msg["feature"])
        payload = _carddata.feature_payload(self._store, f, self._annotations)
        payload.update(prev=None, next=None, missing=[])
        return payload

    @request
    def annotate(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Save the card's annotation fields; the label shows in the map at once."""
        if self._annotations is None:
            raise DataError("this Explorer has no Annotations; pass annotations=sw.Annotations(p)")
        f = self._store.check_feature(msg["feature"])
        fields = {k: msg[k] for k in ("label", "status", "tags", "note") if k in msg}
        saved = self._annotations.set(self._store, f, **fields)
        self.labels = {str(k): v for k, v in self._annotations.labels(self._store).items()}
        return {"feature": f, "annotation": _carddata.annotation_dict(saved)}

    @request
    def pairs(self, msg: dict[str, Any]) -> list[dict[str, Any]]:
        """``{"row", "col"}`` -> the grid cell's strongest pairs."""
        if self._grid_view is None:
            raise DataError("this Explorer was built with grid=False")
        return self._grid_view.cell_pairs(int(msg["row"]), int(msg["col"]))

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
            "features": chosen,
            "acts": array_to_json(full[:, chosen]),
            "top_ids": array_to_json(top_ids),
            "top_vals": array_to_json(top_vals),
        }

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        cards = dict.fromkeys([self.feature, *self.selected[:EXPORT_CARDS]])
        if self._grid_view is not None:
            for name, msg in self._grid_view._recorded_requests():
                if name == "card":
                    cards[msg["feature"]] = None
                else:
                    yield name, msg
        for f in cards:
            yield "card", {"feature": int(f)}
