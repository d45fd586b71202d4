"""The GroupMax SAE (eai-sparsify ``activation="groupmax"``): the latents split into ``k``
equal contiguous groups; in each group only the largest ``relu(pre)`` is kept."""

from __future__ import annotations

from typing import Any

import torch

from saewidgets.saes._arch import Architecture, Sparse, nonzero


def _activate(pre: torch.Tensor, sae: Any) -> torch.Tensor:
    groups = pre.relu().unflatten(-1, (sae.k, -1))
    vals, idx = groups.max(dim=-1, keepdim=True)
    return torch.zeros_like(groups).scatter_(-1, idx, vals).flatten(-2)


def _activate_sparse(pre: torch.Tensor, sae: Any) -> Sparse:
    return nonzero(_activate(pre, sae))


def _check(sae: Any) -> str | None:
    if sae.k is None or not 1 <= sae.k <= sae.d_sae or sae.d_sae % sae.k:
        return f"GroupMax needs k groups dividing d_sae={sae.d_sae}, found k={sae.k}"
    if sae.rescale_acts_by_decoder_norm:
        return "a GroupMax SAE does not rescale its activations by decoder norms"
    return None


GROUPMAX = Architecture(
    name="groupmax",
    extra_tensors=(),
    activate=_activate,
    activate_sparse=_activate_sparse,
    check=_check,
    summary="the largest ReLU pre-activation of each of k equal groups (sparsify GroupMax)",
)
