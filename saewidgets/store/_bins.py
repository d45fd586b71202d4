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

    A merge of sorted lists: only the candidates are sorted; each one's place in its row is the
    number of row entries ahead of it plus its rank among the row's candidates, and each row
    entry moves down by the number of candidates ahead of it (re-sorting every touched row with
    its candidates cost a harvest ~30 ms a batch).
    """
    if len(group) == 0:
        return
    val, key = val.astype(top_val.dtype), key.astype(top_key.dtype)
    if not np.isfinite(val).all():
        _merge_top_sorting(top_val, top_key, group, val, key)
        return
    n = top_val.shape[1]
    order = np.lexsort((key, -val, group))
    g, v, k = group[order], val[order], key[order]
    groups, first, slot = np.unique(g, return_index=True, return_inverse=True)
    rank = np.arange(len(g)) - first[slot]
    if (rank >= n).any():  # only a row's n best candidates can enter it
        kept = rank < n
        v, k, slot, rank = v[kept], k[kept], slot[kept], rank[kept]
    row_val, row_key = top_val[groups], top_key[groups]
    empty_last = np.where(row_key < 0, np.iinfo(np.int64).max, row_key)
    ahead_of_cand = (row_val[slot] > v[:, None]) | (
        (row_val[slot] == v[:, None]) & (empty_last[slot] < k[:, None])
    )
    before = ahead_of_cand.sum(axis=1)  # row entries ahead of each candidate
    lands = np.zeros((len(groups), n + 1), np.int64)
    np.add.at(lands, (slot, before), 1)
    shift = np.cumsum(lands, axis=1)[:, :n]  # candidates ahead of row entry j
    new_val = np.full((len(groups), n), -np.inf, dtype=top_val.dtype)
    new_key = np.full((len(groups), n), -1, dtype=top_key.dtype)
    place = np.arange(n)[None, :] + shift
    r, j = np.nonzero(place < n)
    new_val[r, place[r, j]], new_key[r, place[r, j]] = row_val[r, j], row_key[r, j]
    at = before + rank
    c = at < n
    new_val[slot[c], at[c]], new_key[slot[c], at[c]] = v[c], k[c]
    top_val[groups], top_key[groups] = new_val, new_key


def _merge_top_sorting(
    top_val: np.ndarray,
    top_key: np.ndarray,
    group: np.ndarray,
    val: np.ndarray,
    key: np.ndarray,
) -> None:
    """merge_top by re-sorting each touched row with its candidates (any values, NaN too)."""
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
