"""SAEWeights: the one description of an SAE that every consumer uses (see docs/formats.md).

It holds the site the SAE reads (``hook_name``; the module's input when ``reads_module_input``),
the site it writes (``output_hook``: ``hook_name_out`` for transcoders), the input
normalisation and its per-token inverse, encode, decode into the model's space at the output
site, each feature's model-space write direction and the optional skip term ``W_skip``.
Dataset-wise scales and SAELens's ``rescale_acts_by_decoder_norm`` are folded into the weights
by the readers, as the trainers fold them for inference (``fold_input_scale``,
``fold_decoder_norms``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import torch

from saewidgets._errors import ActivationError, DataError, SAEConfigError
from saewidgets.saes._arch import Architecture, Sparse
from saewidgets.saes._registry import architecture

#: per-feature tensors only some architectures hold (``Architecture.extra_tensors``)
OPTIONAL_TENSORS = ("threshold", "r_mag", "b_mag")
NORMALISATIONS = ("none", "constant_norm_rescale", "layer_norm")
#: SAELens's dataset-wise scale: readers fold its factor into the weights (``fold_input_scale``)
DATASET_SCALE = "expected_average_only_in"


@dataclass(frozen=True, eq=False)
class SAEWeights:
    """A private float32 copy of an SAE's weights plus the settings that change what it encodes.

    Tensor shapes are checked when it is built; an error names the tensor, the expected and the
    found shape. ``format`` names the on-disk layout it was read from. ``W_dec`` and ``b_dec``
    live in the SAE's (possibly normalised) output space; ``decode`` and ``write_scale`` take
    them to the model's space at ``output_hook``.
    """

    W_enc: torch.Tensor  # [d_in, d_sae]
    W_dec: torch.Tensor  # [d_sae, d_out]
    b_enc: torch.Tensor  # [d_sae]
    b_dec: torch.Tensor  # [d_out]
    architecture: str
    threshold: torch.Tensor | None = None  # [d_sae], JumpReLU only
    r_mag: torch.Tensor | None = None  # [d_sae], Gated only: log magnitude scale
    b_mag: torch.Tensor | None = None  # [d_sae], Gated only: magnitude bias
    k: int | None = None  # TopK: latents kept per token; GroupMax: number of groups
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
    W_skip: torch.Tensor | None = None  # [d_out, d_in]: decode adds x @ W_skip.T (model space)
    hook_name_out: str | None = None  # the site decode writes; None: hook_name
    reads_module_input: bool = False  # hook_name's module INPUT (sparsify transcoders)
    unnormalise_output: bool = True  # decode inverts the normalisation (SAELens transcoders: no)

    def __post_init__(self) -> None:
        arch = architecture(self.architecture)
        _check_settings(self)
        _check_shapes(self, arch)
        problem = arch.check(self)
        if problem:
            raise SAEConfigError(f"SAE {self.source or ''}: {problem}.")
        if self.normalize_activations == DATASET_SCALE:
            raise SAEConfigError(
                f"SAE {self.source or ''}: normalize_activations={DATASET_SCALE!r} scales the "
                "input by a dataset-wide factor that these weights do not hold. Load the "
                "checkpoint folder with its activation_scaler.json (SAELens writes it next to "
                "training checkpoints), or fold the factor first "
                "(SAELens: sae.fold_activation_norm_scaling_factor(factor))."
            )
        if self.normalize_activations not in NORMALISATIONS:
            raise SAEConfigError(
                f"normalize_activations={self.normalize_activations!r} is not one of "
                f"{NORMALISATIONS}."
            )
        if self.apply_b_dec_to_input and self.d_out != self.d_in:
            raise SAEConfigError(
                f"SAE {self.source or ''} subtracts b_dec [{self.d_out}] from inputs of width "
                f"{self.d_in}; a transcoder must have apply_b_dec_to_input=False."
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

    @property
    def d_out(self) -> int:
        """Width of the activations the SAE writes (``d_in`` unless a transcoder)."""
        return int(self.W_dec.shape[1])

    @property
    def output_hook(self) -> str | None:
        """The site decode writes: ``hook_name_out``, else ``hook_name``."""
        return self.hook_name_out or self.hook_name

    @property
    def is_transcoder(self) -> bool:
        """True when the SAE reads one site and writes another."""
        return self.reads_module_input or self.output_hook != self.hook_name

    def tensors(self) -> dict[str, torch.Tensor]:
        """Every tensor the architecture declares (and ``W_skip`` when present), by name."""
        names = self.arch.tensors + (("W_skip",) if self.W_skip is not None else ())
        return {name: getattr(self, name) for name in names}

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
            "skip": self.W_skip is not None,
            "hook_in": self.hook_name,
            "reads_module_input": self.reads_module_input,
            "hook_out": self.output_hook,
            "unnormalise_output": self.unnormalise_output,
        }

    def normalise(self, x: torch.Tensor) -> torch.Tensor:
        """``x [..., d_in]`` as the encoder sees it (before any ``b_dec`` subtraction)."""
        x = x.to(self.W_enc.dtype)
        if self.normalize_activations == "constant_norm_rescale":
            return x * (self.d_in**0.5) / x.norm(dim=-1, keepdim=True)
        if self.normalize_activations == "layer_norm":
            x = x - x.mean(dim=-1, keepdim=True)
            return x / (x.std(dim=-1, keepdim=True) + 1e-5)
        return x

    def write_scale(self, x: torch.Tensor) -> torch.Tensor | None:
        """``[..., 1]``: what the inverse normalisation multiplies the SAE's output by for each
        input ``x [..., d_in]`` (None: 1, the SAE does not normalise). A feature's model-space
        write at a token is ``a_f * W_dec[f] * write_scale(x)``."""
        x = x.to(self.W_enc.dtype)
        if not self.unnormalise_output:
            return None
        if self.normalize_activations == "constant_norm_rescale":
            return x.norm(dim=-1, keepdim=True) / (self.d_in**0.5)
        if self.normalize_activations == "layer_norm":
            return (x - x.mean(dim=-1, keepdim=True)).std(dim=-1, keepdim=True)
        return None

    def pre_activations(self, x: torch.Tensor) -> torch.Tensor:
        """Encoder pre-activations ``[..., d_sae]`` of ``x [..., d_in]``."""
        x = self.normalise(x)
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

    @property
    def decoder(self) -> torch.Tensor:
        """``[d_sae, d_out]``: the rows a unit activation adds in the SAE's output space
        (``W_dec``, divided by its row norms when ``rescale_acts_by_decoder_norm``)."""
        if self.rescale_acts_by_decoder_norm:
            return self.W_dec / self.W_dec.norm(dim=-1, keepdim=True).clamp_min(1e-8)
        return self.W_dec

    def needs_input_to_decode(self) -> bool:
        """True when decode depends on the input (a per-token normalisation or a skip term)."""
        unnormalises = self.unnormalise_output and self.normalize_activations != "none"
        return unnormalises or self.W_skip is not None

    def decode(self, z: torch.Tensor, x: torch.Tensor | None = None) -> torch.Tensor:
        """Reconstruction ``[..., d_out]`` in the model's space at ``output_hook`` of feature
        activations ``z [..., d_sae]`` encoded from ``x [..., d_in]``: the inverse normalisation
        and the skip term are applied, so ``x`` is required when ``needs_input_to_decode()``."""
        out = z.to(self.W_dec.dtype) @ self.decoder + self.b_dec
        if not self.needs_input_to_decode():
            return out
        if x is None:
            raise DataError(
                f"This SAE's decode depends on its input (normalize_activations="
                f"{self.normalize_activations!r}, skip term: {self.W_skip is not None}); call "
                "decode(z, x) with the activations z was encoded from."
            )
        x = x.to(self.W_dec.dtype)
        scale = self.write_scale(x)
        if scale is not None:
            out = out * scale
        if self.unnormalise_output and self.normalize_activations == "layer_norm":
            out = out + x.mean(dim=-1, keepdim=True)
        return out if self.W_skip is None else out + x @ self.W_skip.T

    def write_directions(
        self, features: torch.Tensor, x: torch.Tensor | None = None
    ) -> torch.Tensor:
        """Model-space writes of a unit activation of each of ``features`` at ``output_hook``:
        ``[n, d_out]``, or ``[..., n, d_out]`` per input ``x [..., d_in]`` of a normalising SAE
        (without ``x``: the direction before the per-token scale)."""
        rows = self.decoder[features]
        scale = None if x is None else self.write_scale(x)
        return rows if scale is None else scale[..., None] * rows


def _check_settings(w: SAEWeights) -> None:
    """SAEConfigError for a setting of the wrong type (a str or float where an int is meant)."""
    ints = {"k": w.k, "hook_head_index": w.hook_head_index}  # context_size: checked by the Lens
    for name, value in ints.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise SAEConfigError(f"SAE {w.source}: {name}={value!r} is not an integer.")
    flags = (
        "apply_b_dec_to_input",
        "rescale_acts_by_decoder_norm",
        "prepend_bos",
        "reads_module_input",
    )
    for name in flags:
        if not isinstance(getattr(w, name), bool):
            raise SAEConfigError(f"SAE {w.source}: {name}={getattr(w, name)!r} is not a bool.")
    for t in (w.W_enc, w.W_dec, w.b_enc, w.b_dec, w.threshold, w.W_skip):
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
    d_out = w.W_dec.shape[1] if w.W_dec.ndim == 2 else d_in
    expected = {
        "W_dec": (d_sae, d_out),
        "b_enc": (d_sae,),
        "b_dec": (d_out,),
        "W_skip": (d_out, d_in),
    }
    expected |= {name: (d_sae,) for name in OPTIONAL_TENSORS}
    if w.W_dec.shape[0] != d_sae:
        raise SAEConfigError(
            f"SAE tensor W_dec{where} has shape {tuple(w.W_dec.shape)}; expected "
            f"({d_sae}, {d_in}) (from W_enc [d_in={d_in}, d_sae={d_sae}]; a transcoder's is "
            f"({d_sae}, d_out))."
        )
    for name in arch.tensors + (("W_skip",) if w.W_skip is not None else ()):
        t = getattr(w, name)
        if t is None:
            raise SAEConfigError(f"{arch.name} SAE{where} has no {name!r} tensor.")
        if name in expected and tuple(t.shape) != expected[name]:
            raise SAEConfigError(
                f"SAE tensor {name}{where} has shape {tuple(t.shape)}; expected "
                f"{expected[name]} (from W_enc [d_in={d_in}, d_sae={d_sae}])."
            )
    extra = [n for n in OPTIONAL_TENSORS if n not in arch.tensors and getattr(w, n) is not None]
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


def fold_decoder_norms(w: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """SAELens's inference fold of ``rescale_acts_by_decoder_norm`` (``_fold_norm_topk``):
    ``W_dec`` rows to unit norm, their norms into ``W_enc``'s columns and ``b_enc``."""
    norm = w["W_dec"].norm(dim=-1).clamp_min(1e-8)
    return {
        **w,
        "W_dec": w["W_dec"] / norm[:, None],
        "W_enc": w["W_enc"] * norm[None, :],
        "b_enc": w["b_enc"] * norm,
    }


def fold_input_scale(w: dict[str, torch.Tensor], factor: float) -> dict[str, torch.Tensor]:
    """SAELens's ``fold_activation_norm_scaling_factor``: an SAE trained on ``x * factor``
    (and reconstructing ``x * factor``) becomes one that reads and writes ``x``."""
    return {
        **w,
        "W_enc": w["W_enc"] * factor,
        "W_dec": w["W_dec"] / factor,
        "b_dec": w["b_dec"] / factor,
    }
