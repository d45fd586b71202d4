"""Exports carry the LLM explanations and their scores, checked against the annotations file:
CSV (each feature's best, escaped for spreadsheets), JSON (every one), the Neuronpedia batches
(the explanation records the neuronpedia package loads, scores in ``explanation-scores.json``)
and the Explorer's standalone HTML (escaped)."""

from __future__ import annotations

import csv
import json
import math

import pandas as pd
import pytest
from neuronpedia.np_explanation import Explanation

import saewidgets as sw
from saewidgets.annotations._io import CSV_COLUMNS, EXPLANATION_COLUMNS
from tests.widgets.test_featurecard import EVIL, exported

FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def ann(small_store, tmp_path):
    """Feature 2: a label and two scored explanations; 5: an explanation alone (a formula);
    7: a label alone."""
    a = sw.Annotations(tmp_path / "ann.db")
    a.set(small_store, 2, label="mine")
    a.set(small_store, 7, label="only a label")
    a.set_explanation(small_store, 2, EVIL, "model-a")
    a.set_explanation_score(small_store, 2, "model-a", "detection", 0.625, 0.5, 16, "judge")
    a.set_explanation(small_store, 2, "digits", "model-b")
    a.set_explanation_score(small_store, 2, "model-b", "detection", 0.875, 0.5, 16, "judge")
    a.set_explanation_score(small_store, 2, "model-b", "fuzz", 0.75, 0.625, 8, "judge")
    a.set_explanation(small_store, 5, FORMULA, "model-a")
    return a


def _number(cell: str) -> float:
    return math.nan if cell == "" else float(cell)


def test_csv_has_each_features_best_explanation_escaped(small_store, ann, tmp_path):
    path = tmp_path / "out.csv"
    ann.export_csv(small_store, path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [*CSV_COLUMNS, *EXPLANATION_COLUMNS]
    by = {int(r[0]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert sorted(by) == [2, 5, 7]
    db = ann.explanations(small_store)
    best = db[(db["feature"] == 2) & (db["model"] == "model-b")].iloc[0]
    assert by[2]["label"] == "mine" and by[2]["explanation"] == "digits"
    for col in ("detection", "detection_baseline", "detection_n", "fuzz", "fuzz_n"):
        assert _number(by[2][col]) == pytest.approx(best[col])
    assert by[5]["label"] == "" and by[5]["explanation"] == "'" + FORMULA  # inert in a sheet
    assert by[5]["detection"] == "" and by[7]["explanation"] == ""
    back = sw.Annotations(tmp_path / "back.db")
    back.import_csv(small_store, path)
    assert back.labels(small_store) == ann.labels(small_store)  # no annotation for 5
    assert back.features(small_store) == [2, 7]


def test_json_has_every_explanation_with_its_scores(small_store, ann, tmp_path):
    path = tmp_path / "out.json"
    ann.export_json(small_store, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    db = ann.explanations(small_store)
    got = {(e["feature"], e["model"]): e for e in doc["explanations"]}
    assert len(got) == len(db) == 3
    assert [e["model"] for e in doc["explanations"] if e["feature"] == 2] == [
        "model-b",
        "model-a",
    ]  # best detection first
    for row in db.itertuples():
        e = got[(row.feature, row.model)]
        assert e["explanation"] == row.explanation
        assert e["created"] == row.created.isoformat()
        for m in ("detection", "fuzz"):
            for col in (m, f"{m}_baseline", f"{m}_n"):
                want = getattr(row, col)
                assert e[col] is None if math.isnan(want) else e[col] == want
    assert isinstance(got[(2, "model-b")]["detection_n"], int)
    back = sw.Annotations(tmp_path / "back.db")
    back.import_json(small_store, path)  # labels and explanations with their scores
    assert back.labels(small_store) == ann.labels(small_store)
    cols = ["feature", "model", "explanation", "detection", "detection_baseline", "fuzz"]
    cols += ["detection_n", "fuzz_n", "fuzz_baseline"]
    pd.testing.assert_frame_equal(back.explanations(small_store)[cols], db[cols])


def test_json_explanations_are_checked_before_anything_is_written(small_store, tmp_path):
    path = tmp_path / "bad.json"
    bad = {"feature": 2, "model": "m", "explanation": "x", "detection": "high"}
    path.write_text(
        json.dumps({"annotations": [{"feature": 1, "label": "a"}], "explanations": [bad]})
    )
    ann = sw.Annotations(tmp_path / "ann.db")
    with pytest.raises(sw.AnnotationError, match="'detection' must be a number"):
        ann.import_json(small_store, path)
    assert ann.labels(small_store) == {}
    bad.update(detection=0.5, feature=10**6)
    path.write_text(json.dumps({"annotations": [], "explanations": [bad]}))
    with pytest.raises(sw.SaeWidgetsError, match="feature 1000000 is out of range"):
        ann.import_json(small_store, path)
    assert len(ann.explanations(small_store)) == 0


def test_neuronpedia_batches_and_scores(small_store, ann, tmp_path):
    paths = small_store.to_neuronpedia(
        tmp_path / "np", model_id="tiny", source="0-res", annotations=ann, features=[2, 5, 7]
    )
    assert [p.name for p in paths] == ["batch-00000.json", "explanation-scores.json"]
    feats = json.loads(paths[0].read_text(encoding="utf-8"))
    texts = {
        (f["index"], e.text, e.explainer_model)
        for f in feats
        for e in (Explanation(**x) for x in f["explanations"] or [])
    }
    assert (2, EVIL, "model-a") in texts and (5, FORMULA, "model-a") in texts
    scores = json.loads(paths[1].read_text(encoding="utf-8"))
    db = ann.explanations(small_store)
    want = [
        (int(r.feature), r.model, r.explanation, m, getattr(r, m), getattr(r, f"{m}_baseline"))
        for r in db.itertuples()
        for m in ("detection", "fuzz")
        if not math.isnan(getattr(r, m))
    ]
    got = [
        (s["index"], s["explainer_model"], s["text"], s["method"], s["value"], s["baseline"])
        for s in scores
    ]
    assert sorted(got) == sorted(want)
    assert all((s["modelId"], s["source"]) == ("tiny", "0-res") for s in scores)


def test_explorer_export_carries_explanations_escaped(small_store, ann, tmp_path):
    path = sw.Explorer(small_store, annotations=ann).to_html(tmp_path / "explorer.html")
    text = path.read_text(encoding="utf-8")
    assert EVIL not in text
    data = exported(path)
    responses = [w.get("responses", {}) for w in data["widgets"].values()]
    cards = [
        r["response"]["value"]
        for resp in responses
        for r in resp.values()
        if isinstance(r.get("response", {}).get("value"), dict)
        and "explanations" in r["response"]["value"]
    ]
    shown = {
        (c["feature"], e["explanation"], e["detection"]) for c in cards for e in c["explanations"]
    }
    assert (
        (2, EVIL, 0.625) in shown and (2, "digits", 0.875) in shown and (5, FORMULA, None) in shown
    )
