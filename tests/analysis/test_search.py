"""store.search (new text through a Lens) and store.find (the token index) against brute force:
a dense re-encoding of the text, and the store's own top examples counted with loops."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

import saewidgets as sw
from tests import helpers

TEXT = "The cat sat on the mat, and then the dog sat on the cat."


def brute_find(store, token_id: int) -> dict[int, tuple[int, int]]:
    """{feature: (top examples peaking on token_id, top examples)} from store.top_examples."""
    out = {}
    for f in range(store.d_sae):
        top = store.top_examples(f, n=store.meta.top_k)
        ids = store.tokens[store.seq_offsets[top["seq"].to_numpy()] + top["pos"].to_numpy()]
        hits = int(np.count_nonzero(ids == token_id))
        if hits:
            out[f] = (hits, len(top))
    return out


@pytest.mark.parametrize("arch", ["standard", "topk"])
def test_find_equals_counting_top_examples(harvested, arch):
    _, store, _ = harvested[arch]
    common = Counter(store.tokens.tolist()).most_common(12)[::4]
    for token_id, _ in common:
        want = brute_find(store, token_id)
        got = store.find(store.vocab[token_id], k=None)
        pairs = zip(got["n_top_on_token"], got["n_top"], strict=True)
        assert dict(zip(got["feature"], pairs, strict=True)) == want
        counts = got["n_top_on_token"].to_numpy()
        assert (np.diff(counts) <= 0).all()  # most such examples first
        np.testing.assert_allclose(got["fraction"], counts / got["n_top"])
        assert store.find(token_id, k=3).equals(got.head(3))


def test_find_builds_the_index_for_older_stores(harvested, tmp_path):
    _, store, _ = harvested["standard"]
    old = tmp_path / "old"
    shutil.copytree(store.path, old)
    (old / "token_index.safetensors").unlink()  # a store from before the index (and before
    (old / "manifest.json").unlink()  # manifests, which would call the missing file damage)
    token = store.vocab[int(np.bincount(store.tokens).argmax())]
    pd_old = sw.FeatureStore.open(old).find(token, k=None)
    assert pd_old.equals(store.find(token, k=None))
    assert not (old / "token_index.safetensors").exists()  # built in memory, folder untouched


def test_find_refuses_unknown_tokens_with_close_ones(harvested):
    _, store, _ = harvested["standard"]
    word = next(v for v in store.vocab if len(v) > 3 and v.startswith(" "))
    with pytest.raises(sw.ArgumentError, match="not a token") as err:
        store.find(word + "zz")
    assert repr(word) in str(err.value)
    for bad in (True, 1.5, "", len(store.vocab)):
        with pytest.raises(sw.ArgumentError):
            store.find(bad)


def test_search_equals_dense_reencoding(harvested, model, sae_dirs):
    lens, store, _ = harvested["topk"]
    cfg = json.loads((sae_dirs["topk"] / "cfg.json").read_text())
    state = load_file(str(sae_dirs["topk"] / "sae_weights.safetensors"))
    toks = lens.to_tokens(TEXT)
    _, cache = model.run_with_cache(toks, names_filter=cfg["metadata"]["hook_name"])
    dense = helpers.reference_encode(
        cfg, state, cache[cfg["metadata"]["hook_name"]][0].double().numpy()
    )
    live = np.nonzero((dense > 0).any(0))[0]
    got = store.search(TEXT, lens=lens, k=None).set_index("feature")
    assert sorted(got.index) == live.tolist()
    np.testing.assert_allclose(
        got.loc[live, "max_act"], dense[:, live].max(0), rtol=1e-4, atol=1e-5
    )
    assert (got.loc[live, "n_active"].to_numpy() == (dense[:, live] > 0).sum(0)).all()
    for f in live:
        pos = got.loc[f, "position"]
        assert dense[pos, f] >= dense[:, f].max() * (1 - 1e-5)
        assert got.loc[f, "token"] == store.str_tokens(toks[0, pos : pos + 1].numpy())[0]
    assert (np.diff(store.search(TEXT, lens=lens)["max_act"].to_numpy()) <= 0).all()


def test_search_needs_the_stores_lens(harvested):
    lens, store, _ = harvested["topk"]
    with pytest.raises(sw.ArgumentError, match="needs a Lens"):
        store.search(TEXT)
    other, _, _ = harvested["standard"]
    with pytest.raises(sw.StoreError, match="not harvested with this Lens"):
        store.search(TEXT, lens=other)
    assert torch.is_grad_enabled()
