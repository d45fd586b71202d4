"""Held-out metrics of a demo SAE, and the METRICS.md / metrics.json written next to the weights."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from tqdm.auto import tqdm

from demo_training.train import DemoSAE

if TYPE_CHECKING:
    from transformer_lens import HookedTransformer


def _reconstruct(sae: DemoSAE, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(reconstruction, latents) of raw activations, in raw units."""
    recon, latents, _ = sae(x * sae.scale)
    return recon / sae.scale, latents


@torch.inference_mode()
def reconstruction_metrics(sae: DemoSAE, acts: np.ndarray, batch_size: int = 4096) -> dict:
    """L0, explained variance, MSE and dead / dense latent fractions over ``acts`` [n, d_in]."""
    fired = torch.zeros(sae.W_dec.shape[0], dtype=torch.long)
    sq_err = total_sq = l0 = 0.0
    mean = torch.from_numpy(np.asarray(acts[:: max(1, len(acts) // 100_000)], np.float32)).mean(0)
    for start in tqdm(range(0, len(acts), batch_size), desc="reconstruction metrics"):
        x = torch.from_numpy(np.asarray(acts[start : start + batch_size], np.float32))
        recon, latents = _reconstruct(sae, x)
        sq_err += (recon - x).pow(2).sum().item()
        total_sq += (x - mean).pow(2).sum().item()
        active = latents > 0
        l0 += active.sum().item()
        fired += active.sum(0)
    n = len(acts)
    return {
        "l0": round(l0 / n, 2),
        "explained_variance": round(1 - sq_err / total_sq, 4),
        "mse_per_token": round(sq_err / n, 3),
        "dead_fraction": round((fired == 0).float().mean().item(), 4),
        "dense_fraction": round((fired > 0.1 * n).float().mean().item(), 4),
        "eval_tokens": n,
    }


@torch.inference_mode()
def feature_counts(sae: DemoSAE, acts: np.ndarray, batch_size: int = 8192) -> np.ndarray:
    """int64 [d_sae]: on how many rows of ``acts`` [n, d_in] each latent fires (> 0)."""
    fired = torch.zeros(sae.W_dec.shape[0], dtype=torch.long)
    for start in tqdm(range(0, len(acts), batch_size), desc="feature densities", leave=False):
        x = torch.from_numpy(np.asarray(acts[start : start + batch_size], np.float32))
        fired += (sae.pre_acts(x * sae.scale) > 0).sum(0)
    return fired.numpy()


def encoder_geometry(sae: DemoSAE) -> tuple[np.ndarray, np.ndarray]:
    """(encoder bias, D/E projection = cosine of encoder column and decoder row) per latent."""
    W_enc = sae.W_enc.detach().double().numpy()
    W_dec = sae.W_dec.detach().double().numpy()
    cos = np.einsum("ij,ji->i", W_dec, W_enc) / (
        np.linalg.norm(W_dec, axis=1) * np.linalg.norm(W_enc, axis=0)
    )
    return sae.b_enc.detach().double().numpy(), cos


def cluster_metrics(sae: DemoSAE, counts: np.ndarray, n_tokens: int) -> dict:
    """Seed 002's cluster on held-out tokens: live features with density < 1e-5 against the rest
    (count, fraction of live, median encoder bias and D/E projection of each group)."""
    b_enc, cos = encoder_geometry(sae)
    density = counts / n_tokens
    live = counts > 0
    rare = live & (density < 1e-5)
    rest = live & ~rare
    out: dict = {
        "cluster_eval_tokens": int(n_tokens),
        "dead_features": int((~live).sum()),
        "live_features": int(live.sum()),
        "ultra_rare_features": int(rare.sum()),
        "ultra_rare_fraction_of_live": round(float(rare.sum() / max(live.sum(), 1)), 4),
    }
    for name, mask in (("ultra_rare", rare), ("other_live", rest)):
        if not mask.any():
            continue
        q1, q3 = np.percentile(cos[mask], [25, 75])
        out[f"median_enc_bias_{name}"] = round(float(np.median(b_enc[mask])), 4)
        out[f"median_de_projection_{name}"] = round(float(np.median(cos[mask])), 4)
        out[f"iqr_de_projection_{name}"] = round(float(q3 - q1), 4)
    return out


@torch.inference_mode()
def ce_loss_recovered(
    sae: DemoSAE, model: HookedTransformer, hook: str, tokens: np.ndarray, batch_size: int = 8
) -> dict:
    """Next-token CE loss clean, with the SAE spliced in, and zero-ablated at ``hook``.

    The hook is replaced at every position except BOS (the SAE was not trained on BOS).
    ``ce_loss_recovered = (zero - spliced) / (zero - clean)``.
    """

    def splice(acts: torch.Tensor, hook: object) -> torch.Tensor:
        recon, _ = _reconstruct(sae, acts[:, 1:].float().reshape(-1, acts.shape[-1]))
        acts[:, 1:] = recon.reshape(acts[:, 1:].shape).to(acts.dtype)
        return acts

    def zero(acts: torch.Tensor, hook: object) -> torch.Tensor:
        acts[:, 1:] = 0.0
        return acts

    runs: dict[str, list[tuple[str | Callable[..., Any], Callable[..., Any]]]] = {
        "clean": [],
        "spliced": [(hook, splice)],
        "zero": [(hook, zero)],
    }
    sums = dict.fromkeys(runs, 0.0)
    all_tokens = torch.from_numpy(tokens.astype(np.int64))
    for start in tqdm(range(0, len(all_tokens), batch_size), desc="CE loss (clean/SAE/zero)"):
        batch = all_tokens[start : start + batch_size].to(model.cfg.device)
        for name, hooks in runs.items():
            loss = model.run_with_hooks(batch, return_type="loss", fwd_hooks=hooks)
            sums[name] += loss.item() * len(batch)
    clean, spliced, zeroed = (sums[k] / len(all_tokens) for k in ("clean", "spliced", "zero"))
    return {
        "ce_clean": round(clean, 4),
        "ce_spliced": round(spliced, 4),
        "ce_zero_ablated": round(zeroed, 4),
        "ce_loss_recovered": round((zeroed - spliced) / (zeroed - clean), 4),
        "ce_tokens": int(all_tokens[:, 1:].numel()),
    }


def evaluate(
    sae: DemoSAE, model: HookedTransformer, hook: str, acts: np.ndarray, ce_tokens: np.ndarray
) -> dict:
    """All held-out metrics of one SAE."""
    recon = reconstruction_metrics(sae, acts)
    return (
        recon
        | ce_loss_recovered(sae, model, hook, ce_tokens)
        | {"dead_fraction_last_epoch": round(sae.dead_last_epoch, 4)}
    )


_COLUMNS = (
    ("train_tokens", "training tokens"),
    ("unique_train_tokens", "unique training tokens"),
    ("l0", "L0 (mean active latents / token)"),
    ("explained_variance", "explained variance"),
    ("ce_loss_recovered", "CE loss recovered"),
    ("ce_clean", "CE clean (nats)"),
    ("ce_spliced", "CE with SAE spliced in"),
    ("ce_zero_ablated", "CE with hook zero-ablated"),
    ("dead_fraction", "dead latents (no firing on held-out)"),
    ("dead_fraction_last_epoch", "dead latents (no firing in the last training epoch)"),
    ("dense_fraction", "dense latents (fire on >10% of tokens)"),
    ("eval_tokens", "held-out tokens (L0, EV, dead)"),
    ("ce_tokens", "held-out tokens (CE)"),
    ("train_minutes", "training minutes"),
)


def write_metrics(folder: Path, results: dict[str, dict], notes: str) -> None:
    """Write ``metrics.json`` and a Markdown table ``METRICS.md`` for the trained SAEs."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(json.dumps(results, indent=2) + "\n")
    kinds = list(results)
    lines = ["# Demo SAE metrics", "", "| metric | " + " | ".join(kinds) + " |"]
    lines.append("|---|" + "---|" * len(kinds))
    for key, label in _COLUMNS:
        cells = " | ".join(str(results[k].get(key, "")) for k in kinds)
        lines.append(f"| {label} | {cells} |")
    (folder / "METRICS.md").write_text("\n".join(lines) + "\n\n" + notes.strip() + "\n")
