"""Export and import (CSV, JSON, Neuronpedia): text kept verbatim, conflicts never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import saewidgets as sw

NASTY = [
    "plain",
    "comma, \"quotes\" and 'single'",
    "line one\nline two\r\nline three",
    "unicode: ünïcødé ∑ 日本語 🧠",
    "</script><img src=x onerror=alert(1)>",
    "=SUM(A1:A2)",
    "NA",
]


@pytest.fixture
def filled(tmp_path: Path) -> sw.Annotations:
    ann = sw.Annotations(tmp_path / "src.db")
    for f, label in enumerate(NASTY):
        ann.set("sae", f, label=label, tags=["a,b", "<b>"], note=label[::-1], author="ada")
    ann.set("sae", 100, status="dead")
    return ann


def _fields(ann: sw.Annotations) -> list[tuple]:
    rows = ann.to_dataframe("sae")[["label", "tags", "status", "note", "author"]]
    rows = rows.astype(object).where(rows.notna(), None)
    return list(rows.itertuples())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_keeps_text_verbatim(filled: sw.Annotations, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"ann.{fmt}"
    getattr(filled, f"export_{fmt}")("sae", out)
    fresh = sw.Annotations(tmp_path / "dst.db")
    report = getattr(fresh, f"import_{fmt}")("sae", out)
    assert (report.added, report.updated, report.unchanged) == (len(NASTY) + 1, 0, 0)
    assert report.conflicts.empty
    assert _fields(fresh) == _fields(filled)
    assert fresh.get("sae", 4).label == "</script><img src=x onerror=alert(1)>"
    again = getattr(fresh, f"import_{fmt}")("sae", out)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(NASTY) + 1)
    assert len(fresh.history("sae", 0)) == 1


def test_csv_written_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "hand.csv"
    path.write_text("\ufefffeature,label,tags,extra\n3,hello,x; y ,ignored\n5,,,\n", "utf-8")
    ann = sw.Annotations(tmp_path / "a.db")
    assert ann.import_csv("sae", path).added == 2
    assert ann.get("sae", 3).tags == ("x", "y") and ann.get("sae", 5).label is None


def test_import_reports_conflicts_and_overwrites_nothing(tmp_path: Path) -> None:
    theirs = sw.Annotations(tmp_path / "theirs.db")
    theirs.set("sae", 1, label="same")
    theirs.set("sae", 2, label="their label", status="dead")
    theirs.set("sae", 3, label="fills our gap", tags=["new"])
    theirs.set("sae", 4, label="brand new")
    theirs.export_json("sae", tmp_path / "theirs.json")
    ours = sw.Annotations(tmp_path / "ours.db")
    ours.set("sae", 1, label="same")
    ours.set("sae", 2, label="our label", status="interpretable", note="keep me")
    ours.set("sae", 3, status="polysemantic")

    report = ours.import_json("sae", tmp_path / "theirs.json")
    assert (report.added, report.updated, report.unchanged) == (1, 1, 1)
    c = report.conflicts
    assert list(c.columns) == ["feature", "field", "ours", "theirs", "resolution"]
    assert sorted(zip(c["feature"], c["field"], c["ours"], c["theirs"], strict=True)) == [
        (2, "label", "our label", "their label"),
        (2, "status", "interpretable", "dead"),
    ]
    assert set(c["resolution"]) == {"unresolved"}
    kept = ours.get("sae", 2)
    assert (kept.label, kept.status, kept.note) == ("our label", "interpretable", "keep me")
    filled = ours.get("sae", 3)
    assert (filled.label, filled.tags, filled.status) == ("fills our gap", ("new",), "polysemantic")

    keep = ours.import_json("sae", tmp_path / "theirs.json", on_conflict="ours")
    assert set(keep.conflicts["resolution"]) == {"ours"} and ours.get("sae", 2) == kept
    take = ours.import_json("sae", tmp_path / "theirs.json", on_conflict="theirs")
    assert take.updated == 1 and set(take.conflicts["resolution"]) == {"theirs"}
    won = ours.get("sae", 2)
    assert (won.label, won.status, won.note) == ("their label", "dead", "keep me")
    assert ours.undo("sae", 2).label == "our label"


def test_failed_import_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("feature,label,status\n1,fine,\n2,bad,great\n", "utf-8")
    ann = sw.Annotations(tmp_path / "a.db")
    with pytest.raises(sw.AnnotationError, match="line 3.*great.*one of"):
        ann.import_csv("sae", path)
    assert ann.count("sae") == 0
    path.write_text("feature,label\n-4,negative\n", "utf-8")
    with pytest.raises(sw.AnnotationError, match="non-negative integer"):
        ann.import_csv("sae", path)


def test_json_of_another_sae_is_refused(filled: sw.Annotations, tmp_path: Path) -> None:
    filled.export_json("sae", tmp_path / "a.json")
    with pytest.raises(sw.AnnotationError, match="holds annotations of SAE 'sae'"):
        sw.Annotations(tmp_path / "b.db").import_json("other-sae", tmp_path / "a.json")


def test_neuronpedia_round_trip(filled: sw.Annotations, tmp_path: Path) -> None:
    out = tmp_path / "np.json"
    filled.export_neuronpedia("sae", out, model_id="gpt2-small", layer="6-res-jb")
    records = json.loads(out.read_text("utf-8"))
    assert len(records) == len(NASTY)  # feature 100 has no label
    assert records[4] == {
        "modelId": "gpt2-small",
        "layer": "6-res-jb",
        "index": "4",
        "description": "</script><img src=x onerror=alert(1)>",
        "typeName": "saewidgets_manual",
        "explanationModelName": None,
    }
    fresh = sw.Annotations(tmp_path / "dst.db")
    assert fresh.import_neuronpedia("sae", out).added == len(NASTY)
    assert fresh.labels("sae") == filled.labels("sae")


def test_neuronpedia_jsonl_with_several_saes(tmp_path: Path) -> None:
    lines = [
        {"modelId": "gpt2-small", "layer": "6-res-jb", "index": "7", "description": "first"},
        {"modelId": "gpt2-small", "layer": "6-res-jb", "index": "7", "description": "second"},
        {"modelId": "gpt2-small", "layer": "8-res-jb", "index": "9", "description": "other layer"},
    ]
    path = tmp_path / "np.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    ann = sw.Annotations(tmp_path / "a.db")
    with pytest.raises(sw.AnnotationError, match="several SAEs.*pass model_id= and layer="):
        ann.import_neuronpedia("sae", path)
    report = ann.import_neuronpedia("sae", path, model_id="gpt2-small", layer="6-res-jb")
    assert report.added == 1 and ann.labels("sae") == {7: "first"}


def test_export_to_missing_folder(filled: sw.Annotations, tmp_path: Path) -> None:
    with pytest.raises(sw.AnnotationError, match="does not exist"):
        filled.export_csv("sae", tmp_path / "no" / "x.csv")
    with pytest.raises(sw.AnnotationError, match="no such file"):
        filled.import_csv("sae", tmp_path / "missing.csv")
