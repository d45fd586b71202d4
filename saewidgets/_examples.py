"""Activating examples of a feature, with their token context, read from a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from saewidgets._store import FeatureStore

COLUMNS = ["seq", "pos", "act", "tokens", "acts", "start", "max_index"]


def feature_values(
    store: FeatureStore,
    f: int,
    a: int,
    b: int,
    entries: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """float32 [b - a]: feature ``f`` on global tokens ``a..b-1`` (zero where it did not fire).

    ``entries`` is ``store.record.feature(f)`` when the caller already read it.
    """
    tok, val = entries if entries is not None else store.record.feature(f)
    lo, hi = np.searchsorted(tok, [a, b])
    out = np.zeros(b - a, dtype=np.float32)
    out[tok[lo:hi] - a] = val[lo:hi]
    return out


def example_frame(
    store: FeatureStore, f: int, toks: np.ndarray, vals: np.ndarray, window: tuple[int, int]
) -> pd.DataFrame:
    """One row per example token: where it is, its value, and the context window around it."""
    before, after = window
    entries = store.record.feature(f)
    rows = []
    seqs, poss = store.locate(toks)
    for t, v, s, p in zip(toks, vals, seqs, poss, strict=True):
        s_a, s_b = int(store.seq_offsets[s]), int(store.seq_offsets[s + 1])
        a, b = max(s_a, int(t) - before), min(s_b, int(t) + after + 1)
        rows.append(
            {
                "seq": int(s),
                "pos": int(p),
                "act": float(v),
                "tokens": store.str_tokens(store.tokens[a:b]),
                "acts": feature_values(store, f, a, b, entries).tolist(),
                "start": a - s_a,
                "max_index": int(t) - a,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def quantile_frame(
    store: FeatureStore, f: int, n_intervals: int, per_interval: int, window: tuple[int, int]
) -> pd.DataFrame:
    """Examples from ``n_intervals`` equal-width intervals of ``(0, max]``, top interval first.

    Within an interval the examples are spread evenly over the interval's sorted values
    (deterministic), so they show the interval's range rather than only its top.
    """
    tok, val = store.record.feature(f)
    cols = [*COLUMNS, "interval", "lo", "hi", "n_in_interval"]
    if len(val) == 0:
        return pd.DataFrame(columns=cols)
    edges = np.linspace(0.0, float(val.max()), n_intervals + 1)
    which = np.clip(np.searchsorted(edges, val, side="left") - 1, 0, n_intervals - 1)
    order = np.lexsort((tok, -val, -which))  # top interval first, then by value, then token
    which_sorted = which[order]
    starts = np.searchsorted(-which_sorted, -np.arange(n_intervals - 1, -1, -1))
    picks, interval, n_in = [], [], []
    for i, a in zip(range(n_intervals - 1, -1, -1), starts, strict=True):
        b = a + int(np.count_nonzero(which_sorted == i))
        if b == a:
            continue
        spread = np.unique(np.linspace(a, b - 1, min(per_interval, b - a)).round().astype(int))
        picks.append(order[spread])
        interval += [i] * len(spread)
        n_in += [b - a] * len(spread)
    pick = np.concatenate(picks)
    frame = example_frame(store, f, tok[pick], val[pick], window)
    frame["interval"] = interval
    frame["lo"], frame["hi"] = edges[frame["interval"]], edges[frame["interval"] + 1]
    frame["n_in_interval"] = n_in
    return frame[cols]
