"""Steer, ablate and attribute on a Hugging Face Llama, against a hand-written forward hook on
``model.model.layers[N]`` (full forward passes, no cache) and brute-force autograd."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

import saewidgets as sw
from tests import helpers

LAYER = 1
PROMPT = "Return a new list of the items."


@pytest.fixture(scope="module")
def hf_lens(hf_llama, tokenizer, tmp_path_factory):
    folder = helpers.write_sae(
        tmp_path_factory.mktemp("hf_int") / "topk",
        seed=3,
        hook_name=f"model.layers.{LAYER}",
        k=6,
        architecture="topk",
    )
    cfg = json.loads((folder / "cfg.json").read_text())
    state = load_file(str(folder / "sae_weights.safetensors"))
    return sw.Lens(hf_llama, folder, tokenizer=tokenizer), cfg, state


def _logits_with(model, tokens, fn):
    """Full forward of ``tokens [pos]`` with ``fn(x [pos, d_model]) -> x`` on layer LAYER."""

    def hook(module, args, output):
        hidden = output[0] if isinstance(output, tuple) else output
        new = fn(hidden[0].double()).to(hidden.dtype)[None]
        return (new, *output[1:]) if isinstance(output, tuple) else new

    handle = model.model.layers[LAYER].register_forward_hook(hook)
    try:
        return model(input_ids=tokens[None], use_cache=False).logits[0]
    finally:
        handle.remove()


def _hidden(model, tokens):
    with torch.no_grad():
        out = model(input_ids=tokens[None], output_hidden_states=True)
    return out.hidden_states[LAYER + 1][0].double()


def test_hf_steer_and_ablate_match_forward_hook(hf_llama, hf_lens):
    lens, cfg, state = hf_lens
    W_dec = torch.from_numpy(state["W_dec"]).double()
    tokens = lens.to_tokens(PROMPT)[0]
    dense = helpers.reference_encode(cfg, state, _hidden(hf_llama, tokens).numpy())
    active = [int(f) for f in np.flatnonzero(dense.max(0) > 0)[:3]]
    assert len(active) == 3
    with torch.no_grad():
        clean = hf_llama(input_ids=tokens[None]).logits[0]

        def steered(x):
            y = x.clone()
            y[[1, 4]] += 3.0 * W_dec[active[0]] - 1.5 * W_dec[active[1]]
            return y

        r = lens.steer(PROMPT, {active[0]: 3.0, active[1]: -1.5}, positions=[1, 4])
        torch.testing.assert_close(r.logits_clean, clean, rtol=1e-4, atol=1e-4)
        torch.testing.assert_close(
            r.logits_after, _logits_with(hf_llama, tokens, steered), rtol=1e-4, atol=1e-4
        )
        assert (r.logits_after[:1] - clean[:1]).abs().max() < 1e-4
        assert (r.logits_after[1] - clean[1]).abs().max() > 1e-2

        def ablated(x):
            acts = torch.from_numpy(helpers.reference_encode(cfg, state, x.numpy()))
            return x - acts[:, active] @ W_dec[active]

        r = lens.ablate(PROMPT, active)
        ref = _logits_with(hf_llama, tokens, ablated)
    torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
    assert (r.logits_after - clean).abs().max() > 1e-2


def test_hf_generation_with_cache_matches_greedy_loop(hf_llama, hf_lens, tokenizer):
    lens, cfg, state = hf_lens
    W_dec = torch.from_numpy(state["W_dec"]).double()
    tokens = lens.to_tokens(PROMPT)[0]
    f = 5
    r = lens.steer(tokens, {f: 30.0}, max_new_tokens=6)

    def greedy(fn):
        seq = tokens.clone()
        with torch.no_grad():
            for _ in range(6):
                seq = torch.cat([seq, _logits_with(hf_llama, seq, fn)[-1].argmax()[None]])
        return seq[len(tokens) :]

    clean = greedy(lambda x: x)
    after = greedy(lambda x: x + 30.0 * W_dec[f])
    assert r.new_tokens_clean.tolist() == clean.tolist()
    assert r.new_tokens_after.tolist() == after.tolist()
    assert clean.tolist() != after.tolist()  # steering changes the text: the test can fail
    assert r.text_clean == tokenizer.decode(clean.tolist())
    assert r.text_after == tokenizer.decode(after.tolist())
    # an ablation's continuation: each new token's activation is encoded by the SAE in turn
    gone = [int(f) for f in lens.attribute(tokens)["feature"].unique()[:4]]

    def ablated(x):
        acts = torch.from_numpy(helpers.reference_encode(cfg, state, x.numpy()))
        return x - acts[:, gone] @ W_dec[gone]

    r = lens.ablate(tokens, gone, max_new_tokens=6)
    assert r.new_tokens_after.tolist() == greedy(ablated).tolist()


def test_hf_attribution_matches_brute_force_autograd(hf_llama, hf_lens):
    lens, cfg, state = hf_lens
    tokens = lens.to_tokens(PROMPT)[0]
    position = 6
    df = lens.attribute(tokens, position=position)
    acts = torch.from_numpy(helpers.reference_encode(cfg, state, _hidden(hf_llama, tokens).numpy()))
    W_dec = torch.from_numpy(state["W_dec"]).double()
    c = torch.ones_like(acts, requires_grad=True)
    logits = _logits_with(hf_llama, tokens, lambda x: x + ((c - 1) * acts) @ W_dec)[position]
    target = int(logits.argmax())
    logits.log_softmax(-1)[target].backward()
    hf_llama.zero_grad(set_to_none=True)
    ref = c.grad.numpy()
    assert df.attrs["target"] == target and df.attrs["position"] == position
    want = {(p, f) for p, f in zip(*np.nonzero(acts.numpy()[: position + 1]), strict=True)}
    assert set(zip(df["pos"], df["feature"], strict=True)) == want
    np.testing.assert_allclose(
        df["attribution"], ref[df["pos"], df["feature"]], rtol=1e-3, atol=1e-5
    )
    assert df["attribution"].abs().max() > 1e-3
