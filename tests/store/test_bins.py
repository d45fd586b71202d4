"""Per-group top-n merging against a brute-force sort of everything seen, ties included."""

from __future__ import annotations

import numpy as np
import pytest

from saewidgets.store._bins import _merge_top_sorting, merge_top


def _brute(groups: int, n: int, seen: list[tuple[int, float, int]]):
    val = np.full((groups, n), -np.inf, np.float32)
    key = np.full((groups, n), -1, np.int64)
    for g in range(groups):
        mine = sorted(((-v, k) for gg, v, k in seen if gg == g))[:n]
        for j, (v, k) in enumerate(mine):
            val[g, j], key[g, j] = -v, k
    return val, key


@pytest.mark.parametrize("n", [1, 3, 20])
@pytest.mark.parametrize("merge", [merge_top, _merge_top_sorting])
def test_merging_batches_equals_sorting_everything(n, merge):
    rng = np.random.default_rng(n)
    groups, seen, next_key = 13, [], 0
    val = np.full((groups, n), -np.inf, np.float32)
    key = np.full((groups, n), -1, np.int64)
    for batch in range(12):
        m = int(rng.integers(0, 60))
        g = rng.integers(0, groups, m)
        v = rng.integers(0, 6, m).astype(np.float32) / 2  # many ties
        k = next_key + rng.permutation(m) if batch % 3 else rng.integers(0, 10_000, m)
        k = np.unique(k)[:m] if batch % 3 == 0 else k  # keys unique within the harvest
        m = len(k)
        g, v = g[:m], v[:m]
        next_key += 10_000
        seen += [(int(a), float(b), int(c)) for a, b, c in zip(g, v, k, strict=True)]
        merge(val, key, g, v, k)
        want_val, want_key = _brute(groups, n, seen)
        np.testing.assert_array_equal(val, want_val)
        np.testing.assert_array_equal(key, want_key)


def test_non_finite_values_take_the_sorting_path():
    val = np.full((2, 3), -np.inf, np.float32)
    key = np.full((2, 3), -1, np.int64)
    merge_top(val, key, np.array([0, 0, 1]), np.array([np.inf, 1.0, 2.0]), np.array([5, 6, 7]))
    np.testing.assert_array_equal(val, [[np.inf, 1.0, -np.inf], [2.0, -np.inf, -np.inf]])
    np.testing.assert_array_equal(key, [[5, 6, -1], [7, -1, -1]])
