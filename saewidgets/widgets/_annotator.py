"""Annotator: keyboard triage of a queue of features; composes a FeatureCard in triage layout."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import anywidget
import numpy as np
import traitlets

from saewidgets._errors import DataError
from saewidgets.widgets._base import SaeWidget, bundle
from saewidgets.widgets._codecs import NDArray
from saewidgets.widgets._featurecard import FeatureCard

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations

#: Largest queue ``to_html`` exports without an explicit ``features`` list.
MAX_EXPORT = 500


def default_queue(store: FeatureStore) -> list[int]:
    """Live (not dead) features, densest first (ties: lower id first)."""
    feats = store.features
    live = feats[~feats["dead"].to_numpy(bool)]
    order = np.lexsort((live.index.to_numpy(), -live["density"].to_numpy()))
    return [int(i) for i in live.index.to_numpy()[order]]


class Annotator(SaeWidget):
    """Triage a queue of features: j/k (or arrows) move, 1-5 set the status, l/Enter edit the
    label, Esc leaves it; every change is saved to the Annotations file at once."""

    _esm = bundle("annotator")

    card = anywidget.WidgetTrait().tag(sync=True)
    """The FeatureCard child in triage layout; next/previous walk the queue."""

    queue = NDArray(ndim=1, default_value=np.zeros(0, np.int32))
    """int32 [n]: the feature ids to review, in order."""

    position = traitlets.Int(0).tag(sync=True)
    """Index in ``queue`` of the shown feature (-1 when the shown feature is not in the queue)."""

    reviewed = traitlets.Int(0).tag(sync=True)
    """How many queued features have a status other than "unreviewed" or a label."""

    feature = traitlets.Int(0)
    """The feature shown (linked to ``card.feature``)."""

    def __init__(
        self,
        store: FeatureStore,
        annotations: Annotations,
        queue: Iterable[int] | None = None,
    ) -> None:
        if annotations is None:
            raise DataError("Annotator needs an Annotations store: sw.Annotations(path)")
        ids = default_queue(store) if queue is None else [store.check_feature(f) for f in queue]
        ids = list(dict.fromkeys(ids))
        if not ids:
            raise DataError("the Annotator's queue is empty")
        card = FeatureCard(store, ids[0], annotations, order=ids)
        card.triage = True
        self._store, self._annotations, self._queue_list = store, annotations, ids
        super().__init__(card=card, queue=np.asarray(ids, np.int32))
        self.feature = ids[0]
        traitlets.link((self, "feature"), (card, "feature"))
        card.service.on_annotated(lambda f: self._count_reviewed())
        self._count_reviewed()

    @property
    def features(self) -> list[int]:
        """The queued feature ids, in order."""
        return list(self._queue_list)

    def _summary(self) -> str:
        return (
            f"Annotator — {self.reviewed:,} / {len(self._queue_list):,} reviewed; "
            f"feature #{self.feature}"
        )

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box

        return box("Annotator", self._summary(), self.card._snapshot_html())

    @traitlets.observe("feature")
    def _on_feature(self, change: dict[str, Any]) -> None:
        queue = getattr(self, "_queue_list", [])
        self.position = queue.index(change["new"]) if change["new"] in queue else -1

    def _count_reviewed(self) -> None:
        table = self._annotations.to_dataframe(self._store)
        table = table[table.index.isin(self._queue_list)]
        done = (table["status"] != "unreviewed") | table["label"].notna()
        self.reviewed = int(done.sum())

    def to_html(
        self,
        path: str | pathlib.Path,
        *,
        features: Sequence[int] | None = None,
        title: str | None = None,
    ) -> pathlib.Path:
        """Write a standalone (read-only) page of ``features`` (default: the queue, when it has
        at most ``MAX_EXPORT`` features)."""
        if features is None and len(self._queue_list) > MAX_EXPORT:
            raise ValueError(
                f"the queue has {len(self._queue_list)} features; pass features=[...] to export "
                f"at most {MAX_EXPORT} (each costs a few kilobytes)"
            )
        with self.card.exporting(self._queue_list if features is None else features):
            return super().to_html(path, title=title or "Annotator")
