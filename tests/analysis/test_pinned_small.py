"""Pinned on small dedicated stores: flags, logit weights at mlp.hook_post / attn.hook_z,
store.activations, sequence_tokens and generator input, each against a dense reference."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

import saewidgets as sw
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._finish import feature_table
from saewidgets.store._meta import DENSE_DENSITY, ULTRA_RARE_DENSITY
from tests import helpers

TOKS = torch.randint(2, 250, (6, 16), generator=torch.Generator().manual_seed(5))


def test_flags_on_counts_of_every_kind(sae_dirs):
    weights = load_file(str(sae_dirs["jumprelu"] / "sae_weights.safetensors"))
    d = weights["b_enc"].shape[0]
    n_tokens = 1_000_000
    acc = FeatureAccumulator.empty(d, 2)
    count = np.zeros(d, np.int64)
    count[1:4] = [1, 9, 10]  # densities 1e-6, 9e-6 (ultra-rare), 1e-5 (not: the limit)
    count[4:7] = [100_000, 100_001, 999_999]  # 0.1 (not dense: the limit), above, nearly all
    count[7:] = 500
    acc.count[:] = count
    acc.total[:] = count * 2.0
    table = feature_table(acc, weights, n_tokens)
    density = count / n_tokens
    np.testing.assert_array_equal(table["dead"], count == 0)
    np.testing.assert_array_equal(
        table["ultra_rare"], [(c > 0) and (c / n_tokens < ULTRA_RARE_DENSITY) for c in count]
    )
    np.testing.assert_array_equal(table["dense"], density > DENSE_DENSITY)
    assert table["ultra_rare"].tolist()[:5] == [False, True, True, False, False]
    assert table["dense"].tolist()[3:8] == [False, False, True, True, False]
    np.testing.assert_array_equal(table["threshold"], weights["threshold"].astype(np.float64))
    assert np.isnan(table["log10_density"][0]) and np.isnan(table["mean_act"][0])


def test_dense_flag_and_threshold_in_a_real_store(model, tmp_path):
    folder = helpers.write_sae(tmp_path / "sae", architecture="jumprelu")
    from safetensors.torch import load_file as load_t
    from safetensors.torch import save_file as save_t

    state = load_t(str(folder / "sae_weights.safetensors"))
    state["b_enc"][:3] = 50.0  # always on: dense
    state["threshold"][:3] = 0.0
    save_t(state, str(folder / "sae_weights.safetensors"))
    lens = sw.Lens(model, folder)
    store = sw.harvest(lens, TOKS, out=tmp_path / "s", progress=False)
    acts = lens.encode_tokens(TOKS).reshape(-1, lens.d_sae).numpy()
    density = (acts > 0).mean(0)
    assert store.features["dense"].tolist() == (density > 0.1).tolist()
    assert store.features["dense"][:3].all()
    np.testing.assert_allclose(store.features["threshold"], state["threshold"].numpy())


def _direct(lens, W_dec):
    return W_dec.double() @ lens.model.W_U.detach().double()


@pytest.mark.parametrize("hook", ["blocks.1.mlp.hook_post", "blocks.0.attn.hook_z"])
def test_logit_weights_at_mlp_and_attn_hooks(model, tmp_path, hook):
    d_in = model.cfg.d_mlp if "mlp" in hook else model.cfg.n_heads * model.cfg.d_head
    folder = helpers.write_sae(tmp_path / "sae", d_in=d_in, hook_name=hook, hook_layer=int(hook[7]))
    lens = sw.Lens(model, folder)
    store = sw.harvest(lens, TOKS, out=tmp_path / "s", progress=False)
    block = model.blocks[int(hook[7])]
    W_dec = lens.sae.W_dec.double()
    if "mlp" in hook:
        W_out = W_dec @ block.mlp.W_out.detach().double()
    else:
        W_O = block.attn.W_O.detach().double()  # [head, d_head, d_model]
        W_out = W_dec @ W_O.reshape(-1, W_O.shape[-1])
    L = (W_out @ model.W_U.detach().double()).numpy()
    for f in (0, 33, 95):
        lw = store.logit_weights(f, k=5)
        np.testing.assert_allclose(lw.top_values, np.sort(L[f])[::-1][:5], rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(lw.bottom_values, np.sort(L[f])[:5], rtol=1e-4, atol=1e-6)
        assert lw.top_ids.tolist() == np.argsort(-L[f], kind="stable")[:5].tolist()


def test_hook_with_no_direct_path_says_so(model, tmp_path):
    hook = "blocks.0.mlp.hook_pre"
    folder = helpers.write_sae(tmp_path / "sae", d_in=model.cfg.d_mlp, hook_name=hook)
    store = sw.harvest(sw.Lens(model, folder), TOKS, out=tmp_path / "s", progress=False)
    with pytest.raises(sw.StoreError, match="no direct path.*residual stream"):
        store.logit_weights(0)
    assert not store.meta.has_output_directions


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["topk"])


def test_activations_and_sequence_tokens_against_dense(lens, tokenizer, texts, tmp_path):
    store = sw.harvest(lens, texts[:6], n_tokens=400, out=tmp_path / "s", progress=False)
    for seq in (0, 3, store.meta.n_seq - 1):
        a, b = store.seq_range(seq)
        ids = torch.from_numpy(store.tokens[a:b].astype(np.int64))[None]
        dense = lens.encode_tokens(ids)[0].numpy()
        for f in (0, 5, int(store.features["count"].idxmax())):
            np.testing.assert_allclose(store.activations(f, seq), dense[:, f], rtol=1e-5, atol=1e-6)
        assert store.sequence_tokens(seq) == [tokenizer.decode([int(i)]) for i in ids[0]]
    assert store.sequence_tokens(0)[0] == "<bos>"
    for bad in (-1, store.meta.n_seq, 1.0, True):
        with pytest.raises(sw.ArgumentError, match="seq"):
            store.sequence_tokens(bad)
        with pytest.raises(sw.ArgumentError, match="seq"):
            store.activations(0, bad)


def test_generator_input_equals_list_input(lens, texts, tmp_path):
    listed = sw.harvest(lens, texts[:8], n_tokens=300, out=tmp_path / "a", progress=False)
    gen = sw.harvest(lens, (t for t in texts[:8]), n_tokens=300, out=tmp_path / "b", progress=False)
    rows = sw.harvest(lens, iter([TOKS[:2], TOKS[2:]]), out=tmp_path / "c", progress=False)
    np.testing.assert_array_equal(gen.tokens, listed.tokens)
    assert gen.meta.dataset_fingerprint == listed.meta.dataset_fingerprint
    np.testing.assert_array_equal(gen.accumulators["count"], listed.accumulators["count"])
    np.testing.assert_array_equal(rows.tokens, TOKS.numpy().ravel())
    assert rows.meta.n_seq == 6
