"""BatchTopK SAEs, read as their trainers convert them for inference: a JumpReLU whose threshold
is the one learned batch threshold, for every feature.

Training keeps the ``k * batch`` largest activations of a batch (which depends on the batch), and
learns a scalar threshold alongside (SAELens ``topk_threshold``, dictionary_learning
``threshold``). SAELens's ``save_inference_model`` writes that scalar as a per-feature JumpReLU
``threshold`` (after folding a dataset scale, which divides the threshold too, and, with
``rescale_acts_by_decoder_norm``, the decoder row norms: ``_weights.fold_input_scale`` and
``fold_decoder_norms``, applied by the SAELens reader); dictionary_learning's ``encode``
keeps ``relu(pre)`` where above the threshold. A threshold below zero means none was learned yet
(SAELens starts at 0, dictionary_learning at -1): both trainers then keep every positive
activation, and so does this reading.
"""

from __future__ import annotations

from typing import Any

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._arch import Conversion


def to_jumprelu(tensors: dict[str, torch.Tensor], settings: dict[str, Any]) -> None:
    """Turn a BatchTopK state (``threshold`` a scalar) into its JumpReLU form, in place; the
    reader has folded any decoder norms and dataset scale first (``_weights``)."""
    threshold = tensors["threshold"]
    if threshold.numel() != 1:
        raise SAEConfigError(
            f"A BatchTopK SAE learns one threshold; this checkpoint holds {threshold.numel()} "
            f"(shape {tuple(threshold.shape)}). Save it with its trainer's own code."
        )
    d_sae = tensors["b_enc"].shape[0]
    tensors["threshold"] = threshold.reshape(()).to(torch.float32).expand(d_sae).clone()


BATCHTOPK = Conversion(
    name="batchtopk",
    reads_as="jumprelu",
    convert=to_jumprelu,
    summary="JumpReLU at the learned batch threshold (SAELens, dictionary_learning BatchTopK)",
)
