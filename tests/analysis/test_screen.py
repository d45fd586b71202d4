"""The float32-screened top-k products against dense float64 brute force, on hard cases."""

from __future__ import annotations

import numpy as np
import pytest

from saewidgets.analysis._screen import screened_products


def _dense_top(M: np.ndarray, v: np.ndarray, scale: np.ndarray, k: int, exclude: int):
    with np.errstate(invalid="ignore", divide="ignore"):
        full = (M.astype(np.float64) @ v) * scale
    full[exclude] = np.nan
    ok = np.flatnonzero(~np.isnan(full))
    order = ok[np.lexsort((ok, -full[ok]))][:k]
    return order, full[order]


def _top(values: np.ndarray, k: int):
    ok = np.flatnonzero(~np.isnan(values))
    order = ok[np.lexsort((ok, -values[ok]))][:k]
    return order, values[order]


@pytest.mark.parametrize("k", [1, 5, 40])
def test_screened_top_k_equals_float64_brute_force(k):
    rng = np.random.default_rng(k)
    n, d = 6000, 768
    M = rng.standard_normal((n, d)).astype(np.float32)
    M[10] = 0.0  # a zero row
    M[20:60] = M[5] * np.float32(1.0 + 1e-7)  # near-ties with row 5 in float32
    M[60:90] = -M[5]
    v = M[5].astype(np.float64)
    norms = np.linalg.norm(M.astype(np.float64), axis=1)
    for scale in (
        np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1), 0.0),  # cosine-like
        rng.uniform(0.5, 2.0, n),
        np.where(np.arange(n) % 97 == 0, np.inf, 1.0),  # rows the screen cannot judge
    ):
        got = screened_products(M, v, scale, norms.astype(np.float32), k, exclude=5)
        order, vals = _top(got, k)
        want_order, want_vals = _dense_top(M, v, scale, k, exclude=5)
        np.testing.assert_array_equal(order, want_order)
        np.testing.assert_allclose(vals, want_vals, rtol=1e-12)  # BLAS order: last ulp
        assert np.isnan(got[5])


def test_screen_recomputes_only_a_few_rows_and_keeps_all_when_k_is_large():
    rng = np.random.default_rng(0)
    M = rng.standard_normal((5000, 64)).astype(np.float32)
    v = rng.standard_normal(64)
    norms = np.linalg.norm(M, axis=1)
    got = screened_products(M, v, np.ones(5000), norms, 10, exclude=0)
    assert 10 <= np.count_nonzero(~np.isnan(got)) < 100
    every = screened_products(M, v, np.ones(5000), norms, 10_000, exclude=0)
    np.testing.assert_allclose(every[1:], M[1:].astype(np.float64) @ v, rtol=1e-12)


def test_zero_rows_are_exact_without_recomputation():
    M = np.zeros((6, 4), np.float32)
    M[1] = [1, 2, 3, 4]
    M[2] = [-1, 0, 0, 0]
    v = np.array([1.0, 0.0, 0.0, 0.0])
    scale = np.array([1.0, 1.0, 1.0, np.inf, 2.0, 1.0])
    got = screened_products(M, v, scale, np.linalg.norm(M, axis=1), k=10, exclude=5)
    np.testing.assert_array_equal(got, [0.0, 1.0, -1.0, np.nan, 0.0, np.nan])
