"""Steer, ablate and attribute with SAEs on an attention ``hook_z`` (every head flattened, and
one head by ``hook_head_index``), against hand-written ``run_with_hooks`` and autograd."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file, save_file

import saewidgets as sw
from tests import helpers

HOOK = "blocks.0.attn.hook_z"
PROMPT = "Return a new dictionary initialized from an optional positional argument."
HEADS = {"all_heads": None, "head_1": 1}


@pytest.fixture(scope="module", params=list(HEADS))
def z_lens(request, model, tmp_path_factory):
    head = HEADS[request.param]
    d_in = model.cfg.d_head if head is not None else model.cfg.n_heads * model.cfg.d_head
    folder = helpers.write_sae(
        tmp_path_factory.mktemp("z") / request.param,
        seed=5,
        d_in=d_in,
        hook_name=HOOK,
        hook_layer=0,
        hook_head_index=head,
    )
    cfg = json.loads((folder / "cfg.json").read_text())
    state = load_file(str(folder / "sae_weights.safetensors"))
    state["b_enc"] = state["b_enc"] * 0.1  # hook_z is small: let a spread of features fire
    save_file(state, str(folder / "sae_weights.safetensors"))
    return sw.Lens(model, folder), cfg, state, head


def _with(head, fn):
    """A run_with_hooks hook applying ``fn(x [pos, d_in]) -> x`` to hook_z of batch row 0."""

    def hook(act, hook):
        z = act[0].double()
        if head is None:
            new = fn(z.reshape(z.shape[0], -1)).reshape(z.shape)
        else:
            new = z.clone()
            new[:, head] = fn(z[:, head])
        out = act.clone()
        out[0] = new.to(act.dtype)
        return out

    return hook


def _x(model, tokens, head):
    _, cache = model.run_with_cache(tokens[None], names_filter=HOOK)
    z = cache[HOOK][0].double()
    return z.reshape(z.shape[0], -1) if head is None else z[:, head]


def test_z_steer_and_ablate_match_run_with_hooks(model, z_lens):
    lens, cfg, state, head = z_lens
    W_dec = torch.from_numpy(state["W_dec"]).double()
    tokens = lens.to_tokens(PROMPT)[0]
    dense = helpers.reference_encode(cfg, state, _x(model, tokens, head).numpy())
    active = [int(f) for f in np.argsort(-(dense > 0).sum(0))[:3]]
    assert (dense[:, active] > 0).sum() > 5
    with torch.no_grad():
        clean = model(tokens[None])[0]

        def steered(x):
            y = x.clone()
            y[[2, 5]] += 4.0 * W_dec[active[0]] - 2.0 * W_dec[active[1]]
            return y

        r = lens.steer(tokens, {active[0]: 4.0, active[1]: -2.0}, positions=[2, 5])
        ref = model.run_with_hooks(tokens[None], fwd_hooks=[(HOOK, _with(head, steered))])[0]
        torch.testing.assert_close(r.logits_clean, clean, rtol=1e-4, atol=1e-4)
        torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
        assert (r.logits_after[:2] - clean[:2]).abs().max() < 1e-4
        assert (r.logits_after[2] - clean[2]).abs().max() > 1e-2

        def ablated(x):
            acts = torch.from_numpy(helpers.reference_encode(cfg, state, x.numpy()))
            return x - acts[:, active] @ W_dec[active]

        r = lens.ablate(tokens, active)
        ref = model.run_with_hooks(tokens[None], fwd_hooks=[(HOOK, _with(head, ablated))])[0]
    torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
    assert (r.logits_after - clean).abs().max() > 1e-3

    # greedy continuation with the key-value cache == a loop of full forward passes
    r = lens.steer(tokens[:6], {active[0]: 40.0}, max_new_tokens=5)
    seq = tokens[:6].clone()
    with torch.no_grad():
        for _ in range(5):
            hook = _with(head, lambda x: x + 40.0 * W_dec[active[0]])
            logits = model.run_with_hooks(seq[None], fwd_hooks=[(HOOK, hook)])[0, -1]
            seq = torch.cat([seq, logits.argmax()[None]])
    assert r.new_tokens_after.tolist() == seq[6:].tolist()


def test_z_attribution_matches_brute_force_autograd(model, z_lens):
    lens, cfg, state, head = z_lens
    tokens = lens.to_tokens(PROMPT)[0]
    position = 9
    df = lens.attribute(tokens, position=position)
    acts = torch.from_numpy(helpers.reference_encode(cfg, state, _x(model, tokens, head).numpy()))
    W_dec = torch.from_numpy(state["W_dec"]).double()
    c = torch.ones_like(acts, requires_grad=True)
    hook = _with(head, lambda x: x + ((c - 1) * acts) @ W_dec)
    model.zero_grad(set_to_none=True)
    logits = model.run_with_hooks(tokens[None], fwd_hooks=[(HOOK, hook)])[0, position]
    logits.log_softmax(-1)[int(logits.argmax())].backward()
    model.zero_grad(set_to_none=True)
    ref = c.grad.numpy()
    want = {(p, f) for p, f in zip(*np.nonzero(acts.numpy()[: position + 1]), strict=True)}
    assert len(want) > 5 and set(zip(df["pos"], df["feature"], strict=True)) == want
    np.testing.assert_allclose(
        df["attribution"], ref[df["pos"], df["feature"]], rtol=1e-3, atol=1e-6
    )
    assert df["attribution"].abs().max() > 1e-4
