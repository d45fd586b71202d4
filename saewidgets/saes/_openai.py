"""OpenAI sparse_autoencoder: a ``.pt`` state dict (``pre_bias``, ``encoder.weight [d_sae, d_in]``,
``latent_bias``, ``decoder.weight [d_in, d_sae]``, ``activation`` and its state).

Their ``Autoencoder.encode``: ``activation(encoder(x - pre_bias) + latent_bias)``; a TopK
activation keeps the ``k`` largest then applies ReLU, and (as their ``from_state_dict`` decides)
a TopK model layer-normalises its input first (mean 0, ``x / (std + 1e-5)``).
"""

from __future__ import annotations

import re
from pathlib import Path

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._torchfile import load_state
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "openai"
EXPECTS = "a .pt state dict with pre_bias, encoder.weight, latent_bias, decoder.weight"
_KEYS = ("pre_bias", "encoder.weight", "latent_bias", "decoder.weight")
# what their Autoencoder.state_dict also writes: activation statistics and the activation
_OTHER = (
    "stats_last_nonzero",
    "latents_activation_frequency",
    "latents_mean_square",
    "activation",
    "activation_state_dict",
)


def _file(path: Path) -> Path | None:
    if path.is_file():
        return path if path.suffix == ".pt" else None
    files = sorted(p for p in path.glob("*.pt") if p.name != "ae.pt") if path.is_dir() else []
    return files[0] if len(files) == 1 else None


def detect(path: Path) -> bool:
    """A ``.pt`` file (or a folder holding exactly one) other than dictionary_learning's
    (``ae.pt`` beside a ``config.json``, or ``checkpoints/ae_<step>.pt``)."""
    file = _file(path)
    if file is None or (file.name == "ae.pt" and (file.parent / "config.json").exists()):
        return False
    return not (file.parent.name == "checkpoints" and re.fullmatch(r"ae_\d+\.pt", file.name))


def confirm(path: Path) -> bool:
    """Whether the ``.pt`` that ``detect`` found holds OpenAI's tensors (read only when another
    format matches the folder too: a SAELens checkpoint folder also holds a training-state .pt)."""
    file = _file(path)
    try:
        state = load_state(file) if file is not None else {}
    except SAEConfigError:
        return False
    return all(k in state for k in _KEYS)


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read the state dict with the activation it names."""
    file = _file(path)
    assert file is not None
    state = load_state(file)
    missing = [n for n in _KEYS if n not in state]
    if missing:
        hint = ""
        if {"b_dec", "bias", "decoder_bias", "threshold"} & set(state):
            hint = (
                " It looks like a dictionary_learning state dict: dictionary_learning reads it "
                "with the trainer's config.json next to ae.pt, or one folder up for "
                "checkpoints/ae_<step>.pt."
            )
        raise SAEConfigError(f"{file} lacks {missing}; found {sorted(state)}.{hint}")
    unknown = sorted(set(state) - set(_KEYS) - set(_OTHER))
    if unknown:
        raise SAEConfigError(
            f"{file} holds {unknown}, which openai/sparse_autoencoder's Autoencoder does not "
            f"write (it writes {', '.join(_KEYS + _OTHER)}); saewidgets does not drop them."
        )
    activation = state.get("activation", "ReLU")
    if activation not in ("ReLU", "TopK"):
        raise SAEConfigError(f"{file}: activation {activation!r} is not ReLU or TopK.")
    k = None
    if activation == "TopK":
        act_state = state.get("activation_state_dict") or {}
        if set(act_state) - {"k", "postact_fn"}:
            raise SAEConfigError(
                f"{file}: the TopK activation state holds {sorted(act_state)}; saewidgets "
                "reads k and postact_fn only and does not drop the rest."
            )
        k = act_state.get("k")
        if isinstance(k, torch.Tensor) and k.numel() == 1 and not k.is_floating_point():
            k = int(k)
        if isinstance(k, bool) or not isinstance(k, int):
            raise SAEConfigError(f"{file}: TopK activation_state_dict k={k!r} is not an integer.")
        if act_state.get("postact_fn", "ReLU") != "ReLU":
            raise SAEConfigError(f"{file}: TopK post-activation must be ReLU.")
    return SAEWeights(
        W_enc=float_copy(state["encoder.weight"]).T.contiguous(),
        W_dec=float_copy(state["decoder.weight"]).T.contiguous(),
        b_enc=float_copy(state["latent_bias"]),
        b_dec=float_copy(state["pre_bias"]),
        architecture="topk" if activation == "TopK" else "standard",
        k=k,
        normalize_activations="layer_norm" if activation == "TopK" else "none",
        source=str(file),
        format=NAME,
    )
