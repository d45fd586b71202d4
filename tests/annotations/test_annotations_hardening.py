"""Annotations: feature ids within the store's range, encodings of imported files, read-only
files opened for reading, and only ASCII digits taken as feature ids."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest

import saewidgets as sw


class _Store:
    """Stands in for a FeatureStore: annotations use only ``sae_id`` and ``d_sae``."""

    sae_id = "tiny/blocks.0.hook_resid_post/abc"
    d_sae = 10


STORE = _Store()


def test_set_refuses_features_outside_the_store(tmp_path):
    ann = sw.Annotations(tmp_path / "a.db")
    ann.set(STORE, 9, label="last")
    ann.set(STORE, np.int64(0), label="first")
    for bad in (10, 10**6):
        with pytest.raises(sw.FeatureIndexError, match=r"0\.\.9"):
            ann.set(STORE, bad, label="x")
    for bad in (True, 2.0, "3", np.float64(1)):
        with pytest.raises(sw.FeatureIndexError, match="integer"):
            ann.set(STORE, bad, label="x")
    assert ann.count(STORE) == 2


def test_set_with_a_real_store(small_store, tmp_path):
    ann = sw.Annotations(tmp_path / "a.db")
    with pytest.raises(sw.FeatureIndexError, match=f"0..{small_store.d_sae - 1}"):
        ann.set(small_store, small_store.d_sae, label="x")


def test_imports_refuse_features_outside_the_store_and_write_nothing(tmp_path):
    ann = sw.Annotations(tmp_path / "a.db")
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("feature,label\n3,ok\n12,too far\n", "utf-8")
    with pytest.raises(sw.FeatureIndexError, match="12 is out of range"):
        ann.import_csv(STORE, csv_path)
    json_path = tmp_path / "in.json"
    json_path.write_text(json.dumps([{"feature": 1, "label": "a"}, {"feature": 10}]), "utf-8")
    with pytest.raises(sw.FeatureIndexError, match="item 1.*out of range"):
        ann.import_json(STORE, json_path)
    assert ann.count(STORE) == 0


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_csv_and_json_in_utf8_with_or_without_bom(tmp_path, bom):
    ann = sw.Annotations(tmp_path / "a.db")
    (tmp_path / "in.csv").write_bytes(bom + "feature,label\n3,café ☕\n".encode())
    (tmp_path / "in.json").write_bytes(
        bom + json.dumps([{"feature": 4, "label": "naïve"}]).encode()
    )
    ann.import_csv(STORE, tmp_path / "in.csv")
    ann.import_json(STORE, tmp_path / "in.json")
    assert ann.labels(STORE) == {3: "café ☕", 4: "naïve"}


@pytest.mark.parametrize(
    ("encoding", "message"),
    [("cp1252", "not UTF-8.*Windows-1252"), ("utf-16", "UTF-16"), ("latin-1", "not UTF-8")],
)
@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_other_encodings_are_named(tmp_path, encoding, message, suffix):
    ann = sw.Annotations(tmp_path / "a.db")
    path = tmp_path / f"in{suffix}"
    text = (
        "feature,label\n3,café\n"
        if suffix == ".csv"
        else json.dumps([{"feature": 3, "label": "café"}], ensure_ascii=False)
    )
    path.write_bytes(text.encode(encoding))
    with pytest.raises(sw.AnnotationError, match=message):
        (ann.import_csv if suffix == ".csv" else ann.import_json)(STORE, path)
    assert ann.count(STORE) == 0


@pytest.mark.parametrize("digits", ["١٢", "３", "²", "৫"])
def test_non_ascii_digits_are_not_feature_ids(tmp_path, digits):
    ann = sw.Annotations(tmp_path / "a.db")
    path = tmp_path / "in.csv"
    path.write_text(f"feature,label\n{digits},x\n", "utf-8")
    assert digits.isdigit() or digits.isnumeric() or digits == "²"
    with pytest.raises(sw.AnnotationError, match="non-negative integer"):
        ann.import_csv(STORE, path)
    assert ann.count(STORE) == 0


def _as_another_user(fn) -> list[str]:
    """Run ``fn`` (returning lines) in a forked child that, when we are root (whom permission
    bits do not stop), first drops to the unprivileged user 65534."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: everything it needs is already imported
        os.close(read)
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            text = "\n".join(fn())
        except BaseException as e:  # report anything to the parent
            text = f"child failed: {type(e).__name__}: {e}"
        os.write(write, text.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        out = f.read()
    os.waitpid(pid, 0)
    return out.splitlines()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_database_opens_for_reading(what):
    root = Path(tempfile.mkdtemp(dir="/tmp"))  # reachable by another user, unlike tmp_path
    try:
        folder = root / "ro"
        folder.mkdir()
        path = folder / "a.db"
        ann = sw.Annotations(path)
        ann.set(STORE.sae_id, 3, label="kept")
        ann.close()
        os.chmod(root, 0o755)
        for p in [path, *folder.glob("a.db-*")]:
            os.chmod(p, 0o444 if what == "file" else 0o644)
        os.chmod(folder, 0o555 if what == "folder" else 0o755)

        def child() -> list[str]:
            ro = sw.Annotations(path)
            lines = [repr(ro.labels(STORE.sae_id))]
            try:
                ro.set(STORE.sae_id, 1, label="new")
                lines.append("written")
            except sw.AnnotationError as e:
                lines.append(f"refused: {e}")
            return lines

        lines = _as_another_user(child)
        assert lines[0] == "{3: 'kept'}", lines
        assert lines[1].startswith("refused:") and "read-only" in lines[1], lines
        assert sw.Annotations(path).labels(STORE.sae_id) == {3: "kept"}
    finally:
        os.chmod(root / "ro", 0o755)
        shutil.rmtree(root)
