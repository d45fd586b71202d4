"""Per-cell sums of the all-pairs geometry grid: pair count, sum and sum of squares of decoder
cosine, and each cell's strongest pairs (shared by the NumPy and the torch bands)."""

from __future__ import annotations

import numpy as np

from saewidgets.store._bins import merge_top

TOP_SCAN = 1 << 18  # pairs screened at once for the strongest pairs of each cell


class GridSums:
    """Per-cell pair count, sum and sum of squares of cosine, and the strongest pairs; the last
    cell index (``discard``) takes pairs that are not counted."""

    def __init__(self, n_cells: int, top_pairs: int) -> None:
        self.discard = n_cells
        self.count = np.zeros(n_cells, np.int64)
        self.s1 = np.zeros(n_cells)
        self.s2 = np.zeros(n_cells)
        self.top_val = np.full((n_cells, top_pairs), -np.inf, np.float32)
        self.top_key = np.full((n_cells, top_pairs), -1, np.int64)

    def add(
        self, cell: np.ndarray, cos: np.ndarray, row_key: np.ndarray, col_key: np.ndarray
    ) -> None:
        """Add a block of pairs: their cells and cosines ``[b, m]``; pair (i, j) is named
        ``row_key[i] + col_key[j]``."""
        flat, m = cell.ravel(), self.discard + 1
        cv = cos.ravel().astype(np.float64)
        self.count += np.bincount(flat, minlength=m)[:-1]
        self.s1 += np.bincount(flat, weights=cv, minlength=m)[:-1]
        np.multiply(cv, cv, out=cv)
        self.s2 += np.bincount(flat, weights=cv, minlength=m)[:-1]
        del cv
        if self.top_val.shape[1] == 0:
            return
        strength = np.abs(cos)
        for r0 in range(0, cos.shape[0], self.scan_rows(cos.shape[1])):
            rows = slice(r0, r0 + self.scan_rows(cos.shape[1]))
            i, j = np.nonzero(strength[rows] >= self.bars()[cell[rows]])
            i += r0
            self.merge(cell[i, j], strength[i, j], row_key[i] + col_key[j])

    @staticmethod
    def scan_rows(width: int) -> int:
        """Rows of a block screened at once (a few, so that the bars rise early)."""
        return max(1, TOP_SCAN // max(1, width))

    def bars(self) -> np.ndarray:
        """Per cell, the strength a pair needs to enter its top (the discard cell: never);
        ties pass, as the merge orders them by key."""
        return np.append(self.top_val[:, -1], np.inf)

    def merge(self, cell: np.ndarray, strength: np.ndarray, pairs: np.ndarray) -> None:
        """Merge screened pairs (their cells, |cosine| and pair keys) into the per-cell tops."""
        merge_top(self.top_val, self.top_key, cell, strength, pairs)
