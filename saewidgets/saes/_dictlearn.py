"""dictionary_learning (saprmarks): ``ae.pt`` (a state dict) + ``config.json``.

``trainer.dict_class`` picks the encode, each as that class defines it:
- ``AutoEncoder``: ``relu(encoder(x - bias))``; decode ``decoder(f) + bias``.
- ``AutoEncoderTopK``: ``relu(encoder(x - b_dec))``, then the top ``k``.
- ``BatchTopKSAE``: ``relu(encoder(x - b_dec))`` kept where above the learned scalar
  ``threshold`` (its inference mode).
- ``JumpReluAutoEncoder``: ``relu(pre * (pre > threshold))``, ``pre = x @ W_enc + b_enc``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from saewidgets._checks import cfg_dict, cfg_int
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_widths, read_json
from saewidgets.saes._torchfile import load_state
from saewidgets.saes._weights import SAEWeights, float_copy, jumprelu_weights

NAME = "dictionary_learning"
EXPECTS = "ae.pt + config.json (trainer.dict_class)"
CLASSES = ("AutoEncoder", "AutoEncoderTopK", "BatchTopKSAE", "BatchTopK", "JumpReluAutoEncoder")


def _file(path: Path) -> Path:
    return path if path.is_file() else path / "ae.pt"


def detect(path: Path) -> bool:
    """``ae.pt`` with ``config.json`` next to it."""
    file = _file(path)
    return file.name == "ae.pt" and file.is_file() and (file.parent / "config.json").is_file()


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read ``ae.pt`` with the encode of the class its config names."""
    file = _file(path)
    where = str(file.parent / "config.json")
    cfg = read_json(file.parent / "config.json")
    trainer = cfg_dict(cfg.get("trainer", {}), where, "trainer")
    sae = _build(file, cfg, trainer)
    check_widths(sae, trainer, ("activation_dim", "dict_size"), where)
    return sae


def _build(file: Path, cfg: dict[str, Any], trainer: dict[str, Any]) -> SAEWeights:
    where = str(file.parent / "config.json")
    cls = trainer.get("dict_class")
    if cls not in CLASSES:
        raise SAEConfigError(
            f"{file.parent / 'config.json'} names dict_class {cls!r}; supported: "
            f"{', '.join(CLASSES)}."
        )
    state = load_state(file)
    common: dict[str, Any] = {
        "hook_name": _hook(trainer),
        "model_name": trainer.get("lm_name"),
        "source": str(file),
        "format": NAME,
        "cfg": cfg,
    }
    if cls == "JumpReluAutoEncoder":
        _need(state, ("W_enc", "W_dec", "b_enc", "b_dec", "threshold"), file)
        return jumprelu_weights(state, **common)
    bias = "bias" if cls == "AutoEncoder" else "b_dec"
    _need(state, ("encoder.weight", "encoder.bias", "decoder.weight", bias), file)
    tensors: dict[str, Any] = {
        "W_enc": float_copy(state["encoder.weight"]).T.contiguous(),
        "W_dec": float_copy(state["decoder.weight"]).T.contiguous(),
        "b_enc": float_copy(state["encoder.bias"]),
        "b_dec": float_copy(state[bias]),
    }
    if cls == "AutoEncoder":
        return SAEWeights(**tensors, architecture="standard", **common)
    if cls == "AutoEncoderTopK":
        k = int(state["k"]) if "k" in state else cfg_int(trainer, "k", 0, where)
        return SAEWeights(**tensors, architecture="topk", k=k, **common)
    _need(state, ("threshold",), file)
    threshold = float_copy(state["threshold"]).reshape(()).expand(tensors["b_enc"].shape)
    return SAEWeights(**tensors, architecture="jumprelu", threshold=threshold.clone(), **common)


def _need(state: dict[str, Any], names: tuple[str, ...], file: Path) -> None:
    missing = [n for n in names if n not in state]
    if missing:
        raise SAEConfigError(f"{file} lacks {missing}; found {sorted(state)}.")
    for n in names:
        if not isinstance(state[n], torch.Tensor):
            raise SAEConfigError(f"{file}: {n!r} is a {type(state[n]).__name__}, not a tensor.")


def _hook(trainer: dict[str, Any]) -> str | None:
    """The residual-stream hook of ``layer`` when the submodule is the residual stream."""
    layer, sub = trainer.get("layer"), str(trainer.get("submodule_name") or "resid_post")
    if isinstance(layer, int) and "resid" in sub:
        return f"blocks.{layer}.hook_resid_post"
    return None
