"""SAE weights in SAELens's format and SAELens's encode semantics, without needing SAELens."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import torch

from saewidgets._errors import SAEConfigError

ARCHITECTURES = ("standard", "topk", "jumprelu")
NORMALISATIONS = ("none", "expected_average_only_in", "constant_norm_rescale", "layer_norm")
_CFG = "cfg.json"
_WEIGHTS = "sae_weights.safetensors"


@dataclass(frozen=True, eq=False)
class SAEWeights:
    """A private float32 copy of an SAE's weights plus the settings that change what it encodes."""

    W_enc: torch.Tensor  # [d_in, d_sae]
    W_dec: torch.Tensor  # [d_sae, d_in]
    b_enc: torch.Tensor  # [d_sae]
    b_dec: torch.Tensor  # [d_in]
    architecture: str
    threshold: torch.Tensor | None = None  # [d_sae], JumpReLU only
    k: int | None = None  # TopK only
    apply_b_dec_to_input: bool = True
    normalize_activations: str = "none"
    rescale_acts_by_decoder_norm: bool = False
    hook_name: str | None = None
    hook_head_index: int | None = None
    model_name: str | None = None
    prepend_bos: bool = True
    context_size: int | None = None
    reshape_activations: str = "none"
    source: str = ""
    cfg: dict[str, Any] = field(default_factory=dict)

    @property
    def d_in(self) -> int:
        """Width of the activations the SAE reads."""
        return int(self.W_enc.shape[0])

    @property
    def d_sae(self) -> int:
        """Number of latents (features)."""
        return int(self.W_enc.shape[1])

    def to(self, device: str | torch.device) -> SAEWeights:
        """A copy with every tensor on ``device``."""
        moved = {
            name: getattr(self, name).to(device) for name in ("W_enc", "W_dec", "b_enc", "b_dec")
        }
        thr = None if self.threshold is None else self.threshold.to(device)
        return _replace(self, threshold=thr, **moved)

    def fingerprint(self) -> str:
        """SHA-256 over the weights and encode settings (identifies this exact SAE); computed
        once, since the weights of an SAEWeights are not changed after it is built."""
        return self._digest

    @cached_property
    def _digest(self) -> str:
        h = hashlib.sha256()
        for t in (self.W_enc, self.W_dec, self.b_enc, self.b_dec, self.threshold):
            if t is not None:
                h.update(t.detach().cpu().contiguous().numpy().tobytes())
        h.update(repr(self.encode_settings()).encode())
        return h.hexdigest()

    def encode_settings(self) -> dict[str, Any]:
        """The settings that change what ``encode`` returns (recorded in store metadata)."""
        return {
            "architecture": self.architecture,
            "k": self.k,
            "apply_b_dec_to_input": self.apply_b_dec_to_input,
            "normalize_activations": self.normalize_activations,
            "rescale_acts_by_decoder_norm": self.rescale_acts_by_decoder_norm,
            "reshape_activations": self.reshape_activations,
        }

    def pre_activations(self, x: torch.Tensor) -> torch.Tensor:
        """Encoder pre-activations ``[..., d_sae]`` of ``x [..., d_in]`` (SAELens semantics)."""
        x = x.to(self.W_enc.dtype)
        if self.normalize_activations == "constant_norm_rescale":
            x = x * (self.d_in**0.5) / x.norm(dim=-1, keepdim=True)
        elif self.normalize_activations == "layer_norm":
            x = x - x.mean(dim=-1, keepdim=True)
            x = x / (x.std(dim=-1, keepdim=True) + 1e-5)
        if self.apply_b_dec_to_input:
            x = x - self.b_dec
        flat = x.reshape(-1, x.shape[-1])
        pre = torch.addmm(self.b_enc, flat, self.W_enc).reshape(*x.shape[:-1], self.d_sae)
        if self.architecture == "topk" and self.rescale_acts_by_decoder_norm:
            pre = pre * self.W_dec.norm(dim=-1)
        return pre

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Dense feature activations ``[..., d_sae]`` for activations ``x [..., d_in]``."""
        pre = self.pre_activations(x)
        if self.architecture == "topk":
            assert self.k is not None
            vals, idx = pre.topk(self.k, dim=-1, sorted=False)
            return torch.zeros_like(pre).scatter_(-1, idx, vals.relu())
        acts = pre.relu()
        if self.architecture == "jumprelu":
            assert self.threshold is not None
            acts = acts * (pre > self.threshold)
        return acts

    def encode_sparse(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Non-zero activations of ``x [n, d_in]``: (row, feature, value), row-major."""
        pre = self.pre_activations(x)
        if self.architecture == "topk":
            assert self.k is not None
            vals, idx = pre.topk(self.k, dim=-1, sorted=False)
            idx, order = idx.sort(dim=-1)
            vals = vals.gather(-1, order).relu_()
            keep = vals > 0
            rows = torch.arange(pre.shape[0], device=pre.device).unsqueeze(1).expand_as(idx)
            return rows[keep], idx[keep], vals[keep]
        acts = pre.relu_()
        if self.architecture == "jumprelu":
            assert self.threshold is not None
            acts = acts * (pre > self.threshold)
        rows, feats = acts.nonzero(as_tuple=True)
        return rows, feats, acts[rows, feats]


def _replace(w: SAEWeights, **changes: Any) -> SAEWeights:
    from dataclasses import replace

    return replace(w, **changes)


def load_sae(sae: Any) -> SAEWeights:
    """Read an SAE: a SAELens ``SAE`` object, a SAELens-format folder, or ``"release/sae_id"``."""
    if isinstance(sae, SAEWeights):
        return sae
    if isinstance(sae, (str, Path)):
        path = Path(sae)
        if path.exists():
            return load_sae_folder(path)
        if isinstance(sae, str) and "/" in sae and not sae.startswith((".", "/", "~")):
            return _load_release(sae)
        raise SAEConfigError(
            f"No SAE at {str(sae)!r}: not an existing folder and not a 'release/sae_id' string. "
            "Pass a folder holding cfg.json + sae_weights.safetensors, a SAELens SAE object, "
            "or a SAELens release id such as 'gpt2-small-res-jb/blocks.8.hook_resid_pre'."
        )
    if hasattr(sae, "cfg") and hasattr(sae, "W_enc"):
        return _from_saelens_object(sae)
    raise SAEConfigError(
        f"Cannot use an object of type {type(sae).__name__} as an SAE. "
        "Pass a SAELens SAE, a SAELens-format folder path, or a 'release/sae_id' string."
    )


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
    missing = [n for n in ("W_enc", "W_dec", "b_enc", "b_dec") if n not in state]
    if missing:
        raise SAEConfigError(f"SAE weights {source or ''} lack {missing}; found {sorted(state)}.")
    w = {
        n: state[n].detach().to(torch.float32).clone() for n in ("W_enc", "W_dec", "b_enc", "b_dec")
    }
    d_in, d_sae = w["W_enc"].shape
    if w["W_dec"].shape != (d_sae, d_in):
        raise SAEConfigError(
            f"W_dec has shape {tuple(w['W_dec'].shape)} but W_enc is {(d_in, d_sae)}; "
            f"expected W_dec [{d_sae}, {d_in}]."
        )
    threshold = None
    if arch == "jumprelu":
        if "threshold" in state:
            threshold = state["threshold"].detach().to(torch.float32).clone()
        elif "log_threshold" in state:
            threshold = state["log_threshold"].detach().to(torch.float32).exp()
        else:
            raise SAEConfigError(f"JumpReLU SAE {source} has no 'threshold' tensor.")
    for name, t in [*w.items(), ("threshold", threshold)]:
        if t is not None and not torch.isfinite(t).all():
            raise SAEConfigError(
                f"SAE weight {name} of {source or 'the SAE'} has NaN or inf values."
            )
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
        **w,
        architecture=arch,
        threshold=threshold,
        k=int(k) if arch == "topk" and k is not None else None,
        apply_b_dec_to_input=bool(flat.get("apply_b_dec_to_input", True)),
        normalize_activations=norm,
        rescale_acts_by_decoder_norm=bool(flat.get("rescale_acts_by_decoder_norm", False)),
        hook_name=hook,
        hook_head_index=flat.get("hook_head_index"),
        model_name=flat.get("model_name"),
        prepend_bos=bool(flat.get("prepend_bos", True)),
        context_size=flat.get("context_size"),
        reshape_activations=flat.get("reshape_activations") or "none",
        source=source,
        cfg=cfg,
    )


def _architecture(flat: dict[str, Any], state: dict[str, torch.Tensor]) -> str:
    arch = flat.get("architecture")
    if arch is None:
        act = flat.get("activation_fn") or flat.get("activation_fn_str") or "relu"
        arch = "topk" if act == "topk" else "standard"
    if arch == "batchtopk" and ("threshold" in state or "log_threshold" in state):
        arch = "jumprelu"  # BatchTopK is saved for inference as JumpReLU
    if arch not in ARCHITECTURES:
        raise SAEConfigError(
            f"SAE architecture {arch!r} is not supported; supported: {', '.join(ARCHITECTURES)} "
            "(BatchTopK saved as JumpReLU works too)."
        )
    return arch


def _from_saelens_object(sae: Any) -> SAEWeights:
    cfg = sae.cfg.to_dict() if hasattr(sae.cfg, "to_dict") else dict(vars(sae.cfg))
    state = {k: v for k, v in sae.state_dict().items()}
    return from_state_dict(cfg, state, source=f"SAELens {type(sae).__name__} object")


def _load_release(release_id: str) -> SAEWeights:
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
    return _from_saelens_object(sae)
