"""Llama Scope (OpenMOSS lm-saes): ``hyperparams.json`` + ``checkpoints/final.safetensors``
(``encoder.weight [d_sae, d_in]``, ``encoder.bias``, ``decoder.weight [d_in, d_sae]``,
``decoder.bias``).

Encode: the input is rescaled by ``sqrt(d_in) / dataset_average_activation_norm.in``, then
``pre = x @ W_enc + b_enc`` and JumpReLU with the scalar ``jump_relu_threshold`` (no b_dec
subtraction). The input scale is folded into ``W_enc`` and the output scale into the decoder, so
``decode`` returns activations at the model's own scale.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "llamascope"
EXPECTS = "hyperparams.json + checkpoints/final.safetensors"


def detect(path: Path) -> bool:
    """A folder with ``hyperparams.json`` and ``checkpoints/final.safetensors``."""
    return (path / "hyperparams.json").is_file() and (
        path / "checkpoints" / "final.safetensors"
    ).is_file()


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read the final checkpoint with its input/output norm scales folded in."""
    from safetensors.torch import load_file

    cfg = json.loads((path / "hyperparams.json").read_text())
    state = load_file(str(path / "checkpoints" / "final.safetensors"))
    names = ("encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias")
    missing = [n for n in names if n not in state]
    if missing:
        raise SAEConfigError(f"{path} checkpoint lacks {missing}; found {sorted(state)}.")
    W_enc = float_copy(state["encoder.weight"]).T.contiguous()
    d_in = W_enc.shape[0]
    norms = cfg.get("dataset_average_activation_norm") or {}
    scale_in = d_in**0.5 / float(norms["in"]) if "in" in norms else 1.0
    scale_out = d_in**0.5 / float(norms["out"]) if "out" in norms else scale_in
    threshold = float(cfg.get("jump_relu_threshold", 0.0))
    b_enc = float_copy(state["encoder.bias"])
    return SAEWeights(
        W_enc=W_enc * scale_in,
        W_dec=float_copy(state["decoder.weight"]).T.contiguous() / scale_out,
        b_enc=b_enc,
        b_dec=float_copy(state["decoder.bias"]) / scale_out,
        threshold=torch.full_like(b_enc, threshold),
        architecture="jumprelu",
        apply_b_dec_to_input=False,
        hook_name=cfg.get("hook_point_in"),
        model_name=cfg.get("model_name"),
        source=str(path),
        format=NAME,
        cfg=cfg,
    )
