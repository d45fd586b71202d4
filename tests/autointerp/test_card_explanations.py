"""The FeatureCard shows stored LLM explanations and their scores; exports carry them, escaped."""

from __future__ import annotations

import json

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
