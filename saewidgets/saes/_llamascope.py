"""Llama Scope (OpenMOSS lm-saes): ``hyperparams.json`` + ``checkpoints/final.safetensors``
(``encoder.weight [d_sae, d_in]``, ``encoder.bias``, ``decoder.weight [d_in, d_sae]``,
``decoder.bias``).

Read as lm-saes's own ``SparseAutoEncoder.from_pretrained`` (the release that published Llama
Scope) prepares a checkpoint for inference, then encodes:

1. ``norm_activation == "dataset-wise"``: with ``s = sqrt(d_model) / norm`` for the ``in`` and
   ``out`` hook points, ``encoder.bias /= s_in``, ``decoder.bias /= s_out`` and
   ``decoder.weight *= s_in / s_out``; the input is then taken at the model's own scale.
2. ``sparsity_include_decoder_norm`` (default true): each decoder column is scaled to norm 1 and
   its encoder row and bias are multiplied by the column's former norm.
3. encode: ``x - decoder.bias`` when ``use_decoder_bias and apply_decoder_bias_to_pre_encoder``
   (both default true), ``pre = encoder(x)``, then JumpReLU with the scalar
   ``jump_relu_threshold`` (``act_fn`` "jumprelu", or "topk" with a positive threshold, which
   lm-saes converts to JumpReLU), TopK with ``top_k`` (``act_fn`` "topk", no threshold), or ReLU.
4. decode: ``decoder(acts)``, at the model's scale of the ``out`` hook point.

``hook_point_in`` is the site read and ``hook_point_out`` the site written (a transcoder when
they differ).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from saewidgets._checks import cfg_bool, cfg_dict, cfg_int, cfg_number, cfg_text
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_widths, read_json, read_safetensors
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "llamascope"
EXPECTS = "hyperparams.json + checkpoints/final.safetensors"


def detect(path: Path) -> bool:
    """A folder with ``hyperparams.json`` and ``checkpoints/final.safetensors``."""
    return (path / "hyperparams.json").is_file() and (
        path / "checkpoints" / "final.safetensors"
    ).is_file()


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read the final checkpoint prepared for inference as lm-saes does (see the module doc)."""
    where = str(path / "hyperparams.json")
    cfg = read_json(path / "hyperparams.json")
    _refuse_unread(cfg, path)
    state = read_safetensors(path / "checkpoints" / "final.safetensors")
    use_b_dec = cfg_bool(cfg, "use_decoder_bias", True, where)
    names = ["encoder.weight", "encoder.bias", "decoder.weight"] + ["decoder.bias"] * use_b_dec
    missing = [n for n in names if n not in state]
    if missing:
        raise SAEConfigError(f"{path} checkpoint lacks {missing}; found {sorted(state)}.")
    unknown = sorted(set(state) - set(names))
    if unknown:
        raise SAEConfigError(
            f"{path} checkpoint holds {unknown}, which saewidgets does not read (it reads "
            f"{names}, as use_decoder_bias={use_b_dec} says); it does not drop tensors."
        )
    W_enc = float_copy(state["encoder.weight"])  # [d_sae, d_in]
    W_dec = float_copy(state["decoder.weight"])  # [d_in, d_sae]
    b_enc = float_copy(state["encoder.bias"])
    b_dec = float_copy(state["decoder.bias"]) if use_b_dec else torch.zeros(W_dec.shape[0])
    d_model = cfg_int(cfg, "d_model", int(W_enc.shape[1]), where, 1)
    s_in, s_out = _scales(cfg, path, int(d_model or 1))
    b_enc, b_dec, W_dec = b_enc / s_in, b_dec / s_out, W_dec * (s_in / s_out)
    if cfg_bool(cfg, "sparsity_include_decoder_norm", True, where):
        norm = W_dec.norm(dim=0)
        norm = torch.where(norm > 0, norm, torch.ones_like(norm))  # an all-zero column stays
        W_dec, W_enc, b_enc = W_dec / norm, W_enc * norm[:, None], b_enc * norm
    arch, k, threshold = _activation(cfg, path, len(b_enc))
    pre_bias = cfg_bool(cfg, "apply_decoder_bias_to_pre_encoder", True, where)
    sae = SAEWeights(
        W_enc=W_enc.T.contiguous(),
        W_dec=W_dec.T.contiguous(),
        b_enc=b_enc,
        b_dec=b_dec,
        threshold=threshold,
        k=k,
        architecture=arch,
        apply_b_dec_to_input=use_b_dec and pre_bias,
        hook_name=cfg_text(cfg, "hook_point_in", where),
        hook_name_out=cfg_text(cfg, "hook_point_out", where) or None,
        model_name=cfg_text(cfg, "model_name", where),
        source=str(path),
        format=NAME,
        cfg=cfg,
    )
    check_widths(sae, cfg, ("d_model", "d_sae"), where)
    return sae


def _scales(cfg: dict[str, Any], path: Path, d_model: int) -> tuple[float, float]:
    """lm-saes's dataset-wise input and output scales ``sqrt(d_model) / norm`` (1 when none)."""
    where = str(path / "hyperparams.json")
    mode = cfg.get("norm_activation", "token-wise")
    if mode in ("inference", "none"):
        return 1.0, 1.0
    norms = cfg_dict(cfg.get("dataset_average_activation_norm") or {}, where, "norms")
    if mode != "dataset-wise" or "in" not in norms:
        raise SAEConfigError(
            f"{where}: norm_activation={mode!r} with dataset_average_activation_norm={norms!r}; "
            "only dataset-wise normalisation with an 'in' norm (Llama Scope's) can be read."
        )
    key = "dataset_average_activation_norm"
    n_in = cfg_number(norms, "in", 1.0, f"{where}: {key}", positive=True)
    n_out = cfg_number(norms, "out", n_in, f"{where}: {key}", positive=True)
    return d_model**0.5 / n_in, d_model**0.5 / n_out


def _activation(
    cfg: dict[str, Any], path: Path, d_sae: int
) -> tuple[str, int | None, torch.Tensor | None]:
    """(architecture, k, threshold) for lm-saes's ``act_fn`` and ``jump_relu_threshold``."""
    where = str(path / "hyperparams.json")
    act = (cfg_text(cfg, "act_fn", where) or "relu").lower()
    t = cfg_number(cfg, "jump_relu_threshold", 0.0, where)
    if act == "jumprelu" or (act == "topk" and t > 0):
        return "jumprelu", None, torch.full((d_sae,), t)
    if act == "topk":
        k = cfg_int(cfg, "top_k", None, where, 1)
        if k is None:
            raise SAEConfigError(
                f"{where}: act_fn='topk' with no positive jump_relu_threshold needs top_k (the "
                "number of latents kept); add it, as lm-saes writes it."
            )
        return "topk", k, None
    if act == "relu":
        return "standard", None, None
    raise SAEConfigError(f"{path}: act_fn={act!r} is not one lm-saes's release reads.")


def _refuse_unread(cfg: dict[str, Any], path: Path) -> None:
    """Refuse the lm-saes settings that change the computation and that this reader does not
    model: a GLU encoder, and dictionary types other than a plain SAE (crosscoders, CLTs)."""
    if cfg.get("use_glu_encoder"):
        raise SAEConfigError(
            f"{path / 'hyperparams.json'} sets use_glu_encoder=true: lm-saes's GLU encoder is "
            "not read by saewidgets (it would be silently wrong). Supported: a plain encoder."
        )
    if cfg.get("sae_type", "sae") != "sae":
        raise SAEConfigError(
            f"{path / 'hyperparams.json'} has sae_type={cfg['sae_type']!r}; saewidgets reads "
            "lm-saes's plain SAEs and transcoders (sae_type 'sae') only."
        )
