"""Activating examples of a feature, with their token context, read from a store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from saewidgets.store._reader import StoreFiles

COLUMNS = ["seq", "pos", "act", "tokens", "acts", "start", "max_index"]


def feature_values(store: StoreFiles, f: int, a: int, b: int) -> np.ndarray:
    """float32 [b - a]: feature ``f`` on global tokens ``a..b-1`` (zero where it did not fire)."""
    tok, val = store.record.feature(f)
    lo, hi = np.searchsorted(tok, [a, b])
    out = np.zeros(b - a, dtype=np.float32)
    out[tok[lo:hi] - a] = val[lo:hi]
    return out


def example_frame(
    store: StoreFiles, f: int, toks: np.ndarray, vals: np.ndarray, window: tuple[int, int]
) -> pd.DataFrame:
    """One row per example token: where it is, its value, and the context window around it."""
    return pd.DataFrame(example_rows(store, f, toks, vals, window), columns=COLUMNS)


def example_rows(
    store: StoreFiles, f: int, toks: np.ndarray, vals: np.ndarray, window: tuple[int, int]
) -> dict[str, Any]:
    """``example_frame``'s columns by name, without the frame (a card per feature of a wide
    SAE reads thousands of these)."""
    before, after = window
    toks = np.asarray(toks, dtype=np.int64)
    seqs, poss = store.locate(toks)
    seq_a, seq_b = store.seq_offsets[seqs], store.seq_offsets[seqs + 1]
    a = np.maximum(seq_a, toks - before)
    b = np.minimum(seq_b, toks + after + 1)
    tok_f, val_f = store.record.feature(f)
    lo, hi = np.searchsorted(tok_f, a), np.searchsorted(tok_f, b)
    ids = store.tokens
    acts = []
    for x, y, i, j in zip(a, b, lo, hi, strict=True):
        w = np.zeros(y - x, dtype=np.float32)
        w[tok_f[i:j] - x] = val_f[i:j]
        acts.append(w.tolist())
    return {
        "seq": seqs.astype(np.int64),
        "pos": poss.astype(np.int64),
        "act": np.asarray(vals, dtype=np.float64),
        "tokens": [store.text_tokens(ids[x:y]) for x, y in zip(a, b, strict=True)],
        "acts": acts,
        "start": (a - seq_a).astype(np.int64),
        "max_index": (toks - a).astype(np.int64),
    }


def _spread(n: int, m: int) -> np.ndarray:
    """``m`` evenly spread positions in ``range(n)``: ``round(j (n-1) / (m-1))`` with ties to
    even, in integers so that no float rounding can move a pick."""
    if m <= 1:
        return np.zeros(1, dtype=np.int64)
    num, den = np.arange(m, dtype=np.int64) * (n - 1), m - 1
    q, r = np.divmod(num, den)
    up = (2 * r > den) | ((2 * r == den) & (q % 2 == 1))
    return np.unique(q + up)


def quantile_frame(
    store: StoreFiles, f: int, n_intervals: int, per_interval: int, window: tuple[int, int]
) -> pd.DataFrame:
    """Examples from ``n_intervals`` equal-width intervals of ``(0, max]``, top interval first.

    Within an interval the examples are spread evenly over the interval's sorted values
    (deterministic), so they show the interval's range rather than only its top.
    """
    tok, val = store.counted_feature(f)
    cols = [*COLUMNS, "interval", "lo", "hi", "n_in_interval"]
    if len(val) == 0:
        return pd.DataFrame(columns=cols)
    edges = float(val.max()) * np.arange(n_intervals + 1) / n_intervals  # exact, not linspace
    which = np.clip(np.searchsorted(edges, val, side="left") - 1, 0, n_intervals - 1)
    order = np.lexsort((tok, -val, -which))  # top interval first, then by value, then token
    which_sorted = which[order]
    starts = np.searchsorted(-which_sorted, -np.arange(n_intervals - 1, -1, -1))
    picks, interval, n_in = [], [], []
    for i, a in zip(range(n_intervals - 1, -1, -1), starts, strict=True):
        b = a + int(np.count_nonzero(which_sorted == i))
        if b == a:
            continue
        spread = a + _spread(b - a, min(per_interval, b - a))
        picks.append(order[spread])
        interval += [i] * len(spread)
        n_in += [b - a] * len(spread)
    pick = np.concatenate(picks)
    frame = example_frame(store, f, tok[pick], val[pick], window)
    frame["interval"] = interval
    frame["lo"], frame["hi"] = edges[frame["interval"]], edges[frame["interval"] + 1]
    frame["n_in_interval"] = n_in
    return frame[cols]
