"""The JumpReLU SAE: ``relu(pre) * (pre > threshold)`` with a threshold per feature."""

from __future__ import annotations

from typing import Any

import torch

from saewidgets.saes._arch import Architecture, Sparse, no_check, nonzero


def _activate(pre: torch.Tensor, sae: Any) -> torch.Tensor:
    return pre.relu() * (pre > sae.threshold)


def _activate_sparse(pre: torch.Tensor, sae: Any) -> Sparse:
    return nonzero(pre.relu() * (pre > sae.threshold))


JUMPRELU = Architecture(
    name="jumprelu",
    extra_tensors=("threshold",),
    activate=_activate,
    activate_sparse=_activate_sparse,
    check=no_check,
    summary="ReLU gated by a per-feature threshold (Gemma Scope, Llama Scope, BatchTopK)",
)
