"""Stores are keyed by model weights and vocabulary, not the model's name; merges check it all."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.models._fingerprint import model_fingerprint
from tests import helpers

TOKS = torch.randint(2, 250, (30, 24), generator=torch.Generator().manual_seed(3))


@pytest.fixture(scope="module")
def lenses(tokenizer, model, sae_dirs):
    """Two Lenses whose models share a name ("tiny-test") but not their weights."""
    twin = helpers.build_model(tokenizer, seed=1)
    assert twin.cfg.model_name == model.cfg.model_name
    return sw.Lens(model, sae_dirs["standard"]), sw.Lens(twin, sae_dirs["standard"])


@pytest.fixture(scope="module")
def shards(lenses, tmp_path_factory):
    lens = lenses[0]
    root = tmp_path_factory.mktemp("shards")
    whole = sw.harvest(lens, TOKS, batch_size=8, top_k=5, out=root / "whole", progress=False)
    parts = [
        sw.harvest(lens, TOKS[a:b], batch_size=4, top_k=5, out=root / f"p{a}", progress=False)
        for a, b in ((0, 7), (7, 8), (8, 21), (21, 30))
    ]
    return whole, parts


def test_fingerprint_sees_weights_and_vocabulary(lenses, model):
    a, b = lenses
    assert a.model_fingerprint != b.model_fingerprint
    assert a.sae_id != b.sae_id and a.model_name == b.model_name
    vocab = a.vocab()
    assert model_fingerprint(model, vocab) == a.model_fingerprint
    other = [*vocab[:-1], vocab[-1] + "x"]
    assert model_fingerprint(model, other) != a.model_fingerprint


def test_check_lens_and_explorer_refuse_a_same_named_model(lenses, shards):
    a, b = lenses
    store = shards[0]
    sw.FeatureStore.open(store.path, lens=a)
    with pytest.raises(sw.StoreError, match="same name, other weights"):
        sw.FeatureStore.open(store.path, lens=b)
    with pytest.raises(sw.StoreError, match="same name, other weights"):
        sw.Explorer(store, lens=b)


def test_annotations_do_not_leak_between_same_named_models(lenses, shards, tmp_path):
    a, b = lenses
    notes = sw.Annotations(tmp_path / "notes.db")
    notes.set(shards[0], 3, label="from model a")
    assert shards[0].sae_id == a.sae_id
    assert notes.get(a, 3) is not None and notes.get(a, 3).label == "from model a"
    assert notes.get(b, 3) is None


def test_merging_three_and_more_shards_equals_the_whole(shards, tmp_path):
    whole, parts = shards
    merged = sw.merge_stores(parts, tmp_path / "merged")
    assert merged.n_tokens == whole.n_tokens and merged.meta.n_seq == whole.meta.n_seq
    assert merged.meta.dataset_fingerprint == whole.meta.dataset_fingerprint
    assert merged.meta.model_fingerprint == whole.meta.model_fingerprint
    np.testing.assert_array_equal(merged.tokens, whole.tokens)
    for key in ("count", "hist", "top_val", "top_tok", "max"):
        np.testing.assert_array_equal(merged.accumulators[key], whole.accumulators[key])
    for f in range(whole.d_sae):
        for x, y in zip(merged.record.feature(f), whole.record.feature(f), strict=True):
            np.testing.assert_array_equal(x, y)
    f = int(whole.features["count"].idxmax())
    assert merged.top_examples(f).equals(whole.top_examples(f))
    # merging merged stores again (3 shards, one itself a merge) gives the same
    ab = sw.merge_stores(parts[:2], tmp_path / "ab")
    again = sw.merge_stores([ab, parts[2], parts[3]], tmp_path / "again")
    np.testing.assert_array_equal(again.accumulators["top_tok"], whole.accumulators["top_tok"])


def test_merge_errors(lenses, shards, model, tmp_path):
    a, b = lenses
    whole, parts = shards
    with pytest.raises(sw.StoreError, match="same tokens.*itself"):
        sw.merge_stores([parts[0], parts[0]], tmp_path / "m1")
    copy = tmp_path / "copy"
    shutil.copytree(parts[1].path, copy)
    with pytest.raises(sw.StoreError, match="same tokens"):
        sw.merge_stores([parts[0], parts[1], copy], tmp_path / "m2")
    twin = sw.harvest(b, TOKS[:5], top_k=5, out=tmp_path / "twin", progress=False)
    with pytest.raises(sw.StoreError, match="model weights or vocabulary differ"):
        sw.merge_stores([parts[0], twin], tmp_path / "m3")
    k3 = sw.harvest(a, TOKS[:5], top_k=3, out=tmp_path / "k3", progress=False)
    with pytest.raises(sw.StoreError, match="top_k differ"):
        sw.merge_stores([parts[0], k3], tmp_path / "m4")
    other_sae = sw.Lens(model, helpers.write_sae(tmp_path / "sae2", seed=9))
    s2 = sw.harvest(other_sae, TOKS[:5], top_k=5, out=tmp_path / "s2", progress=False)
    with pytest.raises(sw.StoreError, match="differ"):
        sw.merge_stores([parts[0], s2], tmp_path / "m5")
    with pytest.raises(sw.StoreError, match="at least one"):
        sw.merge_stores([], tmp_path / "m6")
    with pytest.raises(sw.StoreError, match="list of stores"):
        sw.merge_stores(parts[0].path, tmp_path / "m7")
    with pytest.raises(sw.StoreError, match="already exists"):
        sw.merge_stores(parts[:2], whole.path)
    assert not any((tmp_path / f"m{i}").exists() for i in range(1, 8))
