"""The SAELens format: ``cfg.json`` + ``sae_weights.safetensors``, SAELens objects and release ids
(read without SAELens except for release ids)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch

from saewidgets._errors import SAEConfigError
from saewidgets.saes._registry import CONVERSIONS
from saewidgets.saes._weights import NORMALISATIONS, SAEWeights, float_copy

NAME = "saelens"
EXPECTS = "cfg.json + sae_weights.safetensors"
_CFG = "cfg.json"
_WEIGHTS = "sae_weights.safetensors"
_COMMON = {n: n for n in ("W_enc", "W_dec", "b_enc", "b_dec")}
# SAELens's tensor names for each architecture it saves, by our names
_TENSORS: dict[str, dict[str, str]] = {
    "standard": _COMMON,
    "topk": _COMMON,
    "jumprelu": {**_COMMON, "threshold": "threshold"},
    "gated": {**_COMMON, "b_enc": "b_gate", "r_mag": "r_mag", "b_mag": "b_mag"},
    "batchtopk": {**_COMMON, "threshold": "topk_threshold"},
    "matryoshka_batchtopk": {**_COMMON, "threshold": "topk_threshold"},
}
# the config fields of SAELens 6.54's inference and training classes of each architecture
_BASE_SETTINGS = frozenset(
    "architecture metadata d_in d_sae dtype device apply_b_dec_to_input normalize_activations "
    "reshape_activations decoder_init_norm".split()
)
_TOPK = {"k", "rescale_acts_by_decoder_norm", "aux_loss_coefficient", "use_sparse_activations"}
_SETTINGS: dict[str, set[str]] = {
    "standard": {"l1_coefficient", "l1_warm_up_steps", "lp_norm"},
    "gated": {"l1_coefficient", "l1_warm_up_steps"},
    "topk": _TOPK,
    "jumprelu": set(
        "jumprelu_bandwidth jumprelu_init_threshold jumprelu_sparsity_loss_mode "
        "jumprelu_ste_to_input jumprelu_tanh_scale l0_coefficient l0_warm_up_steps "
        "pre_act_loss_coefficient target_l0".split()
    ),
    "batchtopk": _TOPK | {"topk_threshold_lr"},
    "matryoshka_batchtopk": _TOPK
    | {"topk_threshold_lr", "matryoshka_widths", "use_matryoshka_aux_loss"},
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
    return from_state_dict(cfg, state, source=str(path))


def from_state_dict(
    cfg: dict[str, Any], state: dict[str, torch.Tensor], source: str = ""
) -> SAEWeights:
    """Build ``SAEWeights`` from a SAELens config dict and state dict (tensors are copied)."""
    meta = dict(cfg.get("metadata") or {})
    flat = {**meta, **{k: v for k, v in cfg.items() if k != "metadata"}}
    arch = _architecture(flat, state)
    if isinstance(cfg.get("metadata"), dict) and "architecture" in cfg:  # SAELens >= 6 layout
        _check_settings(str(cfg["architecture"]), cfg, source)
    tensors: dict[str, Any] = _tensors(arch, state, source)
    rescale = bool(flat.get("rescale_acts_by_decoder_norm", False))
    if arch in CONVERSIONS:  # a training checkpoint, read as SAELens saves it for inference
        settings = {"rescale_acts_by_decoder_norm": rescale, **flat}
        CONVERSIONS[arch].convert(tensors, settings)
        arch, rescale = CONVERSIONS[arch].reads_as, False
    norm = flat.get("normalize_activations") or "none"
    if norm is True:
        norm = "expected_average_only_in"
    if norm is False:
        norm = "none"
    if norm not in NORMALISATIONS:
        raise SAEConfigError(f"normalize_activations={norm!r} is not one of {NORMALISATIONS}.")
    k = flat.get("k") or (flat.get("activation_fn_kwargs") or {}).get("k")
    if arch == "topk" and not k:
        raise SAEConfigError(f"TopK SAE {source} has no 'k' in its config.")
    hook = flat.get("hook_name") or flat.get("hook_point")
    return SAEWeights(
        **tensors,
        architecture=arch,
        k=int(k) if arch == "topk" and k is not None else None,
        apply_b_dec_to_input=bool(flat.get("apply_b_dec_to_input", True)),
        normalize_activations=norm,
        rescale_acts_by_decoder_norm=rescale,
        hook_name=hook,
        hook_head_index=flat.get("hook_head_index"),
        model_name=flat.get("model_name"),
        prepend_bos=bool(flat.get("prepend_bos", True)),
        context_size=flat.get("context_size"),
        reshape_activations=flat.get("reshape_activations") or "none",
        source=source,
        format=NAME,
        cfg=cfg,
    )


def _tensors(arch: str, state: dict[str, torch.Tensor], source: str) -> dict[str, torch.Tensor]:
    """Our tensors from SAELens's names for ``arch``; a tensor it does not have is refused."""
    names = dict(_TENSORS[arch])
    if arch == "jumprelu" and "threshold" not in state and "log_threshold" in state:
        names["threshold"] = "log_threshold"  # a JumpReLU training checkpoint
    unknown = sorted(set(state) - set(names.values()))
    if unknown:
        raise SAEConfigError(
            f"SAE weights {source} hold {unknown}, which SAELens's {arch} SAE does not have "
            f"(it has {sorted(names.values())}); saewidgets does not drop tensors. Save the SAE "
            "with SAELens's own save_model or save_inference_model."
        )
    missing = sorted(set(names.values()) - set(state))
    if missing:
        raise SAEConfigError(f"SAE weights {source} lack {missing}; found {sorted(state)}.")
    out = {ours: float_copy(state[theirs]) for ours, theirs in names.items()}
    if names.get("threshold") == "log_threshold":
        out["threshold"] = out["threshold"].exp()
    return out


def _check_settings(arch: str, cfg: dict[str, Any], source: str) -> None:
    """Refuse a config field SAELens 6's ``arch`` config classes do not have."""
    known = _BASE_SETTINGS | _SETTINGS[arch]
    unknown = sorted(set(cfg) - known)
    if unknown:
        raise SAEConfigError(
            f"SAE config {source} has {unknown}, which SAELens's {arch} config does not; "
            "saewidgets does not ignore settings. The closest supported config is the one "
            f"SAELens writes for a {arch} SAE: {', '.join(sorted(known))}."
        )


def _architecture(flat: dict[str, Any], state: dict[str, torch.Tensor]) -> str:
    arch = flat.get("architecture")
    if arch is None:
        act = flat.get("activation_fn") or flat.get("activation_fn_str") or "relu"
        arch = "topk" if act == "topk" else "standard"
    if arch in CONVERSIONS and "threshold" in state and "topk_threshold" not in state:
        arch = "jumprelu"  # already converted for inference, under its training name
    if arch not in _TENSORS:
        raise SAEConfigError(
            f"SAELens SAE architecture {arch!r} is not supported; supported: "
            f"{', '.join(_TENSORS)} (BatchTopK and Matryoshka read as SAELens converts them for "
            "inference: JumpReLU at the learned threshold)."
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
