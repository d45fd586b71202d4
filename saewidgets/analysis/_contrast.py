"""Contrasting two corpora on one SAE: each feature's firing density in two stores, a smoothed
log ratio, and an exact test that accounts for counts (3 firings vs 0 is not "infinitely more")."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import binom

from saewidgets._errors import StoreError
from saewidgets.analysis._identity import check_same_model

COLUMNS = [
    "count_a",
    "count_b",
    "density_a",
    "density_b",
    "log10_density_a",
    "log10_density_b",
    "log2_ratio",
    "p_value",
    "q_value",
]
_SAME = (
    ("sae_fingerprint", "SAE weights"),
    ("excluded_token_ids", "special tokens left out of the statistics"),
)


def contrast(store_a: Any, store_b: Any) -> pd.DataFrame:
    """One row per feature (index ``feature``): firing counts and densities in ``store_a`` and
    ``store_b`` (harvested from two corpora with the same model, hook and SAE; densities over
    the tokens each store counts, special tokens left out), their log10,
    ``log2_ratio`` = log2 of (count_a + ½)/n_a over (count_b + ½)/n_b (½ keeps a zero count
    finite), ``p_value`` of the exact two-sided conditional binomial test (given the feature's
    count_a + count_b firings, is its split between the corpora the token split n_a : n_b?
    twice the smaller tail, at most 1; tokens are treated as independent draws) and
    ``q_value`` (Benjamini-Hochberg over the features that fire at all). Dead in both: p = 1."""
    _check_same(store_a, store_b)
    n_a, n_b = int(store_a.meta.n_counted), int(store_b.meta.n_counted)
    k_a = store_a.features["count"].to_numpy(np.int64)
    k_b = store_b.features["count"].to_numpy(np.int64)
    with np.errstate(divide="ignore"):
        frame = pd.DataFrame(
            {
                "count_a": k_a,
                "count_b": k_b,
                "density_a": k_a / n_a,
                "density_b": k_b / n_b,
                "log10_density_a": np.where(k_a > 0, np.log10(k_a / n_a), np.nan),
                "log10_density_b": np.where(k_b > 0, np.log10(k_b / n_b), np.nan),
                "log2_ratio": np.log2((k_a + 0.5) / n_a) - np.log2((k_b + 0.5) / n_b),
                "p_value": split_test(k_a, k_b, n_a, n_b),
            }
        )
    frame["q_value"] = benjamini_hochberg(frame["p_value"].to_numpy(), (k_a + k_b) > 0)
    frame.index.name = "feature"
    return frame[COLUMNS]


def split_test(k_a: np.ndarray, k_b: np.ndarray, n_a: int, n_b: int) -> np.ndarray:
    """Two-sided p-values: twice the smaller tail of Binomial(k_a + k_b, n_a / (n_a + n_b)) at
    k_a, capped at 1."""
    m = k_a + k_b
    p0 = n_a / (n_a + n_b)
    lower = binom.cdf(k_a, m, p0)
    upper = binom.sf(k_a - 1, m, p0)
    return np.where(m > 0, np.minimum(1.0, 2 * np.minimum(lower, upper)), 1.0)


def benjamini_hochberg(p: np.ndarray, tested: np.ndarray) -> np.ndarray:
    """BH-adjusted q-values of the ``tested`` p-values (1 elsewhere)."""
    q = np.ones_like(p, dtype=np.float64)
    idx = np.nonzero(tested)[0]
    if len(idx) == 0:
        return q
    order = idx[np.argsort(p[idx], kind="stable")]
    ranked = p[order] * len(idx) / np.arange(1, len(idx) + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    return q


def _check_same(a: Any, b: Any) -> None:
    check_same_model([a, b], "contrast")  # model weights and hook, as compare checks them
    for field, what in _SAME:
        va, vb = getattr(a.meta, field), getattr(b.meta, field)
        if va != vb:
            raise StoreError(
                f"contrast compares two corpora on ONE SAE, but the stores differ in {what} "
                f"({a.path} vs {b.path}). Harvest both corpora with the same Lens; to compare "
                "two SAEs use sw.compare."
            )
