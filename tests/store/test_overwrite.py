"""Overwriting a store: only a store is ever replaced, atomically; stale temp folders of ours go."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

import saewidgets as sw
from saewidgets.store._write import MARKER


@pytest.fixture()
def tiny(model, sae_dirs, tmp_path):
    """(lens, tokens, an existing small store at tmp_path / 'old')."""
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 150, (3, 10))
    store = sw.harvest(lens, toks, out=tmp_path / "old", progress=False)
    return lens, toks, store


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_user_folder_is_never_replaced(tiny, tmp_path):
    lens, toks, store = tiny
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "thesis.tex").write_text("years of work")
    (mine / "sub" / "data.csv").write_text("1,2")
    before = _tree(mine)
    with pytest.raises(sw.StoreError, match="not a FeatureStore.*another out folder"):
        sw.harvest(lens, toks, out=mine, overwrite=True, progress=False)
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.merge_stores([store], mine, overwrite=True)
    assert _tree(mine) == before
    (mine / "meta.json").write_text('{"hello": 1}')  # some other program's meta.json
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.harvest(lens, toks, out=mine, overwrite=True, progress=False)
    afile = tmp_path / "notes.txt"
    afile.write_text("keep")
    with pytest.raises(sw.StoreError, match="not a FeatureStore"):
        sw.harvest(lens, toks, out=afile, overwrite=True, progress=False)
    assert afile.read_text() == "keep"


@pytest.mark.parametrize("out", ["", ".", "./"])
def test_working_directory_is_refused(tiny, tmp_path, monkeypatch, out):
    lens, toks, _ = tiny
    work = tmp_path / "work"
    work.mkdir()
    (work / "keep.txt").write_text("x")
    monkeypatch.chdir(work)
    with pytest.raises(sw.StoreError, match="working directory"):
        sw.harvest(lens, toks, out=out, overwrite=True, progress=False)
    assert sorted(os.listdir(work)) == ["keep.txt"]


def test_overwrite_replaces_a_store_and_leaves_no_temp(tiny, tmp_path):
    lens, toks, store = tiny
    new = sw.harvest(lens, toks[:2], out=store.path, overwrite=True, progress=False)
    assert new.n_tokens == 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]
    assert not (store.path / MARKER).exists()


def _stale_temp(parent: Path, name: str, pid: int, host: str | None = None) -> Path:
    import socket

    path = parent / f".{name}.tmp-stale{pid}"
    path.mkdir()
    (path / "tokens.bin").write_bytes(b"\0" * 8)
    owner = {"pid": pid, "host": host or socket.gethostname()}
    (path / MARKER).write_text(json.dumps(owner))
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temps_of_ours_are_cleaned_and_nothing_else(tiny, tmp_path):
    lens, toks, _ = tiny
    stale = _stale_temp(tmp_path, "new", _dead_pid())
    live = _stale_temp(tmp_path, "new", os.getpid())  # a harvest still running
    other_host = _stale_temp(tmp_path, "new", _dead_pid(), host="elsewhere")
    foreign = tmp_path / ".new.tmp-user"  # same pattern, but not ours: no marker
    foreign.mkdir()
    (foreign / "x").write_text("mine")
    with pytest.warns(UserWarning, match=r"interrupted saewidgets write.*removed"):
        sw.harvest(lens, toks, out=tmp_path / "new", progress=False)
    assert not stale.exists()
    assert live.exists() and other_host.exists()
    assert (foreign / "x").read_text() == "mine"


def test_failed_overwrite_keeps_the_old_store_and_says_so(tiny, tmp_path):
    lens, _, store = tiny
    with pytest.raises(sw.DataError) as info:
        sw.harvest(lens, [], out=store.path, overwrite=True, progress=False)
    if sys.version_info >= (3, 11):  # the note needs BaseException.add_note
        assert any("removed the partial output" in n for n in info.value.__notes__)
    assert sw.FeatureStore.open(store.path).n_tokens == 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]


_KILLED = """
import sys, time
from pathlib import Path
import saewidgets as sw
from saewidgets.harvesting import _merge
from saewidgets.store import _write

src, out, where = sys.argv[1], sys.argv[2], sys.argv[3]
flag = Path(out + ".reached")

def stall(*a, **k):
    flag.write_text("x")
    time.sleep(120)

if where == "fill":
    _merge.finish_store = stall            # mid-way through writing the new store
else:
    _write.shutil.rmtree = stall           # new store swapped in, old one not yet deleted
sw.merge_stores([src], out, overwrite=True)
"""


@pytest.mark.parametrize("where", ["fill", "after_swap"])
def test_kill_9_mid_overwrite_leaves_a_readable_store(small_store, tiny, tmp_path, where):
    src = small_store
    _, _, old = tiny
    before = old.top_examples(int(old.features["count"].idxmax()), n=3)
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(src.path), str(old.path), where])
    flag = Path(str(old.path) + ".reached")
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "child never got there"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    flag.unlink()
    reopened = sw.FeatureStore.open(old.path)
    if where == "fill":
        assert reopened.n_tokens == 30
        f = int(reopened.features["count"].idxmax())
        assert reopened.top_examples(f, n=3).equals(before)
    else:
        assert reopened.n_tokens == src.n_tokens
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".old.tmp-")]
    assert len(leftovers) == 1
    with pytest.warns(UserWarning, match="interrupted saewidgets write"):
        sw.merge_stores([src], old.path, overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old"]
