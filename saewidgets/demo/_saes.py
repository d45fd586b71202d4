"""The demo SAEs shipped in the package (SAELens on-disk format)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from saewidgets._errors import SAEConfigError

DEMO_HOOK = "blocks.6.hook_resid_post"
"""Residual stream after block 6 of 30: cheap to reach (7 blocks), and apart from the massive
activations on " the" it spreads over many directions (see ``data/demo_saes/METRICS.md``)."""

SAE_KINDS = ("topk", "relu", "relu-cluster")


def demo_sae_path(kind: str = "topk") -> Path:
    """Folder with ``cfg.json`` and ``sae_weights.safetensors`` of the demo SAE of this kind."""
    if kind not in SAE_KINDS:
        raise SAEConfigError(f"Unknown demo SAE kind {kind!r}; use one of {SAE_KINDS}.")
    return Path(str(files("saewidgets") / "data" / "demo_saes" / kind))
