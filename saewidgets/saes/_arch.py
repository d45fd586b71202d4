"""What an SAE architecture is: the tensors it owns and its activation function.

Each architecture lives in its own module (``_standard``, ``_topk``, ``_jumprelu``, ``_gated``,
``_groupmax``; ``_batchtopk`` and ``_matryoshka`` convert to JumpReLU) and is
registered in ``_registry``. ``SAEWeights`` moves, fingerprints and validates exactly the tensors
its architecture declares, so a new tensor cannot be left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch

#: tensors every architecture has: W_enc [d_in, d_sae], W_dec [d_sae, d_in], b_enc, b_dec
COMMON_TENSORS = ("W_enc", "W_dec", "b_enc", "b_dec")

Sparse = tuple[torch.Tensor, torch.Tensor, torch.Tensor]


@dataclass(frozen=True)
class Architecture:
    """An SAE activation function and the tensors and settings it needs.

    ``activate(pre, sae)`` maps encoder pre-activations ``[..., d_sae]`` to dense activations;
    ``activate_sparse(pre, sae)`` maps ``[n, d_sae]`` to (row, feature, value), row-major.
    ``check(sae)`` returns a problem description, or None when the SAE is valid.
    """

    name: str
    extra_tensors: tuple[str, ...]
    activate: Callable[[torch.Tensor, Any], torch.Tensor]
    activate_sparse: Callable[[torch.Tensor, Any], Sparse]
    check: Callable[[Any], str | None]
    summary: str

    @property
    def tensors(self) -> tuple[str, ...]:
        """Names of every tensor an SAE of this architecture holds."""
        return COMMON_TENSORS + self.extra_tensors


def nonzero(acts: torch.Tensor) -> Sparse:
    """(row, feature, value) of the non-zero entries of ``acts [n, d_sae]``, row-major."""
    rows, feats = acts.nonzero(as_tuple=True)
    return rows, feats, acts[rows, feats]


def no_check(sae: Any) -> str | None:
    """Architectures with no settings of their own are always valid."""
    return None


@dataclass(frozen=True)
class Conversion:
    """An architecture trained in one form and read in another, as its trainer converts it for
    inference (BatchTopK is read as JumpReLU).

    ``convert(tensors, settings)`` turns the trainer's tensors, under the common names plus the
    architecture's own, into the tensors of ``reads_as``, in place.
    """

    name: str
    reads_as: str
    convert: Callable[[dict[str, torch.Tensor], dict[str, Any]], None]
    summary: str
