"""Ownership: a store records what it consists of (manifest.json); overwrite replaces only a
folder holding exactly that, refuses naming anything else there, and takes only a real bool.
Sentinel files stand for what a user put in the folder: they must survive every refusal."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import torch

import saewidgets as sw
from saewidgets.store._manifest import LEGACY, MANIFEST, is_store_folder


@pytest.fixture()
def tiny(model, sae_dirs, tmp_path):
    """(lens, tokens, a small store at tmp_path / 'old')."""
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 150, (3, 10))
    return lens, toks, sw.harvest(lens, toks, out=tmp_path / "old", progress=False)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_manifest_lists_every_file_the_store_has(tiny):
    _, _, store = tiny
    files = json.loads((store.path / MANIFEST).read_text())["files"]
    on_disk = {str(p.relative_to(store.path)) for p in store.path.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {MANIFEST}
    assert set(files) <= set(LEGACY)  # every name a store writes is known to older stores too
    for rel, entry in files.items():
        assert entry["size"] == (store.path / rel).stat().st_size and len(entry["sha256"]) == 64


@pytest.mark.parametrize("where", ["notes.txt", "record/mine.bin", "sub/data.csv", ".hidden"])
def test_overwrite_refuses_a_store_holding_foreign_files(tiny, where):
    lens, toks, store = tiny
    sentinel = store.path / where
    sentinel.parent.mkdir(exist_ok=True)
    sentinel.write_text("the user's")
    before = _tree(store.path)
    name = where.split("/")[0] + "/" if where.startswith("sub") else where
    with pytest.raises(sw.StoreError, match=f"also holds {name}.*Move those out"):
        sw.harvest(lens, toks[:1], out=store.path, overwrite=True, progress=False)
    with pytest.raises(sw.StoreError, match="also holds"):
        sw.merge_stores([store], store.path, overwrite=True)
    assert _tree(store.path) == before
    sentinel.unlink()  # once it is moved out, the overwrite goes ahead
    if where.startswith("sub"):
        sentinel.parent.rmdir()
    assert sw.harvest(lens, toks[:1], out=store.path, overwrite=True, progress=False).n_tokens == 10


def test_a_copy_of_meta_json_alone_is_not_a_store(tiny, tmp_path):
    lens, toks, store = tiny
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(store.path / "meta.json", mine / "meta.json")
    (mine / "thesis.tex").write_text("years of work")
    before = _tree(mine)
    assert not is_store_folder(mine)
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.harvest(lens, toks, out=mine, overwrite=True, progress=False)
    shutil.copy(store.path / MANIFEST, mine / MANIFEST)  # the manifest too: files still missing
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.merge_stores([store], mine, overwrite=True)
    assert _tree(mine) == {**before, MANIFEST: (store.path / MANIFEST).read_bytes()}


def test_a_store_from_before_manifests_is_replaced_only_without_foreign_files(tiny):
    lens, toks, store = tiny
    (store.path / MANIFEST).unlink()
    (store.path / "keep.me").write_text("x")
    with pytest.raises(sw.StoreError, match="also holds keep.me"):
        sw.harvest(lens, toks[:1], out=store.path, overwrite=True, progress=False)
    (store.path / "keep.me").unlink()
    assert sw.harvest(lens, toks[:1], out=store.path, overwrite=True, progress=False).n_tokens == 10


@pytest.mark.parametrize("flag", [1, "yes", "False", None, 1.0, [True]])
def test_overwrite_must_be_a_bool(tiny, tmp_path, flag):
    lens, toks, store = tiny
    before = _tree(store.path)
    with pytest.raises(sw.ArgumentError, match="overwrite must be True or False"):
        sw.harvest(lens, toks, out=store.path, overwrite=flag, progress=False)
    with pytest.raises(sw.ArgumentError, match="overwrite must be True or False"):
        sw.merge_stores([store], tmp_path / "new", overwrite=flag)
    assert _tree(store.path) == before and not (tmp_path / "new").exists()


def test_store_folders_follow_the_umask(tiny, tmp_path):
    lens, toks, _ = tiny
    for mask, mode in ((0o022, 0o755), (0o077, 0o700), (0o002, 0o775)):
        old = os.umask(mask)
        try:
            store = sw.harvest(lens, toks, out=tmp_path / f"m{mask:o}", progress=False)
        finally:
            os.umask(old)
        assert store.path.stat().st_mode & 0o777 == mode
        assert (store.path / "record").stat().st_mode & 0o777 == mode
        assert (store.path / "meta.json").stat().st_mode & 0o777 == mode & 0o666


def test_out_tilde_is_the_home_folder(tiny, tmp_path, monkeypatch):
    lens, toks, _ = tiny
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    (home / "diary.txt").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.harvest(lens, toks, out="~", overwrite=True, progress=False)
    store = sw.harvest(lens, toks, out="~/st", progress=False)
    assert store.path == home / "st" and sw.FeatureStore.open("~/st").n_tokens == 30
    assert os.listdir(work) == [] and (home / "diary.txt").read_text() == "mine"
