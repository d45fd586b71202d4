"""dictionary_learning (saprmarks) 0.1: what its ``trainSAE`` writes into each ``trainer_<i>``
folder of its ``save_dir``: ``config.json`` (the trainer's config), the final ``ae.pt`` and the
checkpoints ``checkpoints/ae_<step>.pt`` (config one folder up), each a state dict.

``trainer.dict_class`` names the class; each is read as that class's ``encode`` computes (see
``_LAYOUTS``): ``AutoEncoder`` ReLU, ``AutoEncoderTopK`` TopK, ``BatchTopKSAE`` and
``MatryoshkaBatchTopKSAE`` JumpReLU at the learned threshold, ``JumpReluAutoEncoder`` JumpReLU
without ``b_dec`` subtracted, ``GatedAutoEncoder`` Gated. trainSAE scales the biases back before it
saves, so every file encodes raw activations. A tensor, class or setting not listed is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from saewidgets._checks import cfg_int
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_widths, read_json
from saewidgets.saes._registry import CONVERSIONS
from saewidgets.saes._torchfile import load_state
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "dictionary_learning"
EXPECTS = (
    "a trainSAE trainer folder (config.json + ae.pt), its ae.pt, or a checkpoint "
    "checkpoints/ae_<step>.pt with config.json one folder up"
)
_CHECKPOINT = re.compile(r"ae_\d+\.pt")
_LINEAR = {"W_enc": "encoder.weight", "b_enc": "encoder.bias", "W_dec": "decoder.weight"}
_PLAIN = {n: n for n in ("W_enc", "b_enc", "W_dec", "b_dec")}


@dataclass(frozen=True)
class _Layout:
    """How one class stores its tensors: our name -> its state key; ``unused`` are tensors its
    ``encode``/``decode`` never read (training state)."""

    architecture: str
    names: dict[str, str]
    unused: tuple[str, ...] = ()
    apply_b_dec_to_input: bool = True


_LAYOUTS = {
    "AutoEncoder": _Layout("standard", {**_LINEAR, "b_dec": "bias"}),
    "AutoEncoderTopK": _Layout("topk", {**_LINEAR, "b_dec": "b_dec"}, ("k", "threshold")),
    "BatchTopKSAE": _Layout(
        "batchtopk", {**_LINEAR, "b_dec": "b_dec", "threshold": "threshold"}, ("k",)
    ),
    "MatryoshkaBatchTopKSAE": _Layout(
        "matryoshka_batchtopk", {**_PLAIN, "threshold": "threshold"}, ("k", "group_sizes")
    ),
    "JumpReluAutoEncoder": _Layout("jumprelu", {**_PLAIN, "threshold": "threshold"}, (), False),
    "GatedAutoEncoder": _Layout(
        "gated",
        {
            "W_enc": "encoder.weight",
            "W_dec": "decoder.weight",
            "b_dec": "decoder_bias",
            "b_enc": "gate_bias",
            "r_mag": "r_mag",
            "b_mag": "mag_bias",
        },
    ),
}
_LAYOUTS["BatchTopK"] = _LAYOUTS["BatchTopKSAE"]
# settings every trainer of dictionary_learning 0.1 writes; they shape training, not encode
_TRAINER_KEYS = frozenset(
    "activation_dim anneal_start auxk_alpha bandwidth decay_start device dict_class dict_size "
    "group_fractions group_sizes group_weights k l1_penalty layer lm_name lr n_sparsity_updates "
    "norm_factor p_end p_start resample_steps seed sparsity_function sparsity_penalty "
    "sparsity_queue_length sparsity_warmup_steps steps submodule_name target_l0 threshold_beta "
    "threshold_start_step top_k_aux trainer_class wandb_name warmup_steps".split()
)
_BUFFER_KEYS = frozenset(
    "d_submodule io n_ctxs ctx_len refresh_batch_size out_batch_size device layer".split()
)


def _locate(path: Path) -> tuple[Path, Path] | None:
    """(state file, config.json) when ``path`` is a trainer folder, its ae.pt or a checkpoint."""
    if path.is_dir():
        path = path / "ae.pt"
    if path.name == "ae.pt":
        config = path.parent / "config.json"
    elif _CHECKPOINT.fullmatch(path.name) and path.parent.name == "checkpoints":
        config = path.parent.parent / "config.json"
    else:
        return None
    return (path, config) if path.is_file() and config.is_file() else None


def _choices(path: Path) -> list[Path]:
    """What a folder that is not one SAE holds: trainer folders (a trainSAE ``save_dir``), or
    checkpoints (a trainer folder with no final ae.pt yet, or its ``checkpoints`` folder)."""
    if not path.is_dir():
        return []
    trainers = [p for p in path.iterdir() if (p / "config.json").is_file() and p.is_dir()]
    trainers = [p for p in trainers if (p / "ae.pt").is_file() or (p / "checkpoints").is_dir()]
    if trainers:
        return sorted(trainers, key=_natural)
    folder = path / "checkpoints" if (path / "config.json").is_file() else path
    if folder.name != "checkpoints" or not (folder.parent / "config.json").is_file():
        return []
    files = (p for p in folder.glob("ae_*.pt") if _CHECKPOINT.fullmatch(p.name))
    return sorted(files, key=_natural)


def _natural(p: Path) -> list[Any]:
    return [int(s) if s.isdigit() else s for s in re.split(r"(\d+)", p.name)]


def detect(path: Path) -> bool:
    """A trainer folder, its ``ae.pt`` or checkpoint, or a folder of trainers or checkpoints."""
    return _locate(path) is not None or bool(_choices(path))


def why_not(path: Path) -> str:
    """Where the files were looked for, when ``path`` is not in this format."""
    file = path / "ae.pt" if path.is_dir() else path
    if _CHECKPOINT.fullmatch(file.name):
        return (
            f"a checkpoint ae_<step>.pt is read with the trainer's config.json one folder up, "
            f"at {file.parent.parent / 'config.json'} (trainSAE writes checkpoints into "
            "<save_dir>/trainer_<i>/checkpoints/)"
        )
    if file.name != "ae.pt":
        return f"dictionary_learning writes ae.pt and checkpoints/ae_<step>.pt, not {file.name}"
    if not file.is_file():
        return f"found no {file} (nor trainer_<i> folders or checkpoints/ae_<step>.pt in {path})"
    config = file.parent / "config.json"
    return f"ae.pt is read with the trainer's config.json next to it, at {config}"


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read the SAE with the encode of the class its config names."""
    located = _locate(path)
    if located is None:
        choices = _choices(path)
        what = "trainer folders" if choices and choices[0].is_dir() else "checkpoints"
        raise SAEConfigError(
            f"{path} holds several dictionary_learning {what}; pass one of: "
            f"{', '.join(str(p) for p in choices)}."
        )
    file, config = located
    cfg = read_json(config)
    trainer = _check_config(cfg, config)
    layout = _LAYOUTS.get(str(trainer.get("dict_class")))
    if layout is None:
        raise SAEConfigError(
            f"{config} names dict_class {trainer.get('dict_class')!r}; supported: "
            f"{', '.join(_LAYOUTS)}."
        )
    tensors, unused = _tensors(load_state(file), layout, file)
    sae = _weights(tensors, unused, layout, trainer, cfg, file)
    check_widths(sae, trainer, ("activation_dim", "dict_size"), str(config))
    return sae


def _check_config(cfg: Any, config: Path) -> dict[str, Any]:
    """The trainer settings; a setting dictionary_learning 0.1 does not write is refused."""
    trainer = cfg.get("trainer") if isinstance(cfg, dict) else None
    if not isinstance(trainer, dict):
        raise SAEConfigError(f"{config} has no 'trainer' settings: it is not a trainSAE config.")
    buffer = cfg.get("buffer") or {}
    unknown = sorted(set(cfg) - {"trainer", "buffer"})
    unknown += [f"trainer.{k}" for k in sorted(set(trainer) - _TRAINER_KEYS)]
    unknown += [f"buffer.{k}" for k in sorted(set(buffer) - _BUFFER_KEYS)]
    if unknown:
        raise SAEConfigError(
            f"{config} has settings saewidgets does not read: {', '.join(unknown)}. They may "
            "change what the SAE computes, so they are not ignored; the closest supported "
            "config is the one dictionary_learning 0.1's trainSAE writes."
        )
    return trainer


def _tensors(
    state: dict[str, Any], layout: _Layout, file: Path
) -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    """Our tensors (nn.Linear weights transposed), and the unused ones by their own names."""
    known = set(layout.names.values()) | set(layout.unused)
    unknown = sorted(set(state) - known)
    if unknown:
        raise SAEConfigError(
            f"{file} holds {unknown}, which the dict_class its config names does not "
            f"have (it has {sorted(known)}). Save the state dict of the class config.json names."
        )
    missing = sorted(set(layout.names.values()) - set(state))
    if missing:
        raise SAEConfigError(f"{file} lacks {missing}; found {sorted(state)}.")
    bad = [k for k, v in state.items() if not isinstance(v, torch.Tensor)]
    if bad:
        raise SAEConfigError(f"{file}: {bad} are not tensors; found {sorted(state)}.")
    out = {name: float_copy(state[key]) for name, key in layout.names.items()}
    for name, key in layout.names.items():
        if key in ("encoder.weight", "decoder.weight"):
            out[name] = out[name].T.contiguous()
    return out, {key: state[key] for key in layout.unused if key in state}


def _weights(
    tensors: dict[str, torch.Tensor],
    unused: dict[str, torch.Tensor],
    layout: _Layout,
    trainer: dict[str, Any],
    cfg: Any,
    file: Path,
) -> SAEWeights:
    arch = layout.architecture
    k = int(unused["k"]) if "k" in unused else cfg_int(trainer, "k", None, str(file), 1)
    if k is not None and "k" in trainer and int(k) != int(trainer["k"]):
        raise SAEConfigError(f"{file} holds k={int(k)} but its config says k={trainer['k']}.")
    sizes = unused["group_sizes"].tolist() if "group_sizes" in unused else None
    if sizes is not None and "group_sizes" in trainer and sizes != list(trainer["group_sizes"]):
        raise SAEConfigError(
            f"{file} holds group_sizes={sizes} but its config says {trainer['group_sizes']}."
        )
    if arch in CONVERSIONS:
        CONVERSIONS[arch].convert(tensors, {"group_sizes": sizes or trainer.get("group_sizes")})
        arch = CONVERSIONS[arch].reads_as
    params: dict[str, Any] = dict(tensors)
    return SAEWeights(
        **params,
        architecture=arch,
        k=int(k) if arch == "topk" and k is not None else None,
        apply_b_dec_to_input=layout.apply_b_dec_to_input,
        hook_name=_hook(trainer, cfg.get("buffer") or {}),
        model_name=trainer.get("lm_name"),
        source=str(file),
        format=NAME,
        cfg=cfg,
    )


def _hook(trainer: dict[str, Any], buffer: dict[str, Any]) -> str | None:
    """The residual-stream hook of ``layer`` when the submodule is the residual stream and the
    buffer read its output (trainSAE records no hook; other sites need ``hook=``)."""
    layer, sub = trainer.get("layer"), str(trainer.get("submodule_name") or "resid_post")
    if isinstance(layer, int) and "resid" in sub and buffer.get("io", "out") == "out":
        return f"blocks.{layer}.hook_resid_post"
    return None
