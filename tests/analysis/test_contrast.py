"""sw.contrast against a dense two-store recomputation (counts from the sparse records, exact
binomial tails in rational arithmetic), its refusals, and the ContrastView built on it."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import pytest

import saewidgets as sw
from tests import helpers


@pytest.fixture(scope="module")
def two_corpora(harvested, texts, tmp_path_factory):
    lens, store_a, _ = harvested["standard"]
    other = [t.upper() for t in reversed(texts)]  # another corpus, same SAE
    out = tmp_path_factory.mktemp("contrast") / "b<i>"
    store_b = sw.harvest(lens, other, n_tokens=2500, out=out, progress=False)
    return store_a, store_b


def exact_p(k_a: int, k_b: int, n_a: int, n_b: int) -> float:
    k_a, k_b, n_a, n_b = int(k_a), int(k_b), int(n_a), int(n_b)
    m, p = k_a + k_b, Fraction(n_a, n_a + n_b)
    pmf = [comb(m, i) * p**i * (1 - p) ** (m - i) for i in range(m + 1)]
    return float(min(Fraction(1), 2 * min(sum(pmf[: k_a + 1]), sum(pmf[k_a:]))))


def test_contrast_equals_dense_recomputation(two_corpora):
    a, b = two_corpora
    got = sw.contrast(a, b)
    rows_a, rows_b = helpers.counted_rows(a), helpers.counted_rows(b)  # special tokens left out
    k_a = (helpers.store_dense(a)[rows_a] > 0).sum(0)
    k_b = (helpers.store_dense(b)[rows_b] > 0).sum(0)
    n_a, n_b = int(rows_a.sum()), int(rows_b.sum())
    assert (got["count_a"].to_numpy() == k_a).all() and (got["count_b"].to_numpy() == k_b).all()
    np.testing.assert_allclose(got["density_b"], k_b / n_b)
    want = np.log2((k_a + 0.5) / n_a) - np.log2((k_b + 0.5) / n_b)
    np.testing.assert_allclose(got["log2_ratio"], want)
    small = np.nonzero((k_a + k_b > 0) & (k_a + k_b <= 150))[0]
    assert len(small) >= 5
    for f in small:
        assert got.loc[f, "p_value"] == pytest.approx(exact_p(k_a[f], k_b[f], n_a, n_b), rel=1e-6)
    assert (got.loc[(k_a + k_b) == 0, "p_value"] == 1).all()


def test_three_against_zero_is_not_significant(two_corpora):
    a, _ = two_corpora
    p = sw.analysis._contrast.split_test(np.array([3]), np.array([0]), 1000, 1000)
    assert p[0] == pytest.approx(0.25)
    assert np.isfinite(sw.contrast(a, a)["log2_ratio"]).all()


def test_benjamini_hochberg_by_hand():
    from saewidgets.analysis._contrast import benjamini_hochberg

    p = np.array([0.01, 0.04, 0.03, 0.5, 1.0])
    q = benjamini_hochberg(p, np.array([True, True, True, True, False]))
    # ranks 1..4 of the tested: 0.01*4/1, 0.03*4/2, 0.04*4/3, 0.5*4/4, then the running
    # minimum from the largest rank down (0.06 -> 0.0533); the untested p stays 1
    np.testing.assert_allclose(q, [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5, 1.0])


def test_contrast_refuses_other_saes(harvested, two_corpora):
    a, _ = two_corpora
    _, other_sae, _ = harvested["topk"]
    with pytest.raises(sw.StoreError, match="one SAE|ONE SAE"):
        sw.contrast(a, other_sae)


def test_contrast_view_shows_both_ways(two_corpora):
    a, b = two_corpora
    view = sw.ContrastView(a, b, n=5)
    table = view.table
    sig = table[table["q_value"] < 0.05]
    assert (
        view.more_in_a
        == [
            int(f)
            for f in sig[sig["log2_ratio"] > 0].sort_values("log2_ratio", ascending=False).index
        ][:5]
    )
    assert all(table.loc[f, "log2_ratio"] < 0 for f in view.more_in_b)
    if view.more_in_a:
        assert view.card_a.feature == view.more_in_a[0]
    assert "b&lt;i&gt;" in view.children[0].value and "<i>" not in view.children[0].value
    assert len(view.map.ids) == a.d_sae
    view.map.clicked = 7
    assert view.card_a.feature == view.card_b.feature == 7
