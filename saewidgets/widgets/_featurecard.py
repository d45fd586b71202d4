"""FeatureCard: one SAE feature's stats, examples, logit weights, neighbours and annotation."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import traitlets

from saewidgets._errors import DataError
from saewidgets.annotations._annotations import STATUSES
from saewidgets.widgets import _carddata
from saewidgets.widgets._base import SaeWidget, bundle, request

if TYPE_CHECKING:
    import altair as alt

    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations

_EDITABLE = ("label", "status", "tags", "note")


def source_line(store: FeatureStore) -> str:
    """One line naming the model, hook, SAE and the harvest size."""
    m = store.meta
    sae = f"{m.architecture} SAE, {m.d_sae:,} features"
    return f"{m.model_name} · {m.hook} · {sae} · {m.n_tokens:,} tokens"


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

    def __init__(
        self, store: FeatureStore, feature: int = 0, annotations: Annotations | None = None
    ) -> None:
        self._store = store
        self._annotations = annotations
        self._export: list[int] | None = None
        super().__init__(
            d_sae=store.d_sae,
            source=source_line(store),
            editable=annotations is not None,
            feature=store.check_feature(feature),
        )
        self.initial_card = self._payload(self.feature)

    @property
    def store(self) -> FeatureStore:
        """The FeatureStore the card reads."""
        return self._store

    @traitlets.validate("feature")
    def _valid_feature(self, proposal: dict[str, Any]) -> int:
        store = getattr(self, "_store", None)
        return proposal["value"] if store is None else store.check_feature(proposal["value"])

    # -- navigation ------------------------------------------------------------------------
    def _order(self) -> Sequence[int] | None:
        """Features next/previous walk through (None: every feature id in order)."""
        return self._export

    def _steps(self, f: int) -> tuple[int | None, int | None]:
        """(previous, next) feature of ``f`` in the navigation order."""
        order = self._order()
        if order is None:
            return (f - 1 if f > 0 else None), (f + 1 if f + 1 < self._store.d_sae else None)
        if f not in order:
            return None, (order[0] if order else None)
        i = list(order).index(f)
        return (order[i - 1] if i > 0 else None), (order[i + 1] if i + 1 < len(order) else None)

    # -- requests from the card ------------------------------------------------------------
    @request
    def card(self, msg: dict[str, Any]) -> dict[str, Any]:
        """The data of one feature: ``{"feature": f}`` -> stats, examples, logits, neighbours."""
        return self._payload(self._store.check_feature(msg["feature"]))

    def _payload(self, f: int) -> dict[str, Any]:
        payload = _carddata.feature_payload(self._store, f, self._annotations)
        payload["prev"], payload["next"] = self._steps(f)
        payload["missing"] = []
        if self._export is not None:
            exported = set(self._export)
            payload["missing"] = [i for i in _carddata.neighbour_ids(payload) if i not in exported]
        return payload

    @request
    def annotate(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Save annotation fields ``{"feature": f, "label"?, "status"?, "tags"?, "note"?}``."""
        if self._annotations is None:
            raise DataError("this card has no Annotations; pass annotations=sw.Annotations(path)")
        f = self._store.check_feature(msg["feature"])
        fields = {k: msg[k] for k in _EDITABLE if k in msg}
        saved = self._annotations.set(self._store, f, **fields)
        self._annotated(f)
        return {"feature": f, "annotation": _carddata.annotation_dict(saved)}

    def _annotated(self, feature: int) -> None:
        """Hook run after the card saved an annotation."""

    # -- export ----------------------------------------------------------------------------
    def _summary(self) -> str:
        from saewidgets.widgets._cardsnapshot import card_summary

        return card_summary(self._store, self.feature, self._label())

    def _snapshot_html(self) -> str:
        from saewidgets.widgets._cardsnapshot import card_snapshot

        return card_snapshot(self._store, self.feature, self.source, self._label())

    def _label(self) -> str | None:
        note = self._annotations.get(self._store, self.feature) if self._annotations else None
        return note.label if note else None

    def to_altair(self) -> alt.HConcatChart:
        """A static altair figure of the shown feature: header stats in the title, activation
        histogram and top/bottom logit weights side by side (save to PNG/SVG with vl-convert)."""
        from saewidgets.widgets._figures import card_chart

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
            chosen = [shown, *_carddata.neighbour_ids({"neighbours": payload})]
        else:
            chosen = [self._store.check_feature(f) for f in features]
        if self.feature not in chosen:
            chosen.insert(0, self.feature)
        self._export = list(dict.fromkeys(chosen))
        try:
            return super().to_html(path, title=title or f"Feature {self.feature}")
        finally:
            self._export = None

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        return [("card", {"feature": f}) for f in self._export or [self.feature]]
