"""merge_stores and the feature index stream in bounded chunks: tiny chunks give the same store."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting import _merge
from saewidgets.store import _record


def test_tiny_chunks_merge_equal_whole(model, sae_dirs, tmp_path, monkeypatch):
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 250, (13, 24), generator=torch.Generator().manual_seed(3))
    kw = {"batch_size": 4, "top_k": 5, "progress": False}
    whole = sw.harvest(lens, toks, out=tmp_path / "whole", **kw)
    monkeypatch.setattr(_record, "CHUNK", 7)
    monkeypatch.setattr(_merge, "COPY_BYTES", 64)
    monkeypatch.setattr(_merge, "SEQ_STEP", 2)
    parts = [sw.harvest(lens, t, out=tmp_path / f"p{i}", **kw) for i, t in enumerate(toks.split(5))]
    merged = sw.merge_stores(parts, tmp_path / "merged")
    assert merged.record.nnz == whole.record.nnz > 100
    np.testing.assert_array_equal(merged.tokens, toks.numpy().ravel())
    for f in range(whole.d_sae):
        for x, y in zip(merged.record.feature(f), whole.record.feature(f), strict=True):
            np.testing.assert_array_equal(x, y)
    for name in ("tok_nnz", "tok_feature", "tok_value"):
        a = (merged.path / "record" / f"{name}.bin").read_bytes()
        assert a == (whole.path / "record" / f"{name}.bin").read_bytes()
    for key in ("count", "max", "hist", "top_val", "top_tok"):
        np.testing.assert_array_equal(merged.accumulators[key], whole.accumulators[key])
    assert merged.meta.dataset_fingerprint == whole.meta.dataset_fingerprint


def test_pieces_that_leave_part_of_a_shard_fail(small_store, tmp_path):
    n = small_store.meta.n_seq
    with pytest.raises(sw.StoreError, match="seq_len.bin holds"):
        _merge.assemble([small_store.path], [(0, n - 1)], tmp_path)
    whole = _merge.assemble([small_store.path], [(0, n)], tmp_path / "ok")
    assert whole.n_tokens == small_store.n_tokens
