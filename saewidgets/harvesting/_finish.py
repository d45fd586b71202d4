"""Finishing a harvest: SAE-derived arrays, statistics, the feature table and meta.json."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from safetensors.numpy import load_file, save_file

from saewidgets._tokenbytes import to_json
from saewidgets._version import __version__
from saewidgets.analysis._geometry import output_norm_column
from saewidgets.analysis._logits import centred_gram, logit_tables
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.store._meta import DENSE_DENSITY, ULTRA_RARE_DENSITY, StoreMeta
from saewidgets.store._record import build_feature_index, read_range
from saewidgets.store._tokenindex import write_token_index

if TYPE_CHECKING:
    from saewidgets.models._lens import Lens

NORMALISATION_NOTES = {
    "decoder_norm_folded": False,
    "activations": "exactly as the SAE encodes them (no decoder-norm folding, unlike SAEDashboard)",
    "logit_weights": "direct path W_out[f] @ W_U; final layer norm ignored",
    "output_similarity": "cosine of logit weights centred over the vocabulary (via W_U W_U^T)",
}


def write_sae_arrays(lens: Lens, folder: Path) -> None:
    """Save the SAE weights, logit tables, unembedding Gram matrix, vocabulary and the raw
    bytes of partial tokens (see ``_tokenbytes``)."""
    sae = lens.sae
    arrays = {
        "W_enc": sae.W_enc,
        "W_dec": sae.decoder,  # model-space unit writes (decoder norms folded)
        "b_enc": sae.b_enc,
        "b_dec": sae.b_dec,
    }
    if sae.threshold is not None:
        arrays["threshold"] = sae.threshold
    out_dir = lens.output_directions()
    if out_dir is not None:
        W_U = lens.unembed().to(out_dir.device)
        arrays["W_out"] = out_dir
        arrays["W_out_norm"] = out_dir.double().norm(dim=1)  # bounds a card's float32 screen
        arrays["gram"] = centred_gram(W_U)
        tables = logit_tables(out_dir, W_U)
        save_file(
            {k: np.ascontiguousarray(v) for k, v in vars(tables).items()},
            folder / "logits.safetensors",
        )
    save_file(
        {k: v.detach().float().cpu().contiguous().numpy() for k, v in arrays.items()},
        folder / "weights.safetensors",
    )
    (folder / "vocab.json").write_text(json.dumps(lens.vocab()))
    (folder / "token_bytes.json").write_text(json.dumps(to_json(lens.partial_tokens())))


def lens_meta(lens: Lens) -> dict[str, Any]:
    """The parts of StoreMeta that come from the Lens."""
    sae, model = lens.sae, lens.adapter
    return {
        "sae_id": lens.sae_id,
        "model_name": lens.model_name,
        "hook": lens.hook,
        "hook_out": "" if lens.hook_out == lens.hook else lens.hook_out,
        "d_sae": sae.d_sae,
        "d_in": sae.d_in,
        "d_model": model.d_model,
        "d_vocab": model.d_vocab,
        "architecture": sae.architecture,
        "sae_format": sae.format,
        "model_kind": model.kind,
        "sae_fingerprint": sae.fingerprint(),
        "model_fingerprint": lens.model_fingerprint,
        "context_size": int(lens.context_size),
        "prepend_bos": bool(lens.prepend_bos),
        "normalisation": {**NORMALISATION_NOTES, **sae.encode_settings()},
        "sae_config": json.loads(json.dumps(sae.cfg, default=str)),
    }


def finish_harvest(
    folder: Path,
    lens: Lens,
    acc: FeatureAccumulator,
    *,
    n_tokens: int,
    n_seq: int,
    top_k: int,
    dataset_fingerprint: str,
    excluded: Sequence[int] = (),
) -> None:
    """Write the SAE arrays of ``lens``, then finish the store (a harvest's last step, in one
    process or merged from ranks); ``excluded`` token ids were left out of ``acc``."""
    write_sae_arrays(lens, folder)
    finish_store(
        folder,
        {**lens_meta(lens), "excluded_token_ids": sorted(int(t) for t in excluded)},
        acc,
        n_tokens=n_tokens,
        n_seq=n_seq,
        top_k=top_k,
        dataset_fingerprint=dataset_fingerprint,
    )


def finish_store(
    folder: Path,
    base: dict[str, Any] | Lens,
    acc: FeatureAccumulator,
    *,
    n_tokens: int,
    n_seq: int,
    top_k: int,
    dataset_fingerprint: str,
) -> None:
    """Index the record, write statistics and the feature table, then meta.json (last)."""
    info = base if isinstance(base, dict) else lens_meta(base)
    save_file(acc.to_numpy(), folder / "accumulators.safetensors")
    build_feature_index(folder / "record", acc.d_sae)
    weights = load_file(folder / "weights.safetensors")
    top_id, counted = scan_tokens(folder / "tokens.bin", info.get("excluded_token_ids", []))
    info = {**info, "has_output_directions": "W_out" in weights, "n_counted_tokens": counted}
    feature_table(acc, weights, counted).to_parquet(folder / "features.parquet")
    write_token_index(folder, acc.top_tok, top_id)
    meta = StoreMeta(
        **info,
        max_token_id=top_id,
        n_tokens=n_tokens,
        n_seq=n_seq,
        top_k=top_k,
        dataset_fingerprint=dataset_fingerprint,
        created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        saewidgets_version=__version__,
    )
    meta.write(folder)


def scan_tokens(path: Path, excluded: Sequence[int], chunk: int = 1 << 22) -> tuple[int, int]:
    """The largest id in a ``tokens.bin`` (-1 when empty) and how many of its tokens are not
    ``excluded``, read ``chunk`` tokens at a time."""
    top, counted = -1, 0
    drop = np.asarray(list(excluded), np.int32)
    for s in range(0, path.stat().st_size // 4, chunk):
        ids = read_range(path, np.int32, s, chunk)
        top = max(top, int(ids.max()))
        counted += int(ids.size - np.isin(ids, drop).sum())
    return top, counted


def feature_table(
    acc: FeatureAccumulator, weights: dict[str, np.ndarray], n_tokens: int
) -> pd.DataFrame:
    """One row per feature: firing statistics, weight statistics and the dead/rare/dense flags;
    densities are over ``n_tokens`` (the counted tokens)."""
    count, total = acc.count, acc.total
    W_enc, W_dec = weights["W_enc"].astype(np.float64), weights["W_dec"].astype(np.float64)
    enc_norm = np.linalg.norm(W_enc, axis=0)
    dec_norm = np.linalg.norm(W_dec, axis=1)
    dot = np.einsum("if,fi->f", W_enc, W_dec)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = count / n_tokens
        log10_density = np.where(count > 0, np.log10(np.maximum(density, 1e-300)), np.nan)
        mean_act = np.where(count > 0, total / np.maximum(count, 1), np.nan)
        de_projection = np.where(enc_norm * dec_norm > 0, dot / (enc_norm * dec_norm), 0.0)
    table = pd.DataFrame(
        {
            "count": count.astype(np.int64),
            "density": density,
            "log10_density": log10_density,
            "mean_act": mean_act,
            "max_act": acc.max.astype(np.float64),
            "enc_bias": weights["b_enc"].astype(np.float64),
            "de_projection": de_projection,
            "enc_norm": enc_norm,
            "dec_norm": dec_norm,
            "dead": count == 0,
            "ultra_rare": (count > 0) & (density < ULTRA_RARE_DENSITY),
            "dense": density > DENSE_DENSITY,
        }
    )
    if "threshold" in weights:
        table["threshold"] = weights["threshold"].astype(np.float64)
    if "W_out" in weights:  # kept so that a card's output neighbours need no d_sae x d x d product
        table["out_norm"] = output_norm_column(weights["W_out"], weights["gram"])
    table.index.name = "feature"
    return table
