"""FeatureStore on disk: reopening without torch, mismatches, atomic writes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch

import saewidgets as sw
from tests import helpers


def test_reopens_without_torch(harvested):
    _, store, _ = harvested["standard"]
    code = f"""
import sys
import saewidgets as sw
s = sw.FeatureStore.open({str(store.path)!r})
f = int(s.features["count"].idxmax())
assert len(s.top_examples(f, n=3)) == 3
s.quantile_examples(f); s.histogram(f); s.logit_weights(f); s.neighbours(f, by="cooccurrence")
s.geometry([0, 1, f]); s.geometry_grid(progress=False)
heavy = set(sys.modules) & set(["torch", "anywidget", "ipywidgets", "traitlets"])
assert not heavy, "reading a store must not import " + str(sorted(heavy))
print(s.d_sae, s.n_tokens)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(store.d_sae), str(store.n_tokens)]


def test_store_checks_its_lens(harvested, model, tmp_path):
    lens, store, _ = harvested["standard"]
    sw.FeatureStore.open(store.path, lens=lens)
    other = sw.Lens(model, helpers.write_sae(tmp_path / "other", seed=7))
    with pytest.raises(sw.StoreError, match="SAE weights differ"):
        sw.FeatureStore.open(store.path, lens=other)


def test_missing_corrupt_and_newer_meta(harvested, tmp_path):
    with pytest.raises(sw.StoreError, match="no meta.json"):
        sw.FeatureStore.open(tmp_path)
    (tmp_path / "meta.json").write_text("{not json")
    with pytest.raises(sw.StoreError, match="corrupt"):
        sw.FeatureStore.open(tmp_path)
    meta = json.loads((harvested["topk"][1].path / "meta.json").read_text())
    meta["format_version"] = 99
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(sw.StoreError, match="Upgrade saewidgets"):
        sw.FeatureStore.open(tmp_path)


def test_feature_out_of_range(harvested):
    _, store, _ = harvested["topk"]
    for bad in (store.d_sae, -1):
        with pytest.raises(sw.FeatureIndexError, match=f"0..{store.d_sae - 1}"):
            store.top_examples(bad)
    with pytest.raises(sw.FeatureIndexError):
        store.neighbours(1.5)
    with pytest.raises(sw.FeatureIndexError):
        store.geometry([0, 10_000])


def test_failed_harvest_leaves_nothing(tokenizer, sae_dirs, tmp_path):
    broken = helpers.build_model(tokenizer)
    with torch.no_grad():
        broken.W_E[200:] = float("inf")
    lens = sw.Lens(broken, sae_dirs["standard"])
    toks = torch.randint(2, 150, (12, 10))
    toks[9, 3] = 220  # only batch 2 (rows 8..11) meets the broken embedding
    with pytest.raises(sw.ActivationError, match="batch 2"):
        sw.harvest(lens, toks, batch_size=4, out=tmp_path / "s", progress=False)
    assert list(tmp_path.iterdir()) == []


def test_bad_data(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    with pytest.raises(sw.DataError, match="empty"):
        sw.harvest(lens, [], out=tmp_path / "a", progress=False)
    with pytest.raises(sw.DataError, match="empty"):
        sw.harvest(lens, ["", ""], out=tmp_path / "b", progress=False)
    with pytest.raises(sw.DataError, match="context"):
        sw.harvest(
            lens, torch.zeros((2, 100), dtype=torch.long), out=tmp_path / "c", progress=False
        )
    with pytest.raises(sw.DataError, match="integer"):
        sw.harvest(lens, torch.zeros((2, 10)), out=tmp_path / "d", progress=False)
    with pytest.raises(sw.DataError, match="list of strings"):
        sw.harvest(lens, "just a string", out=tmp_path / "e", progress=False)


def test_existing_out_needs_overwrite(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 150, (3, 10))
    sw.harvest(lens, toks, out=tmp_path / "s", progress=False)
    with pytest.raises(sw.StoreError, match="overwrite=True"):
        sw.harvest(lens, toks, out=tmp_path / "s", progress=False)
    store = sw.harvest(lens, toks[:2], out=tmp_path / "s", overwrite=True, progress=False)
    assert store.n_tokens == 20
