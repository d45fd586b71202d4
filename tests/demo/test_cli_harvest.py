"""`saewidgets harvest`: the demo model over a text file into a store; bad input exits cleanly."""

from __future__ import annotations

import json

import numpy as np
import pytest

import saewidgets as sw
from saewidgets._cli import _dataset, main


def test_dataset_files(tmp_path):
    (tmp_path / "a.txt").write_text("one line\nstill one\n\n\nsecond doc\n")
    assert list(_dataset(str(tmp_path / "a.txt"))) == ["one line\nstill one", "second doc"]
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "x y"}) + "\n\n" + '{"t": 1}\n')
    rows = _dataset(str(tmp_path / "b.jsonl"))
    assert next(rows) == "x y"
    with pytest.raises(sw.DataError, match="b.jsonl:3 has no string 'text'"):
        next(rows)
    np.save(tmp_path / "t.npy", np.arange(6).reshape(2, 3))
    np.testing.assert_array_equal(_dataset(str(tmp_path / "t.npy")), [[0, 1, 2], [3, 4, 5]])
    assert list(_dataset(str(tmp_path))) == ["one line\nstill one\n\n\nsecond doc\n"]


def test_harvest_command_errors(tmp_path, capsys):
    args = ["harvest", "--model", "gpt2", "--dataset", str(tmp_path / "none.txt")]
    assert main([*args, "--sae", "x", "--out", str(tmp_path / "o")]) == 2
    assert "neither 'demo' nor an existing file" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text("text")
    args[-1] = str(tmp_path / "a.txt")
    assert main([*args, "--out", str(tmp_path / "o")]) == 2
    assert "--sae is required" in capsys.readouterr().err


@pytest.mark.slow
def test_harvest_command_demo_model(tmp_path, capsys):
    text = "\n\n".join(sw.demo_texts()[:40])
    (tmp_path / "docs.txt").write_text(text)
    out = tmp_path / "store"
    cmd = ["harvest", "--model", "demo", "--dataset", str(tmp_path / "docs.txt")]
    cmd += ["--n-tokens", "700", "--out", str(out), "--no-progress"]
    assert main(cmd) == 0
    assert "700 tokens, 4,096 features" in capsys.readouterr().out
    store = sw.FeatureStore.open(out)
    assert store.n_tokens == 700 and store.meta.hook == "blocks.6.hook_resid_post"
    assert main(cmd) == 2
    assert "already exists" in capsys.readouterr().err
