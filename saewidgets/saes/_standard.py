"""The standard (ReLU) SAE: ``relu(pre)``."""

from __future__ import annotations

from typing import Any

import torch

from saewidgets.saes._arch import Architecture, Sparse, no_check, nonzero


def _activate(pre: torch.Tensor, sae: Any) -> torch.Tensor:
    return pre.relu()


def _activate_sparse(pre: torch.Tensor, sae: Any) -> Sparse:
    return nonzero(pre.relu_())


STANDARD = Architecture(
    name="standard",
    extra_tensors=(),
    activate=_activate,
    activate_sparse=_activate_sparse,
    check=no_check,
    summary="ReLU",
)
