"""Hugging Face families beyond Llama (tiny random configs from transformers' own config
classes, no hub), the one hook vocabulary on both model kinds, and non-causal models refused.

Each family's store is checked against a dense recomputation from a full forward pass with
``output_hidden_states`` (no hooks, no early stop); the sub-layer sites against the residual
stream's own decomposition ``h_out - h_in = attn_out + mlp_out``.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.models._hf import HFAdapter
from saewidgets.models._hooked import HookedAdapter
from tests import helpers

FAMILIES = list(helpers.HF_FAMILIES)
TINY = 1e-5  # float32 vs float64: a value this close to 0 may fire in one and not the other


@pytest.fixture(scope="module")
def family_models(tokenizer):
    return {f: helpers.build_hf_family(f, tokenizer) for f in FAMILIES}


@pytest.fixture(scope="module")
def relu_sae(tmp_path_factory):
    """A ReLU SAE whose config names its hook as sparsify does (``layers.0``)."""
    return helpers.write_sae(tmp_path_factory.mktemp("fam") / "sae", seed=5, hook_name="layers.0")


def dense_reference(model, sae_dir, store) -> np.ndarray:
    """float64 [n_tokens, d_sae]: each stored sequence re-run whole with output_hidden_states
    (layer 0's output is hidden_states[1]) and encoded with the reference equations."""
    import json

    from safetensors.numpy import load_file

    cfg = json.loads((sae_dir / "cfg.json").read_text())
    state = load_file(str(sae_dir / "sae_weights.safetensors"))
    out = []
    for s in range(store.meta.n_seq):
        a, b = store.seq_offsets[s], store.seq_offsets[s + 1]
        toks = torch.from_numpy(store.tokens[a:b].astype(np.int64))[None]
        with torch.no_grad():
            hidden = model(input_ids=toks, output_hidden_states=True).hidden_states[1]
        out.append(helpers.reference_encode(cfg, state, hidden[0].double().numpy()))
    return np.concatenate(out)


def assert_store_is(store, ref: np.ndarray) -> None:
    """Record, counts, maxima and top examples of ``store`` equal the dense ``ref``."""
    dense = helpers.store_dense(store)
    ambiguous = (ref > 0) & (ref < TINY) | (dense > 0) & (dense < TINY)
    assert ((dense > 0) != (ref > 0))[~ambiguous].sum() == 0
    np.testing.assert_allclose(dense, ref, rtol=1e-4, atol=TINY)
    counted = helpers.counted_rows(store)[:, None]  # the statistics leave special tokens out
    ref, ambiguous = ref * counted, ambiguous & counted
    f = store.features
    assert np.all(np.abs(f["count"].to_numpy() - (ref > 0).sum(0)) <= ambiguous.sum(0))
    np.testing.assert_allclose(f["max_act"], ref.max(0), rtol=1e-4, atol=1e-6)
    live = np.nonzero(f["count"].to_numpy())[0]
    assert len(live) > 20 and (ref > 0).sum() > 500, "the SAE must fire on this family"
    for feat in live[::9]:
        col = ref[:, feat]
        ex = store.top_examples(int(feat), n=5)
        got = store.seq_offsets[ex["seq"].to_numpy()] + ex["pos"].to_numpy()
        np.testing.assert_allclose(ex["act"], np.sort(col)[::-1][: len(ex)], rtol=1e-4, atol=TINY)
        np.testing.assert_allclose(col[got], ex["act"], rtol=1e-4, atol=TINY)


@pytest.mark.parametrize("family", FAMILIES)
def test_family_store_equals_dense_recomputation(
    family, family_models, tokenizer, relu_sae, texts, tmp_path
):
    model = family_models[family]
    lens = sw.Lens(model, relu_sae, tokenizer=tokenizer, context_size=32)
    assert lens.hook == lens.adapter._layer_path(0) and lens.layer == 0
    store = sw.harvest(
        lens, texts, n_tokens=640, batch_size=8, top_k=5, out=tmp_path / "s", progress=False
    )
    assert store.meta.hook == lens.hook and store.meta.model_fingerprint
    assert_store_is(store, dense_reference(model, relu_sae, store))


@pytest.mark.parametrize("family", FAMILIES)
def test_sub_layer_sites_sum_to_the_layer(family, family_models, tokenizer):
    """``blocks.0.hook_attn_out`` + ``blocks.0.hook_mlp_out`` (translated to this family's
    modules) equal what layer 0 adds to the residual stream; ``….0.mlp`` is the MLP module."""
    model = family_models[family]
    adapter = HFAdapter(model, tokenizer)
    toks = torch.tensor([[tokenizer.bos_token_id, 5, 9, 40, 7, 8, 30]])
    with torch.no_grad():
        hs = model(input_ids=toks, output_hidden_states=True).hidden_states
        attn = adapter.run_to_hook(toks, adapter.resolve_hook("blocks.0.hook_attn_out", None))
        mlp = adapter.run_to_hook(toks, adapter.resolve_hook("blocks.0.hook_mlp_out", None))
        module = adapter.run_to_hook(toks, adapter.resolve_hook("layers.0.mlp", None))
    torch.testing.assert_close(attn + mlp, hs[1] - hs[0], rtol=1e-4, atol=1e-4)
    post_norm = family.startswith("gemma")
    assert torch.allclose(module, mlp) is not post_norm
    mlp_path = adapter.resolve_hook("layers.0.mlp", None)
    assert mlp_path.endswith(".0.mlp")
    assert adapter.resolve_hook("blocks.1.hook_resid_pre", None) == adapter._layer_path(0)
    embeddings = adapter.resolve_hook("blocks.0.hook_resid_pre", None)  # layer 0's input
    assert embeddings == adapter._layer_path(0) + ":input" and adapter.layer_of(embeddings) == -1
    with torch.no_grad():
        torch.testing.assert_close(adapter.run_to_hook(toks, embeddings), hs[0])
    with pytest.raises(sw.HookError, match="no module outputs it"):
        adapter.resolve_hook("blocks.0.hook_resid_mid", None)


ONE_VOCABULARY = {
    "blocks.1.hook_resid_post": ["layers.1", "model.layers.1", "transformer.h.1"],
    "blocks.1.hook_mlp_out": ["gpt_neox.layers.1.mlp", "layers.1.mlp", "transformer.h.1.mlp"],
    "blocks.1.hook_attn_out": ["model.layers.1.self_attn", "transformer.h.1.attn"],
}


def test_one_vocabulary_on_a_hooked_transformer(model, tmp_path):
    adapter = HookedAdapter(model)
    for native, names in ONE_VOCABULARY.items():
        for name in names + ["gpt_neox.layers.1.attention"] * native.endswith("attn_out"):
            assert adapter.resolve_hook(name, None) == native
    sae = helpers.write_sae(tmp_path / "sae", hook_name="blocks.0.hook_resid_post")
    assert sw.Lens(model, sae, hook="layers.1").hook == "blocks.1.hook_resid_post"
    assert sw.Lens(model, sae, hook="transformer.h.0").hook == "blocks.0.hook_resid_post"


def test_one_vocabulary_on_hf_models(family_models, tokenizer):
    gpt2, neox = HFAdapter(family_models["gpt2"]), HFAdapter(family_models["gpt_neox"])
    for name in ("layers.1", "model.layers.1", "gpt_neox.layers.1", "blocks.1.hook_resid_post"):
        assert gpt2.resolve_hook(name, None) == "transformer.h.1"
        assert neox.resolve_hook(name, None) == "gpt_neox.layers.1"
    assert gpt2.resolve_hook("model.layers.1.self_attn", None) == "transformer.h.1.attn"
    assert neox.resolve_hook("transformer.h.1.attn", None) == "gpt_neox.layers.1.attention"
    gemma = HFAdapter(family_models["gemma2"])
    assert gemma.resolve_hook("blocks.1.hook_mlp_out", None) == (
        "model.layers.1.post_feedforward_layernorm"
    )
    assert gemma.resolve_hook("blocks.1.hook_attn_out", None) == (
        "model.layers.1.post_attention_layernorm"
    )


def test_sparsify_folders_picked_in_either_vocabulary(model, family_models, tokenizer, tmp_path):
    """A sparsify parent folder (``layers.0``, ``layers.1``) opened through the Lens with the
    hook spelled in transformer_lens's or Hugging Face's names, on either model kind."""
    from tests.saes import trainers as tr

    for layer in (0, 1):
        tr.write_sparsify(tmp_path / f"layers.{layer}", seed=layer)
    for name in ("layers.1", "blocks.1.hook_resid_post", "model.layers.1", "transformer.h.1"):
        lens = sw.Lens(model, tmp_path, hook=name)
        assert (lens.hook, lens.sae.hook_name) == ("blocks.1.hook_resid_post", "layers.1")
        lens = sw.Lens(family_models["gpt2"], tmp_path, hook=name, tokenizer=tokenizer)
        assert (lens.hook, lens.sae.hook_name) == ("transformer.h.1", "layers.1")


def test_wrong_names_list_the_close_ones_for_either_kind(model, family_models, tokenizer):
    hooked, gpt2 = HookedAdapter(model), HFAdapter(family_models["gpt2"], tokenizer)
    with pytest.raises(sw.HookError, match=r"blocks\.1\.hook_mlp_out.*layers\.N"):
        hooked.resolve_hook("transformer.h.1.mlpp", None)
    with pytest.raises(sw.HookError, match=r"2 layers \(0\.\.1\)"):
        hooked.resolve_hook("layers.7", None)
    with pytest.raises(sw.HookError, match=r"transformer\.h\.1, transformer\.h\.1\.mlp"):
        gpt2.resolve_hook("blocks.1.hook_z", None)
    with pytest.raises(sw.HookError, match=r"model\.layers\.1\b"):
        HFAdapter(family_models["qwen3"]).resolve_hook("model.layer.1", None)
    post_norm = helpers.build_model(
        model.tokenizer, use_normalization_before_and_after=True, normalization_type="RMS"
    )
    with pytest.raises(sw.HookError, match=r"before this model's post-mlp normalisation"):
        HookedAdapter(post_norm).resolve_hook("model.layers.0.mlp", None)
    assert HookedAdapter(post_norm).resolve_hook("layers.0", None) == "blocks.0.hook_resid_post"


def _non_causal(tokenizer):
    import transformers as T

    size = dict(vocab_size=len(tokenizer), num_hidden_layers=1, num_attention_heads=2)
    bert = T.BertConfig(hidden_size=32, intermediate_size=64, **size)

    def t5():  # one config each: T5EncoderModel edits the config it is given
        size = dict(d_model=32, d_ff=64, d_kv=16, num_heads=2, num_layers=1)
        return T.T5Config(vocab_size=len(tokenizer), **size)

    return {
        "BertForMaskedLM": (T.BertForMaskedLM(bert).eval(), "is not causal"),
        "BertModel": (T.BertModel(bert).eval(), "no output embedding"),
        "T5ForConditionalGeneration": (
            T.T5ForConditionalGeneration(t5()).eval(),
            "encoder-decoder",
        ),
        "T5EncoderModel": (T.T5EncoderModel(t5()).eval(), "no output embedding"),
    }


def test_non_causal_models_are_refused(tokenizer, family_models, relu_sae):
    for name, (m, why) in _non_causal(tokenizer).items():
        with pytest.raises(sw.SAEConfigError, match=why):
            sw.Lens(m, relu_sae, tokenizer=tokenizer)
        assert type(m).__name__ == name
    from transformer_lens import HookedEncoder, HookedTransformerConfig

    cfg = HookedTransformerConfig(
        n_layers=1, d_model=32, n_heads=2, d_head=16, d_mlp=64, d_vocab=len(tokenizer), n_ctx=16
    )
    cfg.attention_dir = "bidirectional"
    with pytest.raises(sw.SAEConfigError, match="both directions"):
        sw.Lens(HookedEncoder(cfg, tokenizer=tokenizer), relu_sae)
    gpt2 = family_models["gpt2"]
    try:
        gpt2.train()  # dropout on: every activation random
        with pytest.raises(sw.SAEConfigError, match=r"model\.eval\(\)"):
            sw.Lens(gpt2, relu_sae, tokenizer=tokenizer)
    finally:
        gpt2.eval()
