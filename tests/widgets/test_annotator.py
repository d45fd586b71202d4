"""Annotator: the queue, navigation along it, progress and saving through the card's requests."""

from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets import _annotator
from saewidgets.widgets._annotator import default_queue
from tests.widgets.test_featurecard import call, exported


@pytest.fixture
def ann(tmp_path) -> sw.Annotations:
    return sw.Annotations(tmp_path / "ann.db")


def test_default_queue_is_live_features_by_descending_density(small_store, ann) -> None:
    feats = small_store.features
    expected = sorted(
        (f for f in feats.index if not feats.loc[f, "dead"]),
        key=lambda f: (-feats.loc[f, "density"], f),
    )
    assert default_queue(small_store) == expected
    tool = sw.Annotator(small_store, ann)
    assert tool.queue.tolist() == expected and tool.feature == expected[0]
    assert tool.position == 0 and tool.reviewed == 0


def test_a_selection_list_is_the_queue(small_store, ann) -> None:
    tool = sw.Annotator(small_store, ann, queue=[7, 3, 7, np.int64(12)])
    assert tool.features == [7, 3, 12] and tool.queue.dtype == np.int32
    assert isinstance(tool.card, sw.FeatureCard) and tool.card.triage
    first = call(tool.card, "card", {"feature": 7})
    assert (first["prev"], first["next"]) == (None, 3)
    assert (call(tool.card, "card", {"feature": 12})["next"]) is None
    tool.feature = 3
    assert tool.position == 1 and tool.card.feature == 3
    tool.card.feature = 50  # opened from a neighbour list: outside the queue
    assert tool.position == -1 and tool.feature == 50
    off = call(tool.card, "card", {"feature": 50})
    assert (off["prev"], off["next"]) == (3, 12)  # resumes where the queue was left


def test_bad_queues_and_missing_annotations_are_refused(small_store, ann) -> None:
    with pytest.raises(sw.FeatureIndexError):
        sw.Annotator(small_store, ann, queue=[1, small_store.d_sae])
    with pytest.raises(sw.DataError, match="empty"):
        sw.Annotator(small_store, ann, queue=[])
    with pytest.raises(sw.DataError, match="Annotations"):
        sw.Annotator(small_store, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sw.Annotator(small_store, ann, queue=[1], sort="density")  # type: ignore[call-arg]


def test_saving_updates_sqlite_and_progress(small_store, ann, tmp_path) -> None:
    tool = sw.Annotator(small_store, ann, queue=[4, 5, 6])
    call(tool.card, "annotate", {"feature": 4, "status": "interpretable"})
    assert tool.reviewed == 1
    call(tool.card, "annotate", {"feature": 5, "label": "quotes"})
    assert tool.reviewed == 2
    call(tool.card, "annotate", {"feature": 9, "status": "dead"})  # not queued: no progress
    assert tool.reviewed == 2
    assert ann.get(small_store, 4).status == "interpretable"
    assert ann.get(small_store, 5).label == "quotes"
    again = sw.Annotator(small_store, sw.Annotations(tmp_path / "ann.db"), queue=[4, 5, 6])
    assert again.reviewed == 2  # read back from the file


def test_export_holds_the_queue(small_store, ann, tmp_path, monkeypatch) -> None:
    tool = sw.Annotator(small_store, ann, queue=[4, 5, 6])
    payload = exported(tool.to_html(tmp_path / "a.html"))
    cards = payload["widgets"][tool.card.model_id]["responses"]
    assert len(cards) == 3 + 1 and payload["state"]["reviewed"] == 0  # + "exported"
    assert payload["state"]["card"] == f"anywidget:{tool.card.model_id}"
    monkeypatch.setattr(_annotator, "MAX_EXPORT", 2)
    big = sw.Annotator(small_store, ann, queue=[0, 1, 2])
    with pytest.raises(ValueError, match="features="):
        big.to_html(tmp_path / "b.html")
    payload = exported(big.to_html(tmp_path / "c.html", features=[0, 1]))
    assert len(payload["widgets"][big.card.model_id]["responses"]) == 2 + 1  # + "exported"
