"""The Gated SAE (Rajamanoharan et al. 2024): a gate and a magnitude path sharing ``W_enc``.

``pre = x @ W_enc + b_enc`` is the gate's pre-activation (``b_enc`` is the gate bias: SAELens's
``b_gate``, dictionary_learning's ``gate_bias``); a latent is active where ``pre > 0``, with the
magnitude ``relu(exp(r_mag) * (x @ W_enc) + b_mag)`` (dictionary_learning ``GatedAutoEncoder``,
SAELens ``GatedSAE``).
"""

from __future__ import annotations

from typing import Any

import torch

from saewidgets.saes._arch import Architecture, Sparse, nonzero


def _activate(pre: torch.Tensor, sae: Any) -> torch.Tensor:
    magnitude = (pre - sae.b_enc) * sae.r_mag.exp() + sae.b_mag
    return magnitude.relu() * (pre > 0)


def _activate_sparse(pre: torch.Tensor, sae: Any) -> Sparse:
    return nonzero(_activate(pre, sae))


def _check(sae: Any) -> str | None:
    if sae.rescale_acts_by_decoder_norm:
        return "a Gated SAE does not rescale its activations by decoder norms"
    return None


GATED = Architecture(
    name="gated",
    extra_tensors=("r_mag", "b_mag"),
    activate=_activate,
    activate_sparse=_activate_sparse,
    check=_check,
    summary="gate pre > 0 times relu of the magnitude path (dictionary_learning, SAELens Gated)",
)
