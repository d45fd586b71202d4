"""Steer, ablate and attribute against hand-written run_with_hooks and brute-force autograd."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

import saewidgets as sw
from tests import helpers

PROMPT = "Return a new dictionary initialized from an optional positional argument."


def _reference(sae_dir):
    cfg = json.loads((sae_dir / "cfg.json").read_text())
    return cfg, load_file(str(sae_dir / "sae_weights.safetensors"))


def _logits_with(model, tokens, hook_name, fn):
    """Full forward of ``tokens [pos]`` with ``fn(x [pos, d_in]) -> x`` at ``hook_name``."""

    def hook(act, hook):
        return fn(act[0].double()).to(act.dtype)[None]

    with torch.no_grad():
        return model.run_with_hooks(tokens[None], fwd_hooks=[(hook_name, hook)])[0]


@pytest.mark.parametrize("arch", list(helpers.ARCH_OVERRIDES))
def test_steer_and_ablate_match_run_with_hooks(model, sae_dirs, arch):
    lens = sw.Lens(model, sae_dirs[arch])
    cfg, state = _reference(sae_dirs[arch])
    W_dec = torch.from_numpy(state["W_dec"]).double()
    tokens = lens.to_tokens(PROMPT)[0]
    with torch.no_grad():
        clean = model(tokens[None])[0]
    dense = helpers.reference_encode(cfg, state, _hook_acts(model, tokens, lens.hook))
    active = [int(f) for f in np.flatnonzero(dense.max(0) > 0)[:3]]

    def steered(x):
        y = x.clone()
        y[[1, 4]] += 3.0 * W_dec[active[0]] - 1.5 * W_dec[active[1]]
        return y

    r = lens.steer(PROMPT, {active[0]: 3.0, active[1]: -1.5}, positions=[1, 4])
    torch.testing.assert_close(r.logits_clean, clean, rtol=1e-4, atol=1e-4)
    ref = _logits_with(model, tokens, lens.hook, steered)
    torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
    assert (r.logits_after[:1] - clean[:1]).abs().max() < 1e-4  # before the first edit: unchanged
    assert (r.logits_after[1] - clean[1]).abs().max() > 1e-2

    def ablated(x):
        acts = torch.from_numpy(helpers.reference_encode(cfg, state, x.numpy()))
        return x - acts[:, active] @ W_dec[active]

    r = lens.ablate(PROMPT, active)
    ref = _logits_with(model, tokens, lens.hook, ablated)
    torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
    assert r.kl.shape == (len(tokens),) and r.kl.max() > 0
    p = clean.double().softmax(-1)
    q = ref.double().softmax(-1)
    np.testing.assert_allclose(r.kl, (p * (p.log() - q.log())).sum(-1).numpy(), atol=1e-6)


def _hook_acts(model, tokens, hook):
    _, cache = model.run_with_cache(tokens[None], names_filter=hook)
    return cache[hook][0].double().numpy()


def test_generation_matches_greedy_loop_without_cache(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["standard"])
    W_dec = torch.from_numpy(_reference(sae_dirs["standard"])[1]["W_dec"]).double()
    tokens = lens.to_tokens("Sort a list.")[0]
    r = lens.steer(tokens, {7: 25.0}, max_new_tokens=6)

    def greedy(fn):
        seq = tokens.clone()
        for _ in range(6):
            logits = _logits_with(model, seq, lens.hook, fn)
            seq = torch.cat([seq, logits[-1].argmax()[None]])
        return seq[len(tokens) :]

    clean = greedy(lambda x: x)
    after = greedy(lambda x: x + 25.0 * W_dec[7])
    assert r.new_tokens_clean.tolist() == clean.tolist()
    assert r.new_tokens_after.tolist() == after.tolist()
    assert clean.tolist() != after.tolist()  # the test can fail: steering changes the text
    assert r.text_clean == lens.model.tokenizer.decode(clean.tolist())
    assert r.text_after == lens.model.tokenizer.decode(after.tolist())
    assert lens.steer(tokens, {7: 25.0}).text_after == ""


def test_top_tokens_lists_largest_probability_changes(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["topk"])
    r = lens.steer(PROMPT, {3: 8.0})
    df = r.top_tokens(position=-1, k=5)
    assert list(df.columns) == ["token", "token_id", "p_clean", "p_after", "delta"]
    p = r.logits_clean[-1].double().softmax(-1).numpy()
    q = r.logits_after[-1].double().softmax(-1).numpy()
    best = np.argsort(-np.abs(q - p))[:5]
    assert df["token_id"].tolist() == best.tolist()
    np.testing.assert_allclose(df["delta"], (q - p)[best], atol=1e-9)
    assert df["token"].tolist() == [lens.vocab()[i] for i in best]


@pytest.mark.parametrize("arch", list(helpers.ARCH_OVERRIDES))
def test_attribution_matches_brute_force_autograd(model, sae_dirs, arch):
    lens = sw.Lens(model, sae_dirs[arch])
    cfg, state = _reference(sae_dirs[arch])
    tokens = lens.to_tokens(PROMPT)[0]
    position = 9
    df = lens.attribute(tokens, position=position)
    # brute force: scale every (pos, feature) by c = 1 and differentiate m with respect to c
    acts = torch.from_numpy(
        helpers.reference_encode(cfg, state, _hook_acts(model, tokens, lens.hook))
    )
    W_dec = torch.from_numpy(state["W_dec"]).double()
    c = torch.ones_like(acts, requires_grad=True)

    def hook(act, hook):
        return (act[0].double() + ((c - 1) * acts) @ W_dec).to(act.dtype)[None]

    model.zero_grad(set_to_none=True)
    logits = model.run_with_hooks(tokens[None], fwd_hooks=[(lens.hook, hook)])[0, position]
    target = int(logits.argmax())
    logits.log_softmax(-1)[target].backward()
    model.zero_grad(set_to_none=True)
    ref = c.grad.numpy()
    assert df.attrs["target"] == target and df.attrs["position"] == position
    assert list(df.columns) == ["pos", "token", "feature", "activation", "attribution"]
    want = {(p, f) for p, f in zip(*np.nonzero(acts.numpy()[: position + 1]), strict=True)}
    assert set(zip(df["pos"], df["feature"], strict=True)) == want
    np.testing.assert_allclose(
        df["attribution"], ref[df["pos"], df["feature"]], rtol=1e-3, atol=1e-5
    )
    np.testing.assert_allclose(df["activation"], acts.numpy()[df["pos"], df["feature"]], rtol=1e-4)
    assert np.all(np.diff(df["attribution"].abs()) <= 1e-12)  # sorted by |attribution|
    assert df["attribution"].abs().max() > 1e-4


def test_attribution_target_and_labels(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    df = lens.attribute(PROMPT, target=5)
    assert df.attrs["target"] == 5
    notes = sw.Annotations(tmp_path / "a.db")
    f = int(df["feature"].iloc[0])
    notes.set(lens, f, label="<b>first</b>")
    labelled = lens.attribute(PROMPT, target=5, annotations=notes)
    assert labelled.loc[labelled["feature"] == f, "label"].iloc[0] == "<b>first</b>"
    assert set(labelled["label"]) >= {""}


def test_bad_input_is_named(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["standard"])
    with pytest.raises(sw.FeatureIndexError, match="outside"):
        lens.steer(PROMPT, {10_000: 1.0})
    with pytest.raises(sw.DataError, match="list of feature ids"):
        lens.ablate(PROMPT, {1: 2.0})  # type: ignore[arg-type]
    with pytest.raises(sw.DataError, match="strength"):
        lens.steer(PROMPT, [1, 2])  # type: ignore[arg-type]
    with pytest.raises(sw.DataError, match="positions"):
        lens.steer(PROMPT, {1: 1.0}, positions=[99])
    with pytest.raises(sw.DataError, match="context"):
        lens.steer(PROMPT, {1: 1.0}, max_new_tokens=500)
    with pytest.raises(sw.DataError, match="1-D"):
        lens.attribute(torch.zeros((1, 3), dtype=torch.long))
    with pytest.raises(sw.DataError, match="outside"):
        lens.attribute(PROMPT, position=200)
    with pytest.raises(sw.DataError, match="target"):
        lens.attribute(PROMPT, target=10**9)


def test_adapter_without_a_cache_generates_the_same(model, sae_dirs):
    from saewidgets.models._hooked import HookedAdapter

    class NoCache(HookedAdapter):
        def new_cache(self, batch):
            return None

    cached = sw.Lens(model, sae_dirs["standard"])
    plain = sw.Lens(NoCache(model), sae_dirs["standard"])
    a = cached.ablate("Sort a list.", [1, 2, 3], max_new_tokens=5)
    b = plain.ablate("Sort a list.", [1, 2, 3], max_new_tokens=5)
    c = plain.steer("Sort a list.", {7: 25.0}, max_new_tokens=5)
    assert a.new_tokens_after.tolist() == b.new_tokens_after.tolist()
    assert (
        c.new_tokens_after.tolist()
        == cached.steer("Sort a list.", {7: 25.0}, max_new_tokens=5).new_tokens_after.tolist()
    )
    assert c.new_tokens_after.tolist() != c.new_tokens_clean.tolist()
