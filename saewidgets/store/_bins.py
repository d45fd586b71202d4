"""Torch-free pieces shared by harvesting and reading: histogram bins and top-n merging."""

from __future__ import annotations

import numpy as np

# Log-spaced histogram bins shared by every feature: 16 per decade over 1e-4 .. 1e5, plus an
# underflow bin (below 1e-4) and an overflow bin (1e5 and above).
HIST_LOG10_LO, HIST_LOG10_HI, HIST_PER_DECADE = -4.0, 5.0, 16
HIST_N = int((HIST_LOG10_HI - HIST_LOG10_LO) * HIST_PER_DECADE)


def hist_edges() -> np.ndarray:
    """Edges of the shared histogram: ``[0, 1e-4, ..., 1e5, inf]`` (HIST_N + 3 values)."""
    inner = 10.0 ** np.linspace(HIST_LOG10_LO, HIST_LOG10_HI, HIST_N + 1)
    return np.concatenate([[0.0], inner, [np.inf]])


def merge_top(
    top_val: np.ndarray,
    top_key: np.ndarray,
    group: np.ndarray,
    val: np.ndarray,
    key: np.ndarray,
) -> None:
    """Merge candidates into per-group top-n tables in place.

    Rows of ``top_val``/``top_key`` are groups, sorted by value descending then key ascending;
    empty slots hold -inf / -1. Candidates are (group, value, key) triples.
    """
    if len(group) == 0:
        return
    n = top_val.shape[1]
    groups = np.unique(group)
    all_g = np.concatenate([np.repeat(groups, n), group])
    all_v = np.concatenate([top_val[groups].ravel(), val.astype(top_val.dtype)])
    all_k = np.concatenate([top_key[groups].ravel(), key.astype(top_key.dtype)])
    empty_last = np.where(all_k < 0, np.iinfo(np.int64).max, all_k)
    order = np.lexsort((empty_last, -all_v, all_g))
    all_g, all_v, all_k = all_g[order], all_v[order], all_k[order]
    starts = np.searchsorted(all_g, groups)
    rank = np.arange(len(all_g)) - np.repeat(starts, np.diff(np.append(starts, len(all_g))))
    keep = rank < n
    top_val[all_g[keep], rank[keep]] = all_v[keep]
    top_key[all_g[keep], rank[keep]] = all_k[keep]
