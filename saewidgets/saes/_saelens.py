"""The SAELens format: ``cfg.json`` + ``sae_weights.safetensors``, SAELens objects and release ids
(read without SAELens except for release ids).

Training checkpoints are read as SAELens's inference save would write them:
``rescale_acts_by_decoder_norm`` is folded into the weights (``fold_decoder_norms``) and
``normalize_activations="expected_average_only_in"`` takes its factor from the
``activation_scaler.json`` saved next to the checkpoint (``fold_input_scale``); without that
file the SAE is refused. Transcoders (``transcoder``, ``skip_transcoder``, ``jumprelu_*``) read
``hook_name`` and write ``hook_name_out``; a skip transcoder's ``W_skip`` is kept. As SAELens's
``Transcoder.decode``, a transcoder normalises its input but does not invert it on the output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from saewidgets._checks import cfg_bool, cfg_dict, cfg_int, cfg_number, cfg_text
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_tensors, check_widths, read_json, read_safetensors
from saewidgets.saes._registry import CONVERSIONS
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
#: SAELens transcoder architectures and the activation each encodes with
_TRANSCODERS = {
    "transcoder": "standard",
    "skip_transcoder": "standard",
    "jumprelu_transcoder": "jumprelu",
    "jumprelu_skip_transcoder": "jumprelu",
}
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
_SETTINGS |= {t: _SETTINGS[a] | {"d_out"} for t, a in _TRANSCODERS.items()}


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
    return from_state_dict(cfg, state, source=str(path), input_scale=_scaler(path))


def _scaler(path: Path) -> float | None:
    """The ``scaling_factor`` of SAELens's ``activation_scaler.json`` next to a checkpoint
    (None when there is no file or no factor); whitening is refused."""
    file = path / _SCALER
    if not file.is_file():
        return None
    data = read_json(file)
    if data.get("has_whitening"):
        raise SAEConfigError(
            f"{file} holds an activation whitening, which saewidgets does not read; use the "
            "final SAE SAELens saves for inference (the whitening folded into its weights)."
        )
    if data.get("scaling_factor") is None:
        return None
    return cfg_number(data, "scaling_factor", 0.0, str(file), positive=True)


def from_state_dict(
    cfg: dict[str, Any],
    state: dict[str, torch.Tensor],
    source: str = "",
    input_scale: float | None = None,
) -> SAEWeights:
    """Build ``SAEWeights`` from a SAELens config dict and state dict (tensors are copied);
    ``input_scale`` is the checkpoint's ``activation_scaler.json`` factor, if any; every config
    value is checked for its type (``"prepend_bos": "no"`` is refused)."""
    where = f"the config of {source}" if source else "the SAE config"
    meta = cfg_dict(cfg_dict(cfg, where).get("metadata") or {}, where, "metadata")
    flat = {**meta, **{k: v for k, v in cfg.items() if k != "metadata"}}
    check_tensors(state, source or "the SAE's state dict")
    declared = str(flat.get("architecture") or "")
    arch = _architecture(flat, state)
    if isinstance(cfg.get("metadata"), dict) and "architecture" in cfg:  # SAELens >= 6 layout
        _check_settings(declared, cfg, source)
    w = _tensors(arch, state, source, skip="skip" in declared)
    kwargs = cfg_dict(flat.get("activation_fn_kwargs") or {}, where, "activation_fn_kwargs")
    k = cfg_int(flat, "k", None, where, 1) or cfg_int(kwargs, "k", None, where, 1)
    if arch == "topk" and not k:
        raise SAEConfigError(f"TopK SAE {source} has no 'k' in its config.")
    rescale = cfg_bool(flat, "rescale_acts_by_decoder_norm", False, where)
    # as SAELens's trainer: the dataset scale folded first, then the inference save's folds
    norm, w = _normalisation(flat, w, input_scale, source)
    if rescale and input_scale is not None and arch in CONVERSIONS:
        w["threshold"] = w["threshold"] / input_scale  # BatchTopK's threshold follows the fold
    if rescale:
        w = fold_decoder_norms(w)
    if arch in CONVERSIONS:  # a training checkpoint, read as SAELens saves it for inference
        CONVERSIONS[arch].convert(w, flat)
        arch = CONVERSIONS[arch].reads_as
    transcoder = str(flat.get("architecture")) in _TRANSCODERS
    params: dict[str, Any] = dict(w)
    sae = SAEWeights(
        **params,
        architecture=arch,
        k=k if arch == "topk" else None,
        apply_b_dec_to_input=cfg_bool(flat, "apply_b_dec_to_input", not transcoder, where),
        normalize_activations=norm,
        hook_name=cfg_text(flat, "hook_name", where) or cfg_text(flat, "hook_point", where),
        hook_name_out=cfg_text(flat, "hook_name_out", where) if transcoder else None,
        unnormalise_output=not transcoder,  # SAELens's transcoders decode without the inverse
        hook_head_index=cfg_int(flat, "hook_head_index", None, where, 0),
        model_name=cfg_text(flat, "model_name", where),
        prepend_bos=cfg_bool(flat, "prepend_bos", True, where),
        context_size=flat.get("context_size"),  # checked where used: Lens(context_size=) wins
        reshape_activations=cfg_text(flat, "reshape_activations", where) or "none",
        source=source,
        format=NAME,
        cfg=cfg,
    )
    check_widths(sae, flat, ("d_in", "d_sae"), where)
    return sae


def _tensors(
    arch: str, state: dict[str, torch.Tensor], source: str, skip: bool
) -> dict[str, torch.Tensor]:
    """Our tensors from SAELens's names for ``arch`` (with ``W_skip`` for a skip
    transcoder); a tensor the architecture does not have is refused."""
    names = dict(_TENSORS[arch]) | ({"W_skip": "W_skip"} if skip else {})
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
    if arch in CONVERSIONS and "threshold" in state and "topk_threshold" not in state:
        arch = "jumprelu"  # already converted for inference, under its training name
    arch = _TRANSCODERS.get(arch, arch)
    if arch not in _TENSORS:
        raise SAEConfigError(
            f"SAELens SAE architecture {arch!r} is not supported; supported: "
            f"{', '.join([*_TENSORS, *_TRANSCODERS])} (BatchTopK and Matryoshka read as SAELens "
            "converts them for inference: JumpReLU at the learned threshold)."
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
