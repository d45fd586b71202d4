"""Explanations and their scores in the annotations file: beside a person's label, never over it."""

from __future__ import annotations

import pytest

import saewidgets as sw


def test_explanations_sit_beside_labels(tmp_path):
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set("sae-x", 4, label="cats", status="interpretable")
    ann.set_explanation("sae-x", 4, "animals, mostly cats", "m1")
    ann.set_explanation("sae-x", 4, "pets", "m2")
    ann.set_explanation_score("sae-x", 4, "m1", "detection", 0.75, 0.5, 20, "scorer")
    a = ann.get("sae-x", 4)
    assert (a.label, a.status) == ("cats", "interpretable")
    assert len(ann.history("sae-x", 4)) == 1  # explanations are not label changes
    got = ann.explanations("sae-x").set_index("model")
    assert got.loc["m1", "explanation"] == "animals, mostly cats"
    assert (got.loc["m1", "detection"], got.loc["m1", "detection_baseline"]) == (0.75, 0.5)
    assert got.loc["m1", "detection_n"] == 20
    assert got["fuzz"].isna().all() and got.loc["m2", "detection"] != got.loc["m2", "detection"]


def test_a_new_explanation_replaces_the_old_and_drops_its_scores(tmp_path):
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set_explanation("sae-x", 1, "old text", "m")
    ann.set_explanation_score("sae-x", 1, "m", "fuzz", 0.9, 0.6, 10, "scorer")
    ann.set_explanation("sae-x", 1, "old text", "m")  # the same text keeps its scores
    assert ann.explanations("sae-x")["fuzz"].tolist() == [0.9]
    ann.set_explanation("sae-x", 1, "new text", "m")
    got = ann.explanations("sae-x")
    assert got["explanation"].tolist() == ["new text"] and got["fuzz"].isna().all()


def test_bad_explanations_are_refused(tmp_path, small_store):
    ann = sw.Annotations(tmp_path / "ann.db")
    with pytest.raises(sw.AnnotationError, match="non-empty"):
        ann.set_explanation("sae-x", 1, "", "m")
    with pytest.raises(sw.FeatureIndexError, match="out of range"):
        ann.set_explanation(small_store, small_store.d_sae, "text", "m")
    with pytest.raises(sw.AnnotationError, match="method"):
        ann.set_explanation_score("sae-x", 1, "m", "vibes", 0.5, 0.5, 1, "s")
    assert ann.explanations("sae-x").empty
