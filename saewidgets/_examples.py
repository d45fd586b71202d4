"""Activating examples of a feature, with their token context, read from a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from saewidgets._store import FeatureStore

COLUMNS = ["seq", "pos", "act", "tokens", "acts", "start", "max_index"]


def feature_values(store: FeatureStore, f: int, a: int, b: int) -> np.ndarray:
    """float32 [b - a]: feature ``f`` on global tokens ``a..b-1`` (zero where it did not fire)."""
    tok, val = store.record.feature(f)
    lo, hi = np.searchsorted(tok, [a, b])
    out = np.zeros(b - a, dtype=np.float32)
    out[tok[lo:hi] - a] = val[lo:hi]
    return out


def example_frame(
    store: FeatureStore, f: int, toks: np.ndarray, vals: np.ndarray, window: tuple[int, int]
) -> pd.DataFrame:
    """One row per example token: where it is, its value, and the context window around it."""
    before, after = window
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
                "acts": feature_values(store, f, a, b).tolist(),
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
    frames = []
    for i in range(n_intervals - 1, -1, -1):
        idx = np.nonzero(which == i)[0]
        if len(idx) == 0:
            continue
        idx = idx[np.lexsort((tok[idx], -val[idx]))]
        pick = idx[
            np.unique(np.linspace(0, len(idx) - 1, min(per_interval, len(idx))).round().astype(int))
        ]
        frame = example_frame(store, f, tok[pick], val[pick], window)
        frame["interval"], frame["lo"], frame["hi"] = i, edges[i], edges[i + 1]
        frame["n_in_interval"] = len(idx)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[cols]
