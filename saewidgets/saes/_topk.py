"""The TopK SAE: the ``k`` largest pre-activations of each token, through ReLU."""

from __future__ import annotations

from typing import Any

import torch

from saewidgets.saes._arch import Architecture, Sparse


def _activate(pre: torch.Tensor, sae: Any) -> torch.Tensor:
    vals, idx = pre.topk(sae.k, dim=-1, sorted=False)
    return torch.zeros_like(pre).scatter_(-1, idx, vals.relu())


def _activate_sparse(pre: torch.Tensor, sae: Any) -> Sparse:
    vals, idx = pre.topk(sae.k, dim=-1, sorted=False)
    idx, order = idx.sort(dim=-1)
    vals = vals.gather(-1, order).relu_()
    keep = vals > 0
    rows = torch.arange(pre.shape[0], device=pre.device).unsqueeze(1).expand_as(idx)
    return rows[keep], idx[keep], vals[keep]


def _check(sae: Any) -> str | None:
    if sae.k is None or not 1 <= sae.k <= sae.d_sae:
        return f"TopK needs k in 1..d_sae={sae.d_sae}, found k={sae.k}"
    return None


TOPK = Architecture(
    name="topk",
    extra_tensors=(),
    activate=_activate,
    activate_sparse=_activate_sparse,
    check=_check,
    summary="ReLU of the k largest pre-activations (sparsify, OpenAI, dictionary_learning TopK)",
)
