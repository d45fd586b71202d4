"""SAEWeights: an SAE's tensors, its architecture and the settings that change what it encodes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import torch

from saewidgets._errors import ActivationError, SAEConfigError
from saewidgets.saes._arch import Architecture, Sparse
from saewidgets.saes._registry import architecture

NORMALISATIONS = ("none", "expected_average_only_in", "constant_norm_rescale", "layer_norm")


@dataclass(frozen=True, eq=False)
class SAEWeights:
    """A private float32 copy of an SAE's weights plus the settings that change what it encodes.

    Tensor shapes are checked when it is built; an error names the tensor, the expected and the
    found shape. ``format`` names the on-disk layout it was read from.
    """

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
    format: str = "saelens"
    cfg: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        arch = architecture(self.architecture)
        _check_settings(self)
        _check_shapes(self, arch)
        problem = arch.check(self)
        if problem:
            raise SAEConfigError(f"SAE {self.source or ''}: {problem}.")
        if self.normalize_activations not in NORMALISATIONS:
            raise SAEConfigError(
                f"normalize_activations={self.normalize_activations!r} is not one of "
                f"{NORMALISATIONS}."
            )

    @property
    def arch(self) -> Architecture:
        """The registered architecture (its tensors and activation function)."""
        return architecture(self.architecture)

    @property
    def d_in(self) -> int:
        """Width of the activations the SAE reads."""
        return int(self.W_enc.shape[0])

    @property
    def d_sae(self) -> int:
        """Number of latents (features)."""
        return int(self.W_enc.shape[1])

    def tensors(self) -> dict[str, torch.Tensor]:
        """Every tensor the architecture declares, by name."""
        return {name: getattr(self, name) for name in self.arch.tensors}

    def to(self, device: str | torch.device) -> SAEWeights:
        """A copy with every tensor on ``device``."""
        moved: dict[str, Any] = {n: t.to(device) for n, t in self.tensors().items()}
        return replace(self, **moved)

    def fingerprint(self) -> str:
        """SHA-256 over the weights and encode settings (identifies this exact SAE); computed
        once, since the weights of an SAEWeights are not changed after it is built."""
        return self._digest

    @cached_property
    def _digest(self) -> str:
        h = hashlib.sha256()
        for t in self.tensors().values():
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
        """Encoder pre-activations ``[..., d_sae]`` of ``x [..., d_in]``."""
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
        if self.rescale_acts_by_decoder_norm:
            pre = pre * self.W_dec.norm(dim=-1)
        if torch.isnan(pre).any():  # TopK and ReLU would silently drop NaN (NaN > 0 is false)
            raise ActivationError(
                "The SAE produced NaN pre-activations for these inputs (its weights overflow on "
                "them, or a normalisation divides by a zero norm). Run the SAE in float32 and "
                "check its weights and normalize_activations setting."
            )
        return pre

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Dense feature activations ``[..., d_sae]`` for activations ``x [..., d_in]``."""
        return self.arch.activate(self.pre_activations(x), self)

    def encode_sparse(self, x: torch.Tensor) -> Sparse:
        """Non-zero activations of ``x [n, d_in]``: (row, feature, value), row-major."""
        return self.arch.activate_sparse(self.pre_activations(x), self)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Reconstruction ``[..., d_in]`` of feature activations ``z [..., d_sae]`` (in the SAE's
        input space: a normalised input stays normalised)."""
        return z.to(self.W_dec.dtype) @ self.W_dec + self.b_dec


def _check_settings(w: SAEWeights) -> None:
    """SAEConfigError for a setting of the wrong type (a str or float where an int is meant)."""
    ints = {"k": w.k, "hook_head_index": w.hook_head_index, "context_size": w.context_size}
    for name, value in ints.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise SAEConfigError(f"SAE {w.source}: {name}={value!r} is not an integer.")
    flags = ("apply_b_dec_to_input", "rescale_acts_by_decoder_norm", "prepend_bos")
    for name in flags:
        if not isinstance(getattr(w, name), bool):
            raise SAEConfigError(f"SAE {w.source}: {name}={getattr(w, name)!r} is not a bool.")
    for t in (w.W_enc, w.W_dec, w.b_enc, w.b_dec, w.threshold):
        if t is not None and not t.is_floating_point():
            raise SAEConfigError(
                f"SAE {w.source}: a weight tensor is {t.dtype}; SAE weights are real floats."
            )


def _check_shapes(w: SAEWeights, arch: Architecture) -> None:
    where = f" of {w.source}" if w.source else ""
    for name in ("W_enc", "W_dec"):
        t = getattr(w, name)
        if t.ndim != 2:
            raise SAEConfigError(
                f"SAE tensor {name}{where} must be 2-D, found shape {tuple(t.shape)}."
            )
    d_in, d_sae = w.W_enc.shape
    if d_sae == 0 or d_in == 0:
        raise SAEConfigError(f"SAE{where} has W_enc of shape {(d_in, d_sae)}: no features.")
    expected = {"W_dec": (d_sae, d_in), "b_enc": (d_sae,), "b_dec": (d_in,), "threshold": (d_sae,)}
    for name in arch.tensors:
        t = getattr(w, name)
        if t is None:
            raise SAEConfigError(f"{arch.name} SAE{where} has no {name!r} tensor.")
        if name in expected and tuple(t.shape) != expected[name]:
            raise SAEConfigError(
                f"SAE tensor {name}{where} has shape {tuple(t.shape)}; expected "
                f"{expected[name]} (from W_enc [d_in={d_in}, d_sae={d_sae}])."
            )
    extra = [n for n in ("threshold",) if n not in arch.tensors and getattr(w, n) is not None]
    if extra:
        raise SAEConfigError(f"A {arch.name} SAE has no {extra[0]} tensor, but one was given.")


def check_finite(w: SAEWeights) -> SAEWeights:
    """``w`` unchanged; SAEConfigError naming the first tensor with NaN or inf values."""
    for name, t in w.tensors().items():
        if not torch.isfinite(t).all():
            where = f" of {w.source}" if w.source else ""
            raise SAEConfigError(f"SAE weight {name}{where} has NaN or inf values.")
    return w


def float_copy(t: Any) -> torch.Tensor:
    """A detached float32 copy of a tensor or array."""
    if not isinstance(t, torch.Tensor):
        t = torch.as_tensor(t)
    if t.is_complex() or not t.is_floating_point():
        raise SAEConfigError(
            f"An SAE weight tensor is {t.dtype}; SAE weights are real floats (a quantised SAE "
            "must be dequantised and saved in float first)."
        )
    return t.detach().to(torch.float32).clone()


def jumprelu_weights(params: dict[str, Any], **settings: Any) -> SAEWeights:
    """A JumpReLU SAE from ``W_enc [d_in, d_sae]``, ``W_dec``, ``b_enc``, ``b_dec`` and a
    per-feature ``threshold`` (Gemma Scope's and dictionary_learning's layout; the input is not
    shifted by ``b_dec``)."""
    return SAEWeights(
        W_enc=float_copy(params["W_enc"]),
        W_dec=float_copy(params["W_dec"]),
        b_enc=float_copy(params["b_enc"]),
        b_dec=float_copy(params["b_dec"]),
        threshold=float_copy(params["threshold"]),
        architecture="jumprelu",
        apply_b_dec_to_input=False,
        **settings,
    )
