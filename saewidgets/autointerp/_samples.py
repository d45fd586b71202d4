"""The examples an explainer sees and the held-out examples its explanation is scored on.

The explainer sees a feature's top examples and a spread of quantile examples. Scoring never uses a
sequence the explainer saw: activating examples come from the other sequences, spread over the
activation range; negatives are windows where the feature is zero, drawn at random and from the top
contexts of its nearest decoder neighbours. ``truth`` is read from the store's activations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from saewidgets.analysis._examples import example_frame

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore

WINDOW = (12, 4)
EXPLAIN_TOP = 10
EXPLAIN_INTERVALS, EXPLAIN_PER_INTERVAL = 5, 2
NEIGHBOURS = 5


def explainer_examples(store: FeatureStore, f: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The top examples and the quantile examples (those not already among the top) shown."""
    top = store.top_examples(f, n=EXPLAIN_TOP, window=WINDOW)
    quant = store.quantile_examples(f, EXPLAIN_INTERVALS, EXPLAIN_PER_INTERVAL, WINDOW)
    seen = set(zip(top["seq"], top["pos"], strict=True))
    keep = [(s, p) not in seen for s, p in zip(quant["seq"], quant["pos"], strict=True)]
    return top, quant[keep].reset_index(drop=True)


def seen_sequences(store: FeatureStore, f: int) -> set[int]:
    """The sequences any example shown to the explainer of ``f`` comes from."""
    top, quant = explainer_examples(store, f)
    return {int(s) for s in top["seq"]} | {int(s) for s in quant["seq"]}


def _one_per_sequence(store: FeatureStore, toks: np.ndarray, seen: set[int]) -> np.ndarray:
    """``toks`` minus those in ``seen`` sequences, keeping the first of each other sequence."""
    if len(toks) == 0:
        return toks
    seqs = store.locate(toks)[0]
    ok = ~np.isin(seqs, np.fromiter(seen, dtype=np.int64, count=len(seen)))
    _, first = np.unique(seqs[ok], return_index=True)
    return toks[ok][np.sort(first)]


def _frame(store: FeatureStore, f: int, toks: np.ndarray, source: str) -> pd.DataFrame:
    frame = example_frame(store, f, toks, np.zeros(len(toks)), WINDOW)
    frame["act"] = [max(a, default=0.0) for a in frame["acts"]]
    frame["source"] = source
    return frame


def _positives(store: FeatureStore, f: int, n: int, seen: set[int]) -> pd.DataFrame:
    tok, val = store.record.feature(f)
    order = np.lexsort((tok, -val))  # strongest first: each sequence keeps its maximum
    best = _one_per_sequence(store, tok[order], seen)
    if len(best) > n:  # spread over the activation range, strongest to weakest
        best = best[np.unique(np.linspace(0, len(best) - 1, n).round().astype(int))]
    return _frame(store, f, best, "activating")


def _zero_windows(
    store: FeatureStore, f: int, toks: np.ndarray, n: int, source: str
) -> pd.DataFrame:
    frame = _frame(store, f, toks, source)
    return frame[frame["act"] == 0].head(n)


def _negatives(store: FeatureStore, f: int, n: int, seen: set[int], seed: int) -> pd.DataFrame:
    n_near = n // 2
    near = store.neighbours(f, by="cosine", k=NEIGHBOURS)["feature"].to_numpy()
    tops = store.accumulators["top_tok"][near].T.reshape(-1)  # interleaved: each neighbour's best
    tops = _one_per_sequence(store, tops[tops >= 0].astype(np.int64), seen)
    from_near = _zero_windows(store, f, tops, n_near, "neighbour")
    used = seen | {int(s) for s in from_near["seq"]}
    rng = np.random.default_rng([seed, f])
    draws = rng.choice(store.n_tokens, size=min(store.n_tokens, 20 * n + 20), replace=False)
    random = _zero_windows(
        store, f, _one_per_sequence(store, draws, used), n - len(from_near), "random"
    )
    return pd.concat([from_near, random], ignore_index=True)


def held_out(store: FeatureStore, f: int, n: int, seed: int = 0) -> pd.DataFrame:
    """Up to ``n`` activating and ``n`` non-activating windows from sequences the explainer of
    ``f`` never saw, with ``truth`` (does ``f`` fire in the window, per the store)."""
    seen = seen_sequences(store, f)
    pos = _positives(store, f, n, seen)
    neg = _negatives(store, f, n, seen | {int(s) for s in pos["seq"]}, seed)
    frame = pd.concat([pos, neg], ignore_index=True)
    frame["truth"] = frame["act"] > 0
    return frame


def fuzz_marks(acts: list[float], correct: bool, rng: np.random.Generator) -> list[int]:
    """Positions to mark: the active ones, or as many drawn from the inactive ones."""
    a = np.asarray(acts)
    active, idle = np.flatnonzero(a > 0), np.flatnonzero(a == 0)
    if correct or len(idle) == 0:
        return [int(i) for i in active]
    k = min(len(active), len(idle))
    return sorted(int(i) for i in rng.choice(idle, size=k, replace=False))
