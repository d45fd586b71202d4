"""Annotations store: set/get, history and undo, queries, and clear errors."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import saewidgets as sw
from saewidgets.annotations._db import SCHEMA_VERSION


@dataclass(frozen=True)
class FakeStore:
    sae_id: str


@pytest.fixture
def ann(tmp_path: Path) -> sw.Annotations:
    return sw.Annotations(tmp_path / "ann.db")


def test_set_changes_only_the_fields_passed(ann: sw.Annotations) -> None:
    first = ann.set("sae-a", 3, label="dates", tags=["time", "time", " year "], author="ada")
    assert (first.label, first.tags, first.status, first.note) == (
        "dates",
        ("time", "year"),
        "unreviewed",
        None,
    )
    second = ann.set("sae-a", np.int64(3), status="interpretable", note="checked", author="bob")
    assert second.label == "dates" and second.tags == ("time", "year")
    assert second.status == "interpretable" and second.note == "checked"
    assert second.author == "bob" and second.created == first.created
    assert second.updated > first.updated
    assert ann.get("sae-a", 3) == second
    cleared = ann.set("sae-a", 3, label="", note="")
    assert cleared.label is None and cleared.note is None and cleared.status == "interpretable"


def test_default_author_is_os_user(ann: sw.Annotations) -> None:
    import getpass

    assert ann.set("s", 0, label="x").author == getpass.getuser()


def test_store_objects_and_ids_are_the_same_key_and_saes_never_mix(ann: sw.Annotations) -> None:
    ann.set(FakeStore("sae-a"), 1, label="from a")
    ann.set("sae-b", 1, label="from b")
    assert ann.get("sae-a", 1).label == "from a"
    assert ann.get(FakeStore("sae-b"), 1).label == "from b"
    assert ann.get("sae-c", 1) is None
    assert ann.sae_ids() == ["sae-a", "sae-b"]
    assert ann.labels("sae-a") == {1: "from a"}
    with pytest.raises(sw.AnnotationError, match="sae_id"):
        ann.get(object(), 1)


def test_undo_restores_previous_values_and_history_keeps_every_change(
    ann: sw.Annotations,
) -> None:
    ann.set("s", 7, label="v1", tags=["a"], author="ada")
    ann.set("s", 7, label="v2", status="polysemantic", author="bob")
    ann.set("s", 7, note="n", author="ada")
    assert ann.undo("s", 7, author="cy").note is None
    back = ann.undo("s", 7)
    assert (back.label, back.tags, back.status) == ("v1", ("a",), "unreviewed")
    assert ann.get("s", 7) == back
    assert ann.undo("s", 7) is None  # the first set is undone: no annotation any more
    assert ann.get("s", 7) is None and ann.count("s") == 0
    with pytest.raises(sw.AnnotationError, match="nothing to undo"):
        ann.undo("s", 7)

    h = ann.history("s", 7)
    assert list(h["action"]) == ["set", "set", "set", "undo", "undo", "undo"]
    assert list(h["author"])[:4] == ["ada", "bob", "ada", "cy"]
    changes = list(h["change"])
    assert list(h["undoes"]) == [pd.NA, pd.NA, pd.NA, changes[2], changes[1], changes[0]]
    assert list(h["new_label"][:2]) == ["v1", "v2"]
    assert h["old_label"][1] == "v1" and h["old_tags"][1] == ("a",)
    assert h["old_status"].isna()[0] and h["new_status"].isna()[5]
    assert h["time"].is_monotonic_increasing and str(h["time"].dt.tz) == "UTC"


def test_undo_after_undo_then_set_walks_back_linearly(ann: sw.Annotations) -> None:
    ann.set("s", 1, label="a")
    ann.set("s", 1, label="b")
    ann.undo("s", 1)
    ann.set("s", 1, label="c")
    assert ann.undo("s", 1).label == "a"
    assert ann.undo("s", 1) is None


def test_setting_the_same_values_adds_no_history(ann: sw.Annotations) -> None:
    ann.set("s", 1, label="a")
    ann.set("s", 1, label="a")
    assert len(ann.history("s", 1)) == 1


def test_to_dataframe_joins_with_store_features(ann: sw.Annotations) -> None:
    ann.set("s", 4, label="four", tags=["x"], status="dead")
    ann.set("s", 1, label="one")
    ann.set("other", 2, label="not mine")
    df = ann.to_dataframe("s")
    assert list(df.index) == [1, 4] and df.index.name == "feature"
    assert df.index.dtype == np.int64
    assert list(df.columns) == ["label", "tags", "status", "note", "author", "created", "updated"]
    assert df.loc[4, "tags"] == ("x",) and df.loc[1, "tags"] == ()
    features = pd.DataFrame({"density": np.linspace(0, 1, 6)}, index=pd.RangeIndex(6))
    joined = features.join(df)
    assert len(joined) == 6 and joined.loc[4, "label"] == "four"
    assert joined["label"].isna().sum() == 4
    empty = ann.to_dataframe("nothing")
    assert empty.empty and list(empty.columns) == list(df.columns)


def test_queries(ann: sw.Annotations) -> None:
    ann.set("s", 5, label="Python code", tags=["code"], status="interpretable")
    ann.set("s", 2, label="French", status="interpretable", note="mostly verbs")
    ann.set("s", 9, tags=["code", "maybe"], status="unclear")
    assert ann.features("s") == [2, 5, 9]
    assert ann.features("s", status="interpretable") == [2, 5]
    assert ann.features("s", tag="code") == [5, 9]
    assert ann.features("s", status="unclear", tag="code") == [9]
    assert list(ann.search("s", "CODE").index) == [5, 9]
    assert list(ann.search("s", "verbs").index) == [2]
    assert ann.count("s") == 3 and ann.count("t") == 0
    before = ann.last_change()
    ann.set("s", 2, label="French verbs")
    assert ann.last_change() == before + 1


@pytest.mark.parametrize("bad", [-1, 1.0, "3", True, None, np.float32(2)])
def test_bad_feature_id(ann: sw.Annotations, bad: object) -> None:
    with pytest.raises(sw.FeatureIndexError, match="non-negative integer"):
        ann.set("s", bad, label="x")  # type: ignore[arg-type]


def test_bad_status_lists_the_valid_ones(ann: sw.Annotations) -> None:
    with pytest.raises(sw.AnnotationError, match="unreviewed, interpretable, polysemantic"):
        ann.set("s", 1, status="great")
    with pytest.raises(sw.AnnotationError, match="one of"):
        ann.features("s", status="great")
    assert ann.get("s", 1) is None


@pytest.mark.parametrize("tags", ["one-string", ["ok", ""], ["ok", 3]])
def test_bad_tags(ann: sw.Annotations, tags: object) -> None:
    with pytest.raises(sw.AnnotationError, match="tag"):
        ann.set("s", 1, tags=tags)  # type: ignore[arg-type]


def test_reopen_keeps_data_and_pickles_by_path(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "ann.db"
    with sw.Annotations(path) as ann:
        ann.set("s", 1, label="kept")
    again = pickle.loads(pickle.dumps(sw.Annotations(path)))
    assert again.get("s", 1).label == "kept" and again.path == path
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(sw.AnnotationError, match="does not exist"):
        sw.Annotations(tmp_path / "nope" / "ann.db")


def test_read_only_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root ignores permission bits; /sys refuses new files even to root
        folder = Path("/sys")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    with pytest.raises(sw.AnnotationError, match="writable folder"):
        sw.Annotations(folder / "ann.db")
    assert not (folder / "ann.db").exists()


def test_a_folder_as_path(tmp_path: Path) -> None:
    with pytest.raises(sw.AnnotationError, match="is a folder"):
        sw.Annotations(tmp_path)


def test_corrupt_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ann.db"
    content = b"this is not a database\n" * 100
    path.write_bytes(content)
    with pytest.raises(sw.AnnotationError, match="not a SQLite database.*untouched"):
        sw.Annotations(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.db"]


def test_damaged_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ann.db"
    sw.Annotations(path).close()
    content = path.read_bytes()[:16] + b"\xff" * 200  # valid magic, garbage header and pages
    path.write_bytes(content)
    for p in tmp_path.glob("ann.db-*"):
        p.unlink()
    with pytest.raises(sw.AnnotationError, match="untouched"):
        sw.Annotations(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(sw.AnnotationError, match="not a saewidgets annotations file"):
        sw.Annotations(path)
    assert path.read_bytes() == content


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ann.db"
    ann = sw.Annotations(path)
    ann.set("s", 1, label="from the future")
    ann.close()
    with sqlite3.connect(path) as conn:
        newer = str(SCHEMA_VERSION + 1)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (newer,))
    conn.close()
    content = path.read_bytes()
    with pytest.raises(sw.AnnotationError, match="schema version 2.*upgrade saewidgets"):
        sw.Annotations(path)
    assert path.read_bytes() == content
