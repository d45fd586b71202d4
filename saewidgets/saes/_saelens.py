"""The SAELens format: ``cfg.json`` + ``sae_weights.safetensors``, SAELens objects and release ids
(read without SAELens except for release ids)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from saewidgets._checks import cfg_bool, cfg_dict, cfg_int, cfg_text
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_tensors, check_widths, read_json, read_safetensors
from saewidgets.saes._weights import NORMALISATIONS, SAEWeights, float_copy

NAME = "saelens"
EXPECTS = "cfg.json + sae_weights.safetensors"
_CFG = "cfg.json"
_WEIGHTS = "sae_weights.safetensors"
_ARCHS = ("standard", "topk", "jumprelu")


def detect(path: Path) -> bool:
    """A folder holding SAELens's weights file."""
    return (path / _WEIGHTS).is_file()


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read a SAELens-format folder."""
    return load_sae_folder(path)


def load_sae_folder(path: Path) -> SAEWeights:
    """Load a SAELens-format folder (``cfg.json`` + ``sae_weights.safetensors``)."""
    path = Path(path)
    if not path.is_dir():
        raise SAEConfigError(f"{path} is not a folder; an SAE folder holds {_CFG} and {_WEIGHTS}.")
    cfg_path, weights_path = path / _CFG, path / _WEIGHTS
    if not cfg_path.exists():
        raise SAEConfigError(
            f"{path} has no {_CFG}: it is not a SAELens-format SAE folder. Save the SAE with "
            f"SAELens's `sae.save_model(folder)`, or point at the folder that holds {_CFG}."
        )
    if not weights_path.exists():
        raise SAEConfigError(f"{path} has {_CFG} but no {_WEIGHTS}; the weights file is missing.")
    cfg = read_json(cfg_path)
    state = read_safetensors(weights_path)
    return from_state_dict(cfg, state, source=str(path))


def from_state_dict(
    cfg: dict[str, Any], state: dict[str, torch.Tensor], source: str = ""
) -> SAEWeights:
    """Build ``SAEWeights`` from a SAELens config dict and state dict (tensors are copied);
    every config value is checked for its type (``"prepend_bos": "no"`` is refused)."""
    where = f"the config of {source}" if source else "the SAE config"
    meta = cfg_dict(cfg_dict(cfg, where).get("metadata") or {}, where, "metadata")
    flat = {**meta, **{k: v for k, v in cfg.items() if k != "metadata"}}
    check_tensors(state, source or "the SAE's state dict")
    arch = _architecture(flat, state)
    missing = [n for n in ("W_enc", "W_dec", "b_enc", "b_dec") if n not in state]
    if missing:
        raise SAEConfigError(f"SAE weights {source or ''} lack {missing}; found {sorted(state)}.")
    w = {n: float_copy(state[n]) for n in ("W_enc", "W_dec", "b_enc", "b_dec")}
    threshold = None
    if arch == "jumprelu":
        if "threshold" in state:
            threshold = float_copy(state["threshold"])
        elif "log_threshold" in state:
            threshold = float_copy(state["log_threshold"]).exp()
        else:
            raise SAEConfigError(f"JumpReLU SAE {source} has no 'threshold' tensor.")
    norm = flat.get("normalize_activations") or "none"
    if norm is True:
        norm = "expected_average_only_in"
    if norm is False:
        norm = "none"
    if norm not in NORMALISATIONS:
        raise SAEConfigError(f"normalize_activations={norm!r} is not one of {NORMALISATIONS}.")
    kwargs = cfg_dict(flat.get("activation_fn_kwargs") or {}, where, "activation_fn_kwargs")
    k = cfg_int(flat, "k", None, where, 1) or cfg_int(kwargs, "k", None, where, 1)
    if arch == "topk" and not k:
        raise SAEConfigError(f"TopK SAE {source} has no 'k' in its config.")
    sae = SAEWeights(
        **w,
        architecture=arch,
        threshold=threshold,
        k=k if arch == "topk" else None,
        apply_b_dec_to_input=cfg_bool(flat, "apply_b_dec_to_input", True, where),
        normalize_activations=norm,
        rescale_acts_by_decoder_norm=cfg_bool(flat, "rescale_acts_by_decoder_norm", False, where),
        hook_name=cfg_text(flat, "hook_name", where) or cfg_text(flat, "hook_point", where),
        hook_head_index=cfg_int(flat, "hook_head_index", None, where, 0),
        model_name=cfg_text(flat, "model_name", where),
        prepend_bos=cfg_bool(flat, "prepend_bos", True, where),
        context_size=cfg_int(flat, "context_size", None, where, 1),
        reshape_activations=cfg_text(flat, "reshape_activations", where) or "none",
        source=source,
        format=NAME,
        cfg=cfg,
    )
    check_widths(sae, flat, ("d_in", "d_sae"), where)
    return sae


def _architecture(flat: dict[str, Any], state: dict[str, torch.Tensor]) -> str:
    arch = flat.get("architecture")
    if arch is None:
        act = flat.get("activation_fn") or flat.get("activation_fn_str") or "relu"
        arch = "topk" if act == "topk" else "standard"
    if arch == "batchtopk" and ("threshold" in state or "log_threshold" in state):
        arch = "jumprelu"  # BatchTopK is saved for inference as JumpReLU
    if arch not in _ARCHS:
        raise SAEConfigError(
            f"SAE architecture {arch!r} is not supported; supported: {', '.join(_ARCHS)} "
            "(BatchTopK saved as JumpReLU works too)."
        )
    return arch


def from_saelens_object(sae: Any) -> SAEWeights:
    cfg = sae.cfg.to_dict() if hasattr(sae.cfg, "to_dict") else dict(vars(sae.cfg))
    state = {k: v for k, v in sae.state_dict().items()}
    return from_state_dict(cfg, state, source=f"SAELens {type(sae).__name__} object")


def load_release(release_id: str) -> SAEWeights:
    release, _, sae_id = release_id.partition("/")
    try:
        from sae_lens import SAE
    except ImportError as exc:
        raise SAEConfigError(
            f"Loading the SAELens release {release_id!r} needs SAELens: "
            "`pip install 'saewidgets[saelens]'`, or pass a folder saved with `sae.save_model()`."
        ) from exc
    try:
        loaded = SAE.from_pretrained(release, sae_id)
    except Exception as exc:  # network or unknown id: say which
        raise SAEConfigError(
            f"SAELens could not load release {release!r}, sae_id {sae_id!r}: {exc}. Check the id "
            "against SAELens's pretrained_saes.yaml and that the model hub is reachable."
        ) from exc
    sae = loaded[0] if isinstance(loaded, tuple) else loaded
    return from_saelens_object(sae)
