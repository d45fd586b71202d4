"""Annotation exports a spreadsheet cannot run (OWASP CSV injection), reads that refuse what
they cannot know (out-of-range ids, unknown export versions), failed writes that leave no
temporary file."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

import saewidgets as sw
from saewidgets.annotations import _io

FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "'plain",
    "a=b, not a formula",
]


def test_export_csv_escapes_formulas_and_import_gives_them_back(tmp_path: Path) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    for f, text in enumerate(FORMULAS):
        ann.set("sae", f, label=text, note=text, author=text)
    ann.export_csv("sae", tmp_path / "out.csv")
    raw = (tmp_path / "out.csv").read_bytes().decode("utf-8")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, text in zip(rows, FORMULAS, strict=True):
        for field in ("label", "note", "author"):
            cell = row[field]
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert cell == ("'" + text if text[0] in "=+-@\t\r'" else text)
            assert f'"{cell}"' in raw.replace('""', '"')  # every cell is quoted
    back = sw.Annotations(tmp_path / "b.db")
    back.import_csv("sae", tmp_path / "out.csv")
    assert [back.get("sae", f).label for f in range(len(FORMULAS))] == FORMULAS
    assert [back.get("sae", f).note for f in range(len(FORMULAS))] == FORMULAS


@pytest.mark.parametrize("feature", [96, 10**6])
def test_reads_of_an_out_of_range_feature_are_refused(tmp_path: Path, feature: int) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    store = SimpleNamespace(sae_id="sae", d_sae=96)
    ann.set(store, 95, label="last")
    for read in (ann.get, ann.history, ann.undo):
        with pytest.raises(sw.FeatureIndexError, match=f"feature {feature} is out of range.*0..95"):
            read(store, feature)
    assert ann.get(store, 95).label == "last"


@pytest.mark.parametrize(
    "head",
    [{"version": 2}, {"version": "1"}, {"version": True}, {"format": "other.tool", "version": 1}],
)
def test_import_json_refuses_an_unknown_version(tmp_path: Path, head: dict) -> None:
    doc = {"format": _io.JSON_FORMAT, "sae_id": "sae", **head}
    doc["annotations"] = [{"feature": 1, "label": "x"}]
    (tmp_path / "in.json").write_text(json.dumps(doc))
    ann = sw.Annotations(tmp_path / "a.db")
    with pytest.raises(sw.AnnotationError, match="version .* is not a saewidgets annotations"):
        ann.import_json("sae", tmp_path / "in.json")
    assert ann.get("sae", 1) is None


def test_a_failed_csv_export_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    ann.set("sae", 1, label="x" * 1000)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.csv").write_text("old")
    real_close = _io._atomic.__exit__

    def full_disk(self, *exc):  # the last flush fails, as on a full disk
        self.file.write = None
        self.file.close = lambda: (_ for _ in ()).throw(OSError(28, "No space left on device"))
        return real_close(self, *exc)

    monkeypatch.setattr(_io._atomic, "__exit__", full_disk)
    with pytest.raises(OSError, match="No space"):
        ann.export_csv("sae", tmp_path / "out" / "keep.csv")
    monkeypatch.undo()
    with pytest.raises(IsADirectoryError):  # os.replace onto a folder fails after writing
        ann.export_csv("sae", tmp_path / "out")
    assert os.listdir(tmp_path / "out") == ["keep.csv"]
    assert (tmp_path / "out" / "keep.csv").read_text() == "old"
    assert [n for n in os.listdir(tmp_path) if n.startswith(".out")] == []  # the 2nd temp file


def test_a_failed_neuronpedia_batch_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch):
    from saewidgets.analysis import _neuronpedia

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_neuronpedia.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        _neuronpedia._write_json(tmp_path / "batch-00000.json", [{"index": 1}])
    assert os.listdir(tmp_path) == []
