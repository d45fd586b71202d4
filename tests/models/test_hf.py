"""Hugging Face causal LMs through the Lens: hooks are module paths, checked against
``output_hidden_states`` (a full forward pass with no hooks)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.models._hf import HFAdapter
from tests import helpers

LAYER = 1


@pytest.fixture(scope="module")
def hf_sae(tmp_path_factory):
    root = tmp_path_factory.mktemp("hf_sae")
    return helpers.write_sae(
        root / "topk", seed=3, hook_name=f"model.layers.{LAYER}", k=6, architecture="topk"
    )


def dense_reference(model, sae_dir, store) -> np.ndarray:
    import json

    from safetensors.numpy import load_file

    cfg = json.loads((sae_dir / "cfg.json").read_text())
    state = load_file(str(sae_dir / "sae_weights.safetensors"))
    out = []
    for s in range(store.meta.n_seq):
        a, b = store.seq_offsets[s], store.seq_offsets[s + 1]
        toks = torch.from_numpy(store.tokens[a:b].astype(np.int64))[None]
        with torch.no_grad():
            hidden = model(input_ids=toks, output_hidden_states=True).hidden_states[LAYER + 1]
        out.append(helpers.reference_encode(cfg, state, hidden[0].double().numpy()))
    return np.concatenate(out)


def test_harvest_through_hf_layer_matches_hidden_states(
    hf_llama, tokenizer, hf_sae, texts, tmp_path
):
    lens = sw.Lens(hf_llama, hf_sae, hook=f"model.layers.{LAYER}", tokenizer=tokenizer)
    assert lens.layer == LAYER and lens.adapter.kind == "hf"
    store = sw.harvest(
        lens, texts, n_tokens=1500, batch_size=8, top_k=5, out=tmp_path / "s", progress=False
    )
    ref = dense_reference(hf_llama, hf_sae, store)
    dense = helpers.store_dense(store)
    assert (dense > 0).sum() > 100
    np.testing.assert_allclose(dense, ref, rtol=1e-4, atol=1e-5)
    # logit weights come from lm_head
    W_U = hf_llama.lm_head.weight.detach().double().T.numpy()
    W_dec = lens.sae.W_dec.double().numpy()
    f = int(np.argmax((ref > 0).sum(0)))
    lw = store.logit_weights(f, k=4)
    np.testing.assert_allclose(lw.top_values, np.sort(W_dec[f] @ W_U)[::-1][:4], rtol=1e-4)
    assert store.meta.model_name == lens.model_name and store.meta.hook == f"model.layers.{LAYER}"


def test_sae_hook_names_are_translated(hf_llama, tokenizer, tmp_path):
    for name in (
        f"blocks.{LAYER}.hook_resid_post",
        f"layers.{LAYER}",
        f"blocks.{LAYER + 1}.hook_resid_pre",
    ):
        folder = helpers.write_sae(tmp_path / name, hook_name=name)
        assert sw.Lens(hf_llama, folder, tokenizer=tokenizer).hook == f"model.layers.{LAYER}"


def test_wrong_module_path_lists_close_ones(hf_llama, tokenizer, hf_sae):
    with pytest.raises(sw.HookError, match="model.layers.1"):
        sw.Lens(hf_llama, hf_sae, hook="model.layer.1", tokenizer=tokenizer)


def test_width_check_applies_to_explicit_hook(hf_llama, tokenizer, hf_sae):
    with pytest.raises(sw.SAEConfigError, match="32-wide.*64 wide"):
        sw.Lens(hf_llama, hf_sae, hook="model.layers.1.mlp.up_proj", tokenizer=tokenizer)


def test_forward_stops_after_the_hook(hf_llama, tokenizer, hf_sae):
    lens = sw.Lens(hf_llama, hf_sae, tokenizer=tokenizer)
    ran = []
    handle = hf_llama.model.layers[LAYER + 1].register_forward_hook(lambda *a: ran.append(1))
    try:
        lens.encode("Return the number of items.")
    finally:
        handle.remove()
    assert ran == []


def test_edits_and_forward_from_hook(hf_llama, tokenizer):
    """Adapter contract for interventions: an identity edit keeps the logits, a replaced
    activation changes them as a dense forward from the edited hidden state says, and
    gradients flow back to the edited activation."""
    adapter = HFAdapter(hf_llama, tokenizer)
    toks = torch.tensor([[1, 5, 9, 40, 7]])
    hook = f"model.layers.{LAYER}"
    with torch.no_grad():
        plain = hf_llama(input_ids=toks).logits
        same = adapter.run_with_edits(toks, {hook: lambda a: None})
        act = adapter.run_to_hook(toks, hook)
        torch.testing.assert_close(
            act, hf_llama(input_ids=toks, output_hidden_states=True).hidden_states[LAYER + 1]
        )
        torch.testing.assert_close(same, plain)
        torch.testing.assert_close(adapter.forward_from_hook(toks, hook, act), plain)
        doubled = adapter.forward_from_hook(toks, hook, act * 2)
    assert not torch.allclose(doubled, plain)
    # gradients flow to the replaced activation: the directional derivative along a random
    # direction equals a central finite difference (float64 model; its RMSNorm computes in
    # float32, hence the step)
    import copy

    adapter64 = HFAdapter(copy.deepcopy(hf_llama).double(), tokenizer)
    base = act.double()
    x = base.clone().requires_grad_(True)
    adapter64.forward_from_hook(toks, hook, x)[0, -1, 3].backward()
    assert x.grad is not None
    v = torch.randn(base.shape, dtype=torch.float64)
    v[:, 0] = 0  # the BOS position is far from linear at this step size
    eps = 1e-2
    with torch.no_grad():
        up, down = (adapter64.forward_from_hook(toks, hook, base + s * eps * v) for s in (1, -1))
    fd = float(up[0, -1, 3] - down[0, -1, 3]) / (2 * eps)
    assert abs(fd) > 1e-2 and float((x.grad * v).sum()) == pytest.approx(fd, rel=2e-3)


def test_hooked_adapter_edits(model):
    from saewidgets.models._hooked import HookedAdapter

    adapter = HookedAdapter(model)
    toks = torch.tensor([[1, 5, 9, 40, 7]])
    hook = "blocks.0.hook_resid_post"
    with torch.no_grad():
        plain = model(toks)
        act = adapter.run_to_hook(toks, hook)
        torch.testing.assert_close(adapter.forward_from_hook(toks, hook, act), plain)
    x = act.clone().requires_grad_(True)
    adapter.forward_from_hook(toks, hook, x)[0, -1, 3].backward()
    assert x.grad is not None and x.grad.abs().sum() > 0
