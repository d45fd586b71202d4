"""Lens: hooks, widths, tokens, early stop, and the errors users meet first."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from tests import helpers


def test_encode_matches_full_forward_reference(model, sae_dirs):
    import json

    from safetensors.numpy import load_file

    lens = sw.Lens(model, sae_dirs["standard"])
    text = "Return a new dictionary initialized from an optional positional argument."
    acts = lens.encode(text)
    toks = lens.to_tokens(text)
    _, cache = model.run_with_cache(toks, names_filter=lens.hook)
    cfg = json.loads((sae_dirs["standard"] / "cfg.json").read_text())
    state = load_file(str(sae_dirs["standard"] / "sae_weights.safetensors"))
    ref = helpers.reference_encode(cfg, state, cache[lens.hook][0].double().numpy())
    assert acts.shape == (toks.shape[1], lens.d_sae)
    np.testing.assert_allclose(acts.numpy(), ref, rtol=1e-4, atol=1e-5)
    assert lens.to_str_tokens(text)[0] == "<bos>"
    assert "".join(lens.to_str_tokens(text)[1:]) == text


def test_batch_encode_pads_with_zeros(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["topk"])
    short, long = "Sort a list.", "Return the number of items in a sequence or collection."
    batch = lens.encode([short, long])
    n_short = len(lens.to_str_tokens(short))
    assert batch.shape[0] == 2
    torch.testing.assert_close(batch[0, :n_short], lens.encode(short), rtol=1e-4, atol=1e-5)
    assert batch[0, n_short:].abs().sum() == 0
    torch.testing.assert_close(batch[1], lens.encode(long), rtol=1e-4, atol=1e-5)


def test_runs_only_up_to_the_hook(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["standard"])
    later = []
    handle = model.blocks[1].hook_resid_post.add_hook(lambda act, hook: later.append(1))
    try:
        lens.encode("Any text at all.")
    finally:
        model.reset_hooks(including_permanent=False)
        del handle
    assert later == []


def test_unknown_hook_lists_close_names(model, sae_dirs):
    folder = sae_dirs["standard"]
    with pytest.raises(sw.HookError, match="blocks.0.hook_resid_post"):
        sw.Lens(model, folder, hook="blocks.0.hook_resid_pots")


def test_explicit_hook_wins_over_the_saes(model, sae_dirs):
    """An explicit hook= is used even when the SAE names another (the width check applies)."""
    lens = sw.Lens(model, sae_dirs["standard"], hook="blocks.1.hook_resid_post")
    assert lens.hook == "blocks.1.hook_resid_post" and lens.layer == 1
    with pytest.raises(sw.SAEConfigError, match="32-wide.*64 wide"):
        sw.Lens(model, sae_dirs["standard"], hook="blocks.1.mlp.hook_post")


def test_sparsify_hook_name_translated(model, tmp_path):
    """An SAE config naming the HF module path (``layers.1``) reads blocks.1.hook_resid_post."""
    folder = helpers.write_sae(tmp_path / "l", hook_name="layers.1")
    assert sw.Lens(model, folder).hook == "blocks.1.hook_resid_post"


def test_width_mismatch(model, tmp_path):
    folder = helpers.write_sae(tmp_path / "w", d_in=64, hook_name="blocks.0.hook_resid_post")
    with pytest.raises(sw.SAEConfigError, match="64-wide.*32 wide"):
        sw.Lens(model, folder)


def test_mlp_hook_width_ok(model, tmp_path):
    folder = helpers.write_sae(tmp_path / "m", d_in=64, hook_name="blocks.1.mlp.hook_post")
    lens = sw.Lens(model, folder)
    assert lens.layer == 1 and lens.output_directions().shape == (96, 32)


def test_empty_and_long_text(model, sae_dirs):
    lens = sw.Lens(model, sae_dirs["standard"])
    with pytest.raises(sw.DataError, match="Empty text"):
        lens.encode("")
    with pytest.raises(sw.DataError, match="longer|context"):
        lens.encode("word " * 200)


def test_nan_activations(tokenizer, sae_dirs):
    broken = helpers.build_model(tokenizer)
    with torch.no_grad():
        broken.W_E[5:] = float("nan")
    lens = sw.Lens(broken, sae_dirs["standard"])
    with pytest.raises(sw.ActivationError, match="NaN"):
        lens.encode("Return the number of items.")


def test_not_a_model(sae_dirs):
    with pytest.raises(sw.SAEConfigError, match="HookedTransformer"):
        sw.Lens(object(), sae_dirs["standard"])


def test_hub_names_fail_clearly_offline(sae_dirs):
    """Model names and SAELens release ids use the real loaders; offline they say what failed."""
    import os
    import subprocess
    import sys

    code = f"""
import saewidgets as sw
from saewidgets.saes._load import load_sae
for call in (lambda: load_sae("gpt2-small-res-jb/blocks.8.hook_resid_pre"),
             lambda: sw.Lens("gpt2", {str(sae_dirs["standard"])!r})):
    try:
        call()
    except sw.SAEConfigError as exc:
        print("OK", str(exc)[:60])
"""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    lines = out.stdout.splitlines()
    assert [line[:2] for line in lines] == ["OK", "OK"], out.stderr[-2000:]
    assert "release 'gpt2-small-res-jb'" in lines[0] and "model 'gpt2'" in lines[1]
