"""Mergeable per-feature statistics updated from the non-zero activations of each batch.

Firing count, sum and max; a histogram over fixed log-spaced bins (so shards merge by adding);
the top-k activating tokens, ordered by value (descending) then token index (ascending), so the
merge of two shards equals the harvest of the whole, ties included.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from saewidgets._bins import HIST_LOG10_LO, HIST_N, HIST_PER_DECADE, merge_top


def hist_bins(values: torch.Tensor) -> torch.Tensor:
    """Bin index (0 .. HIST_N + 1) of each positive value in the shared histogram."""
    pos = (torch.log10(values.double()) - HIST_LOG10_LO) * HIST_PER_DECADE
    return (pos.floor().clamp(-1, HIST_N) + 1).long()


@dataclass
class FeatureAccumulator:
    """Running statistics of every feature; ``update`` per batch, ``merge`` across shards."""

    count: torch.Tensor  # int64 [d_sae]
    total: torch.Tensor  # float64 [d_sae]
    max: torch.Tensor  # float32 [d_sae]
    hist: torch.Tensor  # int64 [d_sae, HIST_N + 2]
    top_val: np.ndarray  # float32 [d_sae, k], descending, -inf where empty
    top_tok: np.ndarray  # int64 [d_sae, k], -1 where empty

    @classmethod
    def empty(
        cls, d_sae: int, top_k: int, device: torch.device | str = "cpu"
    ) -> FeatureAccumulator:
        """Statistics of no tokens at all."""
        return cls(
            count=torch.zeros(d_sae, dtype=torch.int64, device=device),
            total=torch.zeros(d_sae, dtype=torch.float64, device=device),
            max=torch.zeros(d_sae, dtype=torch.float32, device=device),
            hist=torch.zeros((d_sae, HIST_N + 2), dtype=torch.int64, device=device),
            top_val=np.full((d_sae, top_k), -np.inf, dtype=np.float32),
            top_tok=np.full((d_sae, top_k), -1, dtype=np.int64),
        )

    @property
    def d_sae(self) -> int:
        """Number of features."""
        return int(self.count.shape[0])

    def update(self, feat: torch.Tensor, val: torch.Tensor, tok: torch.Tensor) -> None:
        """Add a batch's non-zero activations: feature ids, values and global token indices."""
        d = self.d_sae
        self.count += torch.bincount(feat, minlength=d)
        self.total += torch.bincount(feat, weights=val.double(), minlength=d)
        self.max.scatter_reduce_(0, feat, val.float(), reduce="amax")
        flat = feat * (HIST_N + 2) + hist_bins(val)
        self.hist.view(-1).index_add_(0, flat, torch.ones_like(flat))
        thr = torch.from_numpy(self.top_val[:, -1]).to(val.device)
        keep = val > thr[feat]
        if keep.any():
            merge_top(
                self.top_val,
                self.top_tok,
                feat[keep].cpu().numpy(),
                val[keep].float().cpu().numpy(),
                tok[keep].cpu().numpy(),
            )

    def merge(self, other: FeatureAccumulator, token_offset: int) -> None:
        """Fold in another shard's statistics whose token indices start at ``token_offset``."""
        if other.d_sae != self.d_sae or other.top_val.shape != self.top_val.shape:
            raise ValueError("Cannot merge statistics of SAEs of different widths or top_k.")
        self.count += other.count.to(self.count.device)
        self.total += other.total.to(self.total.device)
        self.max = torch.maximum(self.max, other.max.to(self.max.device))
        self.hist += other.hist.to(self.hist.device)
        filled = other.top_tok >= 0
        feats = np.nonzero(filled)[0]
        merge_top(
            self.top_val,
            self.top_tok,
            feats,
            other.top_val[filled],
            other.top_tok[filled] + token_offset,
        )

    def to_numpy(self) -> dict[str, np.ndarray]:
        """Every array, on the CPU, for saving."""
        return {
            "count": self.count.cpu().numpy(),
            "total": self.total.cpu().numpy(),
            "max": self.max.cpu().numpy(),
            "hist": self.hist.cpu().numpy(),
            "top_val": self.top_val,
            "top_tok": self.top_tok,
        }

    @classmethod
    def from_numpy(cls, arrays: dict[str, np.ndarray]) -> FeatureAccumulator:
        """Rebuild from ``to_numpy()`` output."""
        return cls(
            count=torch.from_numpy(np.array(arrays["count"])),
            total=torch.from_numpy(np.array(arrays["total"])),
            max=torch.from_numpy(np.array(arrays["max"])),
            hist=torch.from_numpy(np.array(arrays["hist"])),
            top_val=np.array(arrays["top_val"]),
            top_tok=np.array(arrays["top_tok"]),
        )
