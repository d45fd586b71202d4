"""Gemma Scope: ``params.npz`` (W_enc, W_dec, b_enc, b_dec, threshold) and Gemma Scope 2's
``params.safetensors`` (the same tensors with lower-case keys: ``w_enc`` …).

JumpReLU: ``relu(pre) * (pre > threshold)`` with ``pre = x @ W_enc + b_enc`` (no b_dec
subtraction). The files do not name the hook; a residual-stream release's ``layer_L/``
folder gives it. A transcoder release (``transcoder`` in the path) reads the MLP's input
(``blocks.L.ln2.hook_normalized``) and writes its output (``blocks.L.hook_mlp_out``), as
SAELens's loader names them; Gemma Scope 2's ``affine_skip_connection [d_in, d_out]`` is the
skip term (``W_skip`` is its transpose).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import read_npz, read_safetensors
from saewidgets.saes._weights import SAEWeights, float_copy, jumprelu_weights

NAME = "gemmascope"
EXPECTS = "params.npz or params.safetensors with W_enc, W_dec, b_enc, b_dec, threshold"
_FILES = ("params.npz", "params.safetensors")
_SKIP = "affine_skip_connection"  # Gemma Scope 2's skip transcoders: [d_in, d_out]


def _file(path: Path) -> Path | None:
    if path.is_file() and path.name in _FILES:
        return path
    return next((path / f for f in _FILES if (path / f).is_file()), None)


def detect(path: Path) -> bool:
    """A folder holding ``params.npz`` or ``params.safetensors`` (or that file itself)."""
    return _file(path) is not None


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read the parameters file; keys are matched case-insensitively."""
    file = _file(path)
    assert file is not None
    state: dict[str, Any] = read_npz(file) if file.suffix == ".npz" else read_safetensors(file)
    lower = {k.lower(): v for k, v in state.items()}
    names = ("w_enc", "w_dec", "b_enc", "b_dec", "threshold")
    missing = [n for n in names if n not in lower]
    if missing:
        raise SAEConfigError(f"{file} lacks {missing}; found {sorted(state)}.")
    unknown = sorted(k for k in state if k.lower() not in (*names, _SKIP))
    if unknown:
        raise SAEConfigError(
            f"{file} holds {unknown}, which a Gemma Scope JumpReLU SAE does not have (it has "
            f"{', '.join(names)}, any case, and a transcoder's {_SKIP}); saewidgets does not "
            "drop tensors."
        )
    m = re.search(r"layer_(\d+)", str(file))
    hooks: dict[str, Any] = {"hook_name": None}
    if m and "transcoder" in str(file):
        layer = m.group(1)
        hooks = {
            "hook_name": f"blocks.{layer}.ln2.hook_normalized",
            "hook_name_out": f"blocks.{layer}.hook_mlp_out",
        }
    elif m and "res" in str(file):
        hooks["hook_name"] = f"blocks.{m.group(1)}.hook_resid_post"
    skip = lower.get(_SKIP)
    return jumprelu_weights(
        {"W_enc": lower["w_enc"], "W_dec": lower["w_dec"], **lower},
        W_skip=None if skip is None else float_copy(skip).T.contiguous(),
        source=str(file),
        format=NAME,
        **hooks,
    )
