"""Formats whose trainer cannot be installed, on a real model against a RESTATEMENT of the
trainer's equations (``tests/saes/trainers.py``): OpenAI TopK (layer-normalised input: steer and
ablate at the model's scale), Gemma Scope transcoders (with Gemma Scope 2's affine skip) and a
Llama Scope SAE whose ``hook_point_out`` differs from ``hook_point_in``, read as in → out."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from safetensors.numpy import save_file

import saewidgets as sw
from tests.models import trainer_checks as tc
from tests.saes import trainers

PROMPT = "Return a new dictionary initialized from an optional positional argument."
MLP_IN, MLP_OUT = "blocks.0.ln2.hook_normalized", "blocks.0.hook_mlp_out"


def _check(lens, ref, model, read, write):
    run = tc.tl_runner(model, read, write)
    errors = tc.compare(lens, ref, run, lens.to_tokens(PROMPT)[0])
    assert max(errors.values()) < 1e-4, errors


def test_openai_topk_layer_norm(tmp_path, model):
    state = trainers.write_openai(tmp_path / "sae.pt", seed=3, topk=True)
    lens = sw.Lens(model, tmp_path / "sae.pt", hook="blocks.0.hook_resid_post")
    hook = "blocks.0.hook_resid_post"
    _check(lens, trainers.openai_reference(state), model, hook, hook)


@pytest.mark.parametrize("skip", [False, True])
def test_gemmascope_transcoder(tmp_path, model, skip):
    p = trainers.gemmascope_params(seed=5)
    p["threshold"] = p["threshold"] * 0.2  # fires on the tiny model's MLP inputs
    folder = tmp_path / "gemma-scope-2-transcoder" / "layer_0" / "width_96"
    folder.mkdir(parents=True)
    skip_w = np.random.default_rng(1).standard_normal((32, 32)).astype(np.float32) * 0.1
    tensors = {k.lower(): v for k, v in p.items()}
    if skip:
        tensors["affine_skip_connection"] = skip_w
    save_file(tensors, str(folder / "params.safetensors"))
    lens = sw.Lens(model, folder)
    assert (lens.hook, lens.hook_out) == (MLP_IN, MLP_OUT)
    assert (lens.sae.W_skip is not None) == skip
    ref = trainers.jumprelu_reference(p, skip_w if skip else None)
    _check(lens, ref, model, MLP_IN, MLP_OUT)
    x = torch.randn(5, 32)
    z = lens.sae.encode(x)
    torch.testing.assert_close(lens.sae.decode(z, x), ref.decode(ref.encode(x), x))


def test_llamascope_in_to_out(tmp_path, model):
    saved = trainers.write_llamascope(
        tmp_path / "ls",
        seed=4,
        hook_point_in=MLP_IN,
        hook_point_out=MLP_OUT,
        jump_relu_threshold=0.05,
        dataset_average_activation_norm={"in": 6.0, "out": 2.0},
    )
    lens = sw.Lens(model, tmp_path / "ls")
    assert (lens.hook, lens.hook_out) == (MLP_IN, MLP_OUT)
    _check(lens, trainers.llamascope_reference(saved), model, MLP_IN, MLP_OUT)
