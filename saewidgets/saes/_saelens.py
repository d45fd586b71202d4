"""The SAELens format: ``cfg.json`` + ``sae_weights.safetensors``, SAELens objects and release ids
(read without SAELens except for release ids).

Training checkpoints are read as SAELens's inference save would write them:
``rescale_acts_by_decoder_norm`` is folded into the weights (``fold_decoder_norms``) and
``normalize_activations="expected_average_only_in"`` takes its factor from the
``activation_scaler.json`` saved next to the checkpoint (``fold_input_scale``); without that
file the SAE is refused. Transcoders (``transcoder``, ``skip_transcoder``, ``jumprelu_*``) read
``hook_name`` and write ``hook_name_out``; a skip transcoder's ``W_skip`` is kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._weights import (
    DATASET_SCALE,
    SAEWeights,
    float_copy,
    fold_decoder_norms,
    fold_input_scale,
)

NAME = "saelens"
EXPECTS = "cfg.json + sae_weights.safetensors"
_CFG = "cfg.json"
_WEIGHTS = "sae_weights.safetensors"
_SCALER = "activation_scaler.json"
_ARCHS = ("standard", "topk", "jumprelu")
#: SAELens transcoder architectures and the activation each encodes with
_TRANSCODERS = {
    "transcoder": "standard",
    "skip_transcoder": "standard",
    "jumprelu_transcoder": "jumprelu",
    "jumprelu_skip_transcoder": "jumprelu",
}


def detect(path: Path) -> bool:
    """A folder holding SAELens's weights file."""
    return (path / _WEIGHTS).is_file()


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read a SAELens-format folder."""
    return load_sae_folder(path)


def load_sae_folder(path: Path) -> SAEWeights:
    """Load a SAELens-format folder (``cfg.json`` + ``sae_weights.safetensors``)."""
    from safetensors.torch import load_file

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
    try:
        cfg = json.loads(cfg_path.read_text())
    except json.JSONDecodeError as exc:
        raise SAEConfigError(f"{cfg_path} is not valid JSON ({exc}).") from exc
    state = load_file(str(weights_path))
    return from_state_dict(cfg, state, source=str(path), input_scale=_scaler(path))


def _scaler(path: Path) -> float | None:
    """The ``scaling_factor`` of SAELens's ``activation_scaler.json`` next to a checkpoint
    (None when there is no file or no factor); whitening is refused."""
    file = path / _SCALER
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text())
    except json.JSONDecodeError as exc:
        raise SAEConfigError(f"{file} is not valid JSON ({exc}).") from exc
    if data.get("has_whitening"):
        raise SAEConfigError(
            f"{file} holds an activation whitening, which saewidgets does not read; use the "
            "final SAE SAELens saves for inference (the whitening folded into its weights)."
        )
    factor = data.get("scaling_factor")
    if factor is not None and not (isinstance(factor, (int, float)) and factor > 0):
        raise SAEConfigError(f"{file}: scaling_factor={factor!r} is not a positive number.")
    return None if factor is None else float(factor)


def from_state_dict(
    cfg: dict[str, Any],
    state: dict[str, torch.Tensor],
    source: str = "",
    input_scale: float | None = None,
) -> SAEWeights:
    """Build ``SAEWeights`` from a SAELens config dict and state dict (tensors are copied);
    ``input_scale`` is the checkpoint's ``activation_scaler.json`` factor, if any."""
    meta = dict(cfg.get("metadata") or {})
    flat = {**meta, **{k: v for k, v in cfg.items() if k != "metadata"}}
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
    k = flat.get("k") or (flat.get("activation_fn_kwargs") or {}).get("k")
    if arch == "topk" and not k:
        raise SAEConfigError(f"TopK SAE {source} has no 'k' in its config.")
    rescale = bool(flat.get("rescale_acts_by_decoder_norm", False))
    if rescale:  # SAELens's inference save folds the decoder norms
        w = fold_decoder_norms(w)
    norm, w = _normalisation(flat, w, input_scale, source)
    transcoder = str(flat.get("architecture")) in _TRANSCODERS
    return SAEWeights(
        W_enc=w["W_enc"],
        W_dec=w["W_dec"],
        b_enc=w["b_enc"],
        b_dec=w["b_dec"],
        architecture=arch,
        threshold=threshold,
        k=int(k) if arch == "topk" and k is not None else None,
        apply_b_dec_to_input=bool(flat.get("apply_b_dec_to_input", not transcoder)),
        normalize_activations=norm,
        hook_name=flat.get("hook_name") or flat.get("hook_point"),
        hook_name_out=flat.get("hook_name_out") if transcoder else None,
        W_skip=float_copy(state["W_skip"]) if "W_skip" in state else None,
        hook_head_index=flat.get("hook_head_index"),
        model_name=flat.get("model_name"),
        prepend_bos=bool(flat.get("prepend_bos", True)),
        context_size=flat.get("context_size"),
        reshape_activations=flat.get("reshape_activations") or "none",
        source=source,
        format=NAME,
        cfg=cfg,
    )


def _normalisation(
    flat: dict[str, Any], w: dict[str, torch.Tensor], input_scale: float | None, source: str
) -> tuple[str, dict[str, torch.Tensor]]:
    """The run-time normalisation left after folding a dataset-wise scale into ``w``."""
    norm = flat.get("normalize_activations") or "none"
    if isinstance(norm, bool):  # old SAELens configs
        norm = DATASET_SCALE if norm else "none"
    if norm == DATASET_SCALE and input_scale is None:
        raise SAEConfigError(
            f"SAE {source}: normalize_activations={DATASET_SCALE!r}, but no {_SCALER} with its "
            "scaling factor was found next to it. SAELens writes that file next to each "
            "training checkpoint: keep it in the folder, or load the final SAE SAELens saved "
            "for inference (the factor folded in)."
        )
    if norm != DATASET_SCALE and input_scale is not None:
        raise SAEConfigError(
            f"SAE {source}: {_SCALER} holds scaling_factor={input_scale} but the config says "
            f"normalize_activations={norm!r}; the checkpoint is inconsistent."
        )
    if input_scale is not None:
        return "none", fold_input_scale(w, input_scale)
    return str(norm), w


def _architecture(flat: dict[str, Any], state: dict[str, torch.Tensor]) -> str:
    arch = flat.get("architecture")
    if arch is None:
        act = flat.get("activation_fn") or flat.get("activation_fn_str") or "relu"
        arch = "topk" if act == "topk" else "standard"
    if arch == "batchtopk" and ("threshold" in state or "log_threshold" in state):
        arch = "jumprelu"  # BatchTopK is saved for inference as JumpReLU
    arch = _TRANSCODERS.get(arch, arch)
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
