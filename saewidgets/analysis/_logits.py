"""Logit weights: each feature's direct effect on the logits, ``W_out[f] @ W_U``.

Direct path only: the final layer norm is ignored (as in SAEDashboard and sae_vis). Computed
in feature blocks, so the d_sae x d_vocab matrix is never held whole; the store keeps the top and
bottom ``LOGIT_K`` tokens and a histogram per feature, plus the Gram matrix of the unembedding
centred over the vocabulary (softmax ignores a constant shift of all logits), which gives output
similarity without the d_sae x d_vocab matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from saewidgets._errors import count_arg

if TYPE_CHECKING:
    import torch

    from saewidgets.store._reader import StoreFiles

LOGIT_K = 50
LOGIT_BINS = 40


@dataclass(frozen=True)
class LogitTables:
    """Per-feature top/bottom logit weights and histograms for the whole SAE."""

    top_ids: np.ndarray  # int32 [d_sae, K], largest first
    top_values: np.ndarray  # float32 [d_sae, K]
    bottom_ids: np.ndarray  # int32 [d_sae, K], most negative first
    bottom_values: np.ndarray  # float32 [d_sae, K]
    hist_lo: np.ndarray  # float32 [d_sae]
    hist_hi: np.ndarray  # float32 [d_sae]
    hist_counts: np.ndarray  # int32 [d_sae, LOGIT_BINS]


@dataclass(frozen=True)
class LogitWeights:
    """One feature's strongest positive and negative logit weights and their histogram."""

    feature: int
    top_ids: np.ndarray
    top_tokens: list[str]
    top_values: np.ndarray
    bottom_ids: np.ndarray
    bottom_tokens: list[str]
    bottom_values: np.ndarray
    hist_edges: np.ndarray
    hist_counts: np.ndarray

    def __repr__(self) -> str:
        def side(tokens: list[str], values: np.ndarray) -> str:
            shown = [f"{t!r} {float(v):+.3g}" for t, v in zip(tokens[:5], values[:5], strict=False)]
            return ", ".join(shown) + (", …" if len(tokens) > 5 else "")

        return (
            f"LogitWeights(feature {self.feature}; "
            f"top: {side(self.top_tokens, self.top_values)}; "
            f"bottom: {side(self.bottom_tokens, self.bottom_values)})"
        )

    def to_frame(self) -> pd.DataFrame:
        """Both tables side by side: rank, top token/value, bottom token/value."""
        return pd.DataFrame(
            {
                "top_token": self.top_tokens,
                "top_value": self.top_values,
                "bottom_token": self.bottom_tokens,
                "bottom_value": self.bottom_values,
            }
        )


def logit_tables(
    out_dir: torch.Tensor, W_U: torch.Tensor, k: int = LOGIT_K, block: int = 256
) -> LogitTables:
    """Top/bottom ``k`` tokens and a histogram of ``out_dir[f] @ W_U`` for every feature."""
    import torch

    d_sae, d_vocab = out_dir.shape[0], W_U.shape[1]
    k = min(k, d_vocab)
    top_i = np.zeros((d_sae, k), np.int32)
    top_v = np.zeros((d_sae, k), np.float32)
    bot_i = np.zeros((d_sae, k), np.int32)
    bot_v = np.zeros((d_sae, k), np.float32)
    lo = np.zeros(d_sae, np.float32)
    hi = np.zeros(d_sae, np.float32)
    counts = np.zeros((d_sae, LOGIT_BINS), np.int32)
    W_U = W_U.float()
    starts = range(0, d_sae, block)
    for s in tqdm(starts, desc="logit weights", unit="block", disable=len(starts) < 8):
        L = out_dir[s : s + block].float() @ W_U  # [b, d_vocab]
        tv, ti = L.topk(k, dim=1)
        bv, bi = (-L).topk(k, dim=1)
        mn, mx = L.min(dim=1).values, L.max(dim=1).values
        width = torch.where(mx > mn, mx - mn, torch.ones_like(mx))
        bins = ((L - mn[:, None]) / width[:, None] * LOGIT_BINS).long().clamp_(0, LOGIT_BINS - 1)
        c = torch.zeros((L.shape[0], LOGIT_BINS), dtype=torch.int64, device=L.device)
        c.scatter_add_(1, bins, torch.ones_like(bins))
        e = s + L.shape[0]
        top_i[s:e], top_v[s:e] = ti.cpu().numpy(), tv.cpu().numpy()
        bot_i[s:e], bot_v[s:e] = bi.cpu().numpy(), -bv.cpu().numpy()
        lo[s:e], hi[s:e] = mn.cpu().numpy(), mx.cpu().numpy()
        counts[s:e] = c.cpu().numpy()
    return LogitTables(top_i, top_v, bot_i, bot_v, lo, hi, counts)


def centred_gram(W_U: torch.Tensor) -> torch.Tensor:
    """``W_U W_Uᵀ`` after centring each row of ``W_U`` over the vocabulary: [d_model, d_model]."""
    Wc = W_U.double() - W_U.double().mean(dim=1, keepdim=True)
    return (Wc @ Wc.T).float()


def logit_weights(store: StoreFiles, f: int, k: int = 10) -> LogitWeights:
    """Top and bottom ``k`` tokens of feature ``f``'s stored logit table, with their values."""
    t = store.logit_tables
    k = count_arg(k, "k", 1, t["top_ids"].shape[1])
    top, bot = t["top_ids"][f, :k], t["bottom_ids"][f, :k]
    edges = np.linspace(t["hist_lo"][f], t["hist_hi"][f], LOGIT_BINS + 1)
    return LogitWeights(
        feature=f,
        top_ids=top,
        top_tokens=store.str_tokens(top),
        top_values=t["top_values"][f, :k],
        bottom_ids=bot,
        bottom_tokens=store.str_tokens(bot),
        bottom_values=t["bottom_values"][f, :k],
        hist_edges=edges,
        hist_counts=t["hist_counts"][f],
    )
