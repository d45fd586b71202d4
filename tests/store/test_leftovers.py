"""Leftovers: stale temporary folders are matched by their marker and exact name (never as a
glob), shard folders of a killed distributed run are tidied by the next run."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch

import saewidgets as sw
from saewidgets.store._write import MARKER, clean_stale_temps


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _temp(parent: Path, entry: str, target: str | None) -> Path:
    path = parent / entry
    path.mkdir()
    (path / "tokens.bin").write_bytes(b"\0" * 8)
    owner = {"pid": _dead_pid(), "host": socket.gethostname()}
    if target is not None:
        owner["target"] = target
    (path / MARKER).write_text(json.dumps(owner))
    return path


@pytest.mark.parametrize("name", ["st*", "s?", "[s]t", "st"])
def test_another_stores_temp_folder_is_never_taken_for_ours(tmp_path, name):
    others = [
        _temp(tmp_path, ".stx.tmp-abcd1234", "stx"),  # a glob would match it for st* and s?
        _temp(tmp_path, ".st.tmp-x.tmp-abcd1234", "st.tmp-x"),  # prefix ".st.tmp-" too
        _temp(tmp_path, ".st.tmp-y.tmp-old99", None),  # an old marker without a target
    ]
    mine = _temp(tmp_path, f".{name}.tmp-0123abcd", name)
    with pytest.warns(UserWarning, match="removed"):
        assert clean_stale_temps(tmp_path, name) == [mine]
    assert all(p.is_dir() for p in others) and not mine.exists()


def test_shard_folder_of_a_killed_run_is_tidied_by_the_next(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    shards = _temp(tmp_path, ".out.shards-1a2b3c4d", "out")
    (shards / "rank-1").mkdir()
    other = _temp(tmp_path, ".out2.shards-1a2b3c4d", "out2")
    with pytest.warns(UserWarning, match=r"\.out\.shards-1a2b3c4d \(removed\)"):
        sw.harvest(lens, torch.randint(2, 150, (2, 8)), out=tmp_path / "out", progress=False)
    assert not shards.exists() and other.is_dir()
