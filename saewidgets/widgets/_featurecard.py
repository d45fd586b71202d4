"""FeatureCard: one SAE feature's stats, examples, logit weights, neighbours and annotation."""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from saewidgets._checks import instance_arg
from saewidgets._errors import DataError
from saewidgets.analysis._featurestore import FeatureStore
from saewidgets.annotations._annotations import STATUSES
from saewidgets.widgets import _carddata
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._carddata import CardService

if TYPE_CHECKING:
    import altair as alt

    from saewidgets.annotations._annotations import Annotations
    from saewidgets.models._lens import Lens


def source_line(store: FeatureStore) -> str:
    """One line naming the model, hook (``transcoder: in → out`` for a transcoder), SAE and the
    harvest size."""
    m = store.meta
    sae = f"{m.architecture} SAE, {m.d_sae:,} features"
    hook = f"transcoder: {m.hook} → {m.hook_out}" if m.hook_out else m.hook
    return f"{m.model_name} · {hook} · {sae} · {m.n_tokens:,} tokens"


class FeatureCard(SaeWidget):
    """One feature of a FeatureStore; set ``feature`` to switch, edit its annotation in place."""

    _esm = bundle("featurecard")

    feature = traitlets.Int(0).tag(sync=True)
    """Id of the shown feature; setting it (here or in the card) fetches that feature's data."""

    d_sae = traitlets.Int(0).tag(sync=True)
    """Number of features of the store (valid ids are 0..d_sae-1)."""

    source = traitlets.Unicode("").tag(sync=True)
    """Model, hook, SAE and harvest size, shown under the header."""

    editable = traitlets.Bool(False).tag(sync=True)
    """Whether the annotation form can be edited (an Annotations store was given)."""

    statuses = traitlets.List(traitlets.Unicode(), list(STATUSES)).tag(sync=True)
    """The annotation statuses, in the order of the status keys 1..n."""

    initial_card = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    """The first shown feature's data (what the ``card`` request answers), so a page holding
    the widget state (an exported notebook) draws the card without a kernel."""

    labels = traitlets.Dict(key_trait=traitlets.Unicode(), value_trait=traitlets.Unicode()).tag(
        sync=True
    )
    """Labels of every annotated feature (ids as strings), searched by the "go to" box."""

    columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """Schema of the header numbers, in order (``_columns``: name, label, help, format)."""

    steerable = traitlets.Bool(False).tag(sync=True)
    """Whether the card has a steer section (a Lens was given): a strength slider and the
    feature's top example contexts continued with and without steering."""

    triage = traitlets.Bool(False).tag(sync=True)
    """Triage layout (the Annotator's): the annotation box first; keys 1..n set the status,
    l or Enter edit the label."""

    def __init__(
        self,
        store: FeatureStore,
        feature: int = 0,
        annotations: Annotations | None = None,
        *,
        order: Sequence[int] | None = None,
        service: CardService | None = None,
        lens: Lens | None = None,
    ) -> None:
        """``order``: the features next/previous walk through (default: every id); ``service``:
        a CardService shared with other widgets of the same view (default: a new one);
        ``lens``: the store's Lens, which adds the steer section."""
        instance_arg(store, FeatureStore, "store", "open one with sw.FeatureStore.open(path)")
        self._service = CardService(store, annotations) if service is None else service
        self._store, self._annotations = store, self._service.annotations
        self._navigation = None if order is None else [store.check_feature(f) for f in order]
        self._last_in_order = 0
        self._export: list[int] | None = None
        self._compact: set[int] = set()
        self._index: tuple[list[int], set[int], list[int], dict[int, int]] | None = None
        self._lens = lens
        self._steered: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        super().__init__(
            d_sae=store.d_sae,
            source=source_line(store),
            editable=self._annotations is not None,
            feature=store.check_feature(feature),
            columns=_carddata.card_columns(store),
            steerable=lens is not None,
        )
        self.initial_card = self._payload(self.feature)
        self.labels = self._service.labels()
        self._service.on_annotated(self._relabel)

    def _relabel(self, feature: int) -> None:
        self.labels = self._service.labels()

    @property
    def store(self) -> FeatureStore:
        """The FeatureStore the card reads."""
        return self._store

    @property
    def service(self) -> CardService:
        """The CardService answering this card's requests."""
        return self._service

    @traitlets.validate("feature")
    def _valid_feature(self, proposal: dict[str, Any]) -> int:
        store = getattr(self, "_store", None)
        return proposal["value"] if store is None else store.check_feature(proposal["value"])

    @traitlets.observe("feature")
    def _remember_place(self, change: dict[str, Any]) -> None:
        order = self._order()
        if order is not None and change["new"] in order:
            self._last_in_order = list(order).index(change["new"])

    # -- navigation ------------------------------------------------------------------------
    def _order(self) -> Sequence[int] | None:
        """Features next/previous walk through (None: every feature id in order)."""
        if self._export is None or self._navigation is None:
            return self._navigation if self._export is None else self._export
        return [f for f in self._navigation if f in set(self._export)] or self._export

    def _export_index(self) -> tuple[set[int], list[int], dict[int, int]]:
        """The exported features as a set, the navigation order and each one's place in it,
        built once per export (an export can hold a card per feature of a wide SAE)."""
        export = self._export or []
        if self._index is None or self._index[0] is not export:
            order = list(self._order() or [])
            self._index = (export, set(export), order, {g: i for i, g in enumerate(order)})
        return self._index[1:]

    def _steps(self, f: int) -> tuple[int | None, int | None]:
        """(previous, next) feature of ``f`` in the navigation order; from a feature outside
        the order, the steps resume where the order was left."""
        if self._export is not None:
            _, order, where = self._export_index()
            i = where.get(f)
        elif self._navigation is None:
            return (f - 1 if f > 0 else None), (f + 1 if f + 1 < self._store.d_sae else None)
        else:
            order = self._navigation
            i = order.index(f) if f in order else None
        if not order:
            return None, None
        if i is None:
            anchor = min(self._last_in_order, len(order) - 1)
            return order[anchor], (order[anchor + 1] if anchor + 1 < len(order) else None)
        return (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)

    # -- requests from the card ------------------------------------------------------------
    @request
    def card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """The data of one feature: ``{"feature": f}`` -> stats, examples, logits, neighbours."""
        return self._payload(self._store.check_feature(msg["feature"]))

    def _payload(self, f: int) -> dict[str, Any]:
        compact = f in self._compact and f != self.feature
        payload = self._service.compact(f) if compact else self._service.payload(f)
        payload["prev"], payload["next"] = self._steps(f)
        payload["missing"] = []
        payload["saved"] = 0  # in an export: how many features it holds (next/prev walk those)
        if self._export is not None:
            exported = self._export_index()[0]
            payload["missing"] = [i for i in _carddata.neighbour_ids(payload) if i not in exported]
            payload["saved"] = len(exported)
        return payload

    @request
    def exported(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Which features an export of this card holds, and which of the store's are dead (a
        standalone file says why a feature it lacks is not there)."""
        dead = np.flatnonzero(self._store.features["dead"].to_numpy(bool))
        return {"features": sorted(self._export or [self.feature]), "dead": dead.tolist()}

    @request
    def annotate(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Save annotation fields ``{"feature": f, "label"?, "status"?, "tags"?, "note"?}``."""
        return self._service.annotate(msg)

    @request
    def steer(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"feature": f, "strength": s}`` -> the card prompts continued clean and steered."""
        from saewidgets.widgets import _steerdata
        from saewidgets.widgets.export._html import request_key

        if self._lens is None:
            raise DataError("this card has no Lens; pass lens=... to FeatureCard to steer")
        f = self._store.check_feature(msg["feature"])
        strength = _steerdata.chip({"feature": f, "strength": msg["strength"]})["strength"]
        clean = _steerdata.js_number_msg({"feature": f, "strength": strength})
        key = request_key("steer", clean)
        if key not in self._steered:
            answer = _steerdata.card_steer(self._store, self._lens, f, strength)
            self._steered[key] = (clean, answer)
        return self._steered[key][1]

    # -- export ----------------------------------------------------------------------------
    def _summary(self) -> str:
        from saewidgets.widgets.export._cardsnapshot import card_summary

        return card_summary(self._store, self.feature, self._label())

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._cardsnapshot import card_snapshot

        return card_snapshot(self._store, self.feature, self.source, self._label())

    def _label(self) -> str | None:
        note = self._annotations.get(self._store, self.feature) if self._annotations else None
        return note.label if note else None

    def to_altair(self) -> alt.HConcatChart:
        """A static altair figure of the shown feature: header stats in the title, activation
        histogram and top/bottom logit weights side by side (save to PNG/SVG with vl-convert)."""
        from saewidgets.widgets.export._figures import card_chart

        note = self._annotations.get(self._store, self.feature) if self._annotations else None
        return card_chart(self._store, self.feature, self.source, note.label if note else None)

    def to_html(
        self,
        path: str | pathlib.Path,
        *,
        features: Sequence[int] | None = None,
        title: str | None = None,
    ) -> pathlib.Path:
        """Write a standalone page with the data of ``features`` (default: the shown feature and
        its neighbours), so clicking between exported features works offline."""
        if features is None:
            shown = self.feature
            payload = _carddata.neighbours(self._store, shown)
            features = [shown, *_carddata.neighbour_ids({"neighbours": payload})]
        with self.exporting(features):
            return super().to_html(path, title=title or f"Feature {self.feature}")

    @contextlib.contextmanager
    def exporting(self, features: Sequence[int], compact: Sequence[int] = ()) -> Iterator[None]:
        """Within the block, an export of this card (alone or as a child) embeds the data of
        ``features`` and the shown feature, and compact cards (:func:`compact_payload`) of
        ``compact`` (those not in ``features``); navigation walks among them all."""
        chosen = [self._store.check_feature(f) for f in features]
        if self.feature not in chosen:
            chosen.insert(0, self.feature)
        full = set(chosen)
        small = [f for f in (self._store.check_feature(f) for f in compact) if f not in full]
        self._export = list(dict.fromkeys(chosen + small))
        self._compact = set(small)
        try:
            yield
        finally:
            self._export, self._compact, self._index = None, set(), None

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        shown = [f for f in self._export or [self.feature] if f not in self._compact]
        steered = [("steer", m) for m, _ in self._steered.values() if m["feature"] in shown]
        return [("exported", {}), *(("card", {"feature": f}) for f in shown), *steered]

    def _packed_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """The compact cards of an export, in compressed blocks (the page decodes a block when
        one of its features is opened)."""
        return [("card", {"feature": f}) for f in self._export or [] if f in self._compact]
