"""The FeatureCard shows stored LLM explanations and their scores; exports carry them, escaped."""

from __future__ import annotations

import json

import numpy as np
import pytest

import saewidgets as sw
from tests.widgets.test_featurecard import EVIL, busiest, call, exported


def test_card_and_export_carry_the_explanation_and_scores(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "ann.db")
    f = busiest(small_store)
    ann.set(small_store, f, label="mine")
    ann.set_explanation(small_store, f, EVIL, "model-a")
    ann.set_explanation(small_store, f, "second opinion", "model-b")
    ann.set_explanation_score(small_store, f, "model-b", "detection", 0.8, 0.6, 20, "judge")
    card = sw.FeatureCard(small_store, f, annotations=ann)
    p = call(card, "card", {"feature": f})
    assert p["annotation"]["label"] == "mine"
    best, other = p["explanations"]  # the scored one first
    assert best == {
        "model": "model-b",
        "explanation": "second opinion",
        "detection": 0.8,
        "detection_baseline": 0.6,
        "detection_n": 20.0,
        "fuzz": None,
        "fuzz_baseline": None,
        "fuzz_n": None,
    }
    assert other["explanation"] == EVIL and other["detection"] is None
    path = card.to_html(tmp_path / "card.html")
    assert EVIL not in path.read_text(encoding="utf-8")
    assert EVIL in json.dumps(exported(path)["responses"])
    assert call(sw.FeatureCard(small_store, f), "card", {"feature": f})["explanations"] == []


def test_map_colours_by_the_best_score(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "ann.db")
    for f, model, value in [(2, "a", 0.6), (2, "b", 0.9), (5, "a", 0.4)]:
        ann.set_explanation(small_store, f, f"text {model}", model)
        ann.set_explanation_score(small_store, f, model, "fuzz", value, 0.5, 10, "judge")
    view = sw.FeatureMap(small_store, color="fuzz", annotations=ann)
    values = dict(zip(view.ids.tolist(), view.values("fuzz").tolist(), strict=True))
    assert values[2] == pytest.approx(0.9) and values[5] == pytest.approx(0.4)
    others = [v for f, v in values.items() if f not in (2, 5)]
    assert np.isnan(others).all()
    with pytest.raises(sw.DataError, match="needs a FeatureStore and the Annotations"):
        sw.FeatureMap(small_store, color="detection")
