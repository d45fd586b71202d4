"""The demo's second harvest replays the first one's model pass and gets the same store."""

from __future__ import annotations

import numpy as np

import saewidgets as sw
from saewidgets.demo._replay import ReplayingAdapter


def test_replayed_harvest_equals_a_fresh_one(model, sae_dirs, texts, tmp_path) -> None:
    adapter = ReplayingAdapter(model)
    first = sw.Lens(adapter, sae_dirs["standard"])
    with adapter.keeping():
        sw.harvest(first, texts, n_tokens=2000, out=tmp_path / "a", progress=False)
    other = sw.Lens(adapter, sae_dirs["topk"])
    with adapter.replaying():
        replayed = sw.harvest(other, texts, n_tokens=2000, out=tmp_path / "b", progress=False)
    assert adapter.replayed > 0 and not adapter._kept  # given back, then dropped
    fresh = sw.harvest(
        sw.Lens(model, sae_dirs["topk"]), texts, n_tokens=2000, out=tmp_path / "c", progress=False
    )
    assert replayed.n_tokens == fresh.n_tokens
    for name, value in fresh.accumulators.items():
        np.testing.assert_array_equal(replayed.accumulators[name], value, err_msg=name)
    assert replayed.meta.model_fingerprint == fresh.meta.model_fingerprint


def test_nothing_is_kept_over_the_budget(model, sae_dirs, texts, tmp_path) -> None:
    adapter = ReplayingAdapter(model, keep_bytes=0)
    with adapter.keeping():
        sw.harvest(
            sw.Lens(adapter, sae_dirs["standard"]),
            texts,
            n_tokens=500,
            out=tmp_path / "a",
            progress=False,
        )
    assert not adapter._kept
