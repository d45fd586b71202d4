"""Matryoshka BatchTopK SAEs (SAELens ``matryoshka_batchtopk``, dictionary_learning
``MatryoshkaBatchTopKSAE``): a BatchTopK SAE whose latents are trained in nested groups.

The groups shape only the training loss: both trainers encode and decode with every latent, as
BatchTopK does (``_batchtopk``). The groups are checked against the dictionary: SAELens's
``matryoshka_widths`` end at ``d_sae``, dictionary_learning's ``group_sizes`` sum to it.
"""

from __future__ import annotations

from typing import Any

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._arch import Conversion
from saewidgets.saes._batchtopk import to_jumprelu


def _convert(tensors: dict[str, torch.Tensor], settings: dict[str, Any]) -> None:
    d_sae = int(tensors["b_enc"].shape[0])
    widths = [int(w) for w in settings.get("matryoshka_widths") or ()]
    sizes = [int(s) for s in settings.get("group_sizes") or ()]
    if not widths and sizes:
        widths = [sum(sizes[: i + 1]) for i in range(len(sizes))]
    if not widths or widths[-1] != d_sae or widths != sorted(set(widths)) or widths[0] <= 0:
        raise SAEConfigError(
            f"A Matryoshka SAE's nested groups must grow and end at d_sae={d_sae}; this one "
            f"has widths {widths or 'none'}. Pass the checkpoint its trainer wrote, with the "
            "config it was trained with."
        )
    to_jumprelu(tensors, settings)


MATRYOSHKA_BATCHTOPK = Conversion(
    name="matryoshka_batchtopk",
    reads_as="jumprelu",
    convert=_convert,
    summary="as BatchTopK; its nested groups only shape training (SAELens, dictionary_learning)",
)
