"""Mergeable per-feature statistics updated from the non-zero activations of each batch.

Firing count, sum and max; a histogram over fixed log-spaced bins (so shards merge by adding);
the top-k activating tokens, ordered by value (descending) then token index (ascending), so the
merge of two shards equals the harvest of the whole, ties included. Plain numpy: the batch's
sparse activations are small next to d_sae x tokens, and numpy's scatter ops are the fast ones
on CPU.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saewidgets.store._bins import HIST_LOG10_LO, HIST_N, HIST_PER_DECADE, merge_top


def hist_bins(values: np.ndarray) -> np.ndarray:
    """Bin index (0 .. HIST_N + 1) of each positive value in the shared histogram."""
    pos = (np.log10(values.astype(np.float32)) - HIST_LOG10_LO) * HIST_PER_DECADE
    return (np.clip(np.floor(pos), -1, HIST_N) + 1).astype(np.int64)


@dataclass
class FeatureAccumulator:
    """Running statistics of every feature; ``update`` per batch, ``merge`` across shards."""

    count: np.ndarray  # int64 [d_sae]
    total: np.ndarray  # float64 [d_sae]
    max: np.ndarray  # float32 [d_sae]
    hist: np.ndarray  # int64 [d_sae, HIST_N + 2]
    top_val: np.ndarray  # float32 [d_sae, k], descending, -inf where empty
    top_tok: np.ndarray  # int64 [d_sae, k], -1 where empty

    @classmethod
    def empty(cls, d_sae: int, top_k: int) -> FeatureAccumulator:
        """Statistics of no tokens at all."""
        return cls(
            count=np.zeros(d_sae, np.int64),
            total=np.zeros(d_sae, np.float64),
            max=np.zeros(d_sae, np.float32),
            hist=np.zeros((d_sae, HIST_N + 2), np.int64),
            top_val=np.full((d_sae, top_k), -np.inf, np.float32),
            top_tok=np.full((d_sae, top_k), -1, np.int64),
        )

    @property
    def d_sae(self) -> int:
        """Number of features."""
        return int(self.count.shape[0])

    def update(self, feat: np.ndarray, val: np.ndarray, tok: np.ndarray) -> None:
        """Add a batch's non-zero activations: feature ids, values and global token indices."""
        d = self.d_sae
        self.count += np.bincount(feat, minlength=d)
        self.total += np.bincount(feat, weights=val, minlength=d)
        np.maximum.at(self.max, feat, val)
        np.add.at(self.hist.reshape(-1), feat * (HIST_N + 2) + hist_bins(val), 1)
        keep = val > self.top_val[feat, -1]
        if keep.any():
            merge_top(self.top_val, self.top_tok, feat[keep], val[keep], tok[keep])

    def merge(self, other: FeatureAccumulator, token_offset: int) -> None:
        """Fold in another shard's statistics whose token indices start at ``token_offset``."""
        if other.d_sae != self.d_sae or other.top_val.shape != self.top_val.shape:
            raise ValueError("Cannot merge statistics of SAEs of different widths or top_k.")
        self.count += other.count
        self.total += other.total
        np.maximum(self.max, other.max, out=self.max)
        self.hist += other.hist
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
        """Every array, for saving."""
        return {
            "count": self.count,
            "total": self.total,
            "max": self.max,
            "hist": self.hist,
            "top_val": self.top_val,
            "top_tok": self.top_tok,
        }

    @classmethod
    def from_numpy(cls, arrays: dict[str, np.ndarray]) -> FeatureAccumulator:
        """Rebuild from ``to_numpy()`` output (arrays are copied)."""
        return cls(
            **{
                k: np.array(arrays[k])
                for k in ("count", "total", "max", "hist", "top_val", "top_tok")
            }
        )
