"""sw.compare against dense brute-force references: best matches, assignment, act_corr."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

import saewidgets as sw
from tests import helpers


@pytest.fixture(scope="module")
def narrow(model, texts, tmp_path_factory):
    """A 64-feature SAE on the same hook (its weights are what the assignment tests use)."""
    root = tmp_path_factory.mktemp("narrow")
    folder = helpers.write_sae(root / "sae", seed=7, d_sae=64)
    lens = sw.Lens(model, folder)
    return sw.harvest(lens, texts, n_tokens=500, top_k=4, out=root / "store", progress=False)


def unit(W):
    W = np.asarray(W, np.float64)
    return W / np.linalg.norm(W, axis=1, keepdims=True)


def dense_corr(A, B):
    """Pearson correlation of every column of A with every column of B (NaN without variance)."""
    Ac, Bc = A - A.mean(0), B - B.mean(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (Ac.T @ Bc) / np.outer(np.linalg.norm(Ac, axis=0), np.linalg.norm(Bc, axis=0))


@pytest.fixture(scope="module")
def pair(harvested):
    _, a, acts_a = harvested["standard"]
    _, b, acts_b = harvested["topk"]
    return a, b, acts_a, acts_b


def test_best_matches_equal_brute_force(pair):
    a, b, _, _ = pair
    cmp = sw.compare(a, b, progress=False, block=40)  # several blocks
    S = unit(a.weights["W_dec"]) @ unit(b.weights["W_dec"]).T
    np.testing.assert_array_equal(cmp.matches["match"], S.argmax(1))
    np.testing.assert_allclose(cmp.matches["cosine"], S.max(1), atol=1e-5)
    np.testing.assert_array_equal(cmp.reverse_matches["match"], S.argmax(0))
    np.testing.assert_allclose(cmp.reverse_matches["cosine"], S.max(0), atol=1e-5)


def test_act_corr_equals_dense_recomputation(pair):
    a, b, acts_a, acts_b = pair
    cmp = sw.compare(a, b, progress=False, block=40)
    assert cmp.same_tokens
    R = dense_corr(acts_a, acts_b)
    m = cmp.matches
    idx = np.arange(a.d_sae)
    np.testing.assert_allclose(m["act_corr"], R[idx, m["match"]], atol=1e-4, equal_nan=True)
    live = np.isfinite(R).any(1)
    assert live.sum() > 40
    Rf = np.where(np.isfinite(R), R, -np.inf)
    np.testing.assert_array_equal(m["act_match"][live], Rf[live].argmax(1))
    np.testing.assert_allclose(m["act_match_corr"][live], Rf[live].max(1), atol=1e-4)
    assert (m["act_match"][~live] == -1).all() and m["act_match_corr"][~live].isna().all()
    # a feature compared with itself correlates perfectly
    self_cmp = sw.compare(a, a, names=("a", "a2"), progress=False)
    alive = ~a.features["dead"].to_numpy()
    np.testing.assert_allclose(self_cmp.matches["act_corr"][alive], 1.0, atol=1e-6)


def test_exact_assignment_equals_scipy_optimum(pair, narrow):
    a, _, _, _ = pair
    b = narrow
    cmp = sw.compare(a, b, progress=False)
    S = unit(a.weights["W_dec"]) @ unit(b.weights["W_dec"]).T
    r, c = linear_sum_assignment(S, maximize=True)
    asg = cmp.assignment
    assert len(asg) == 64 == asg["feature_b"].nunique() == asg["feature_a"].nunique()
    assert cmp.assignment_method.startswith("exact")
    np.testing.assert_allclose(cmp.assignment_total, S[r, c].sum(), rtol=1e-6)
    np.testing.assert_allclose(asg["cosine"], S[asg["feature_a"], asg["feature_b"]], atol=1e-6)
    assert cmp.assignment_bound >= cmp.assignment_total - 1e-9
    # and the other way round (A narrower than B)
    back = sw.compare(b, a, progress=False)
    np.testing.assert_allclose(back.assignment_total, S[r, c].sum(), rtol=1e-6)


@pytest.mark.parametrize("candidates", [1, 3, 96])
def test_candidate_assignment_gap(pair, narrow, candidates):
    a, _, _, _ = pair
    b = narrow
    S = unit(a.weights["W_dec"]) @ unit(b.weights["W_dec"]).T
    r, c = linear_sum_assignment(S, maximize=True)
    best = S[r, c].sum()
    cmp = sw.compare(a, b, exact_limit=0, candidates=candidates, progress=False)
    asg = cmp.assignment
    assert len(asg) == 64 == asg["feature_b"].nunique() == asg["feature_a"].nunique()
    assert not cmp.assignment_method.startswith("exact")
    total = S[asg["feature_a"], asg["feature_b"]].sum()
    np.testing.assert_allclose(cmp.assignment_total, total, rtol=1e-6)
    assert total <= best + 1e-9 and best <= cmp.assignment_bound + 1e-9
    if candidates == 96:  # every pair is a candidate: the optimum itself
        np.testing.assert_allclose(total, best, rtol=1e-6)
    else:
        assert total >= 0.9 * best


def test_summary_and_pair_densities(pair):
    a, b, acts_a, acts_b = pair
    cmp = sw.compare(a, b, names=("relu", "topk"), progress=False)
    s = cmp.summary
    assert list(s.columns) == ["relu", "topk"]
    for name, acts, store in (("relu", acts_a, a), ("topk", acts_b, b)):
        acts = acts[helpers.counted_rows(store)]  # special tokens are left out of the statistics
        fired = (acts > 0).sum(0)
        np.testing.assert_allclose(s.loc["L0", name], (acts > 0).sum() / len(acts))
        np.testing.assert_allclose(s.loc["dead", name], (fired == 0).mean())
        dens = fired[fired > 0] / len(acts)
        np.testing.assert_allclose(s.loc["median_log10_density", name], np.median(np.log10(dens)))
        np.testing.assert_allclose(s.loc["ultra_rare", name], ((dens < 1e-5).sum()) / store.d_sae)
    S = unit(a.weights["W_dec"]) @ unit(b.weights["W_dec"]).T
    np.testing.assert_allclose(s.loc["matched_above_0.5", "relu"], (S.max(1) > 0.5).mean())
    np.testing.assert_allclose(s.loc["matched_above_0.5", "topk"], (S.max(0) > 0.5).mean())
    pd_ = cmp.pair_densities
    dens_a = (acts_a[helpers.counted_rows(a)] > 0).mean(0)
    dens_b = (acts_b[helpers.counted_rows(b)] > 0).mean(0)
    np.testing.assert_allclose(pd_["density_a"], dens_a[pd_["feature_a"]])
    np.testing.assert_allclose(pd_["density_b"], dens_b[pd_["feature_b"]])


def test_act_corr_needs_same_tokens(pair, model, sae_dirs, texts, tmp_path):
    a = pair[0]
    lens = sw.Lens(model, sae_dirs["topk"])
    other = sw.harvest(lens, texts[5:], n_tokens=2000, out=tmp_path / "s", progress=False)
    cmp = sw.compare(a, other, progress=False)
    assert not cmp.same_tokens
    assert cmp.matches["act_corr"].isna().all() and (cmp.matches["act_match"] == -1).all()


def test_compare_rejects_bad_input(pair, tmp_path):
    a = pair[0]
    with pytest.raises(sw.StoreError, match="FeatureStore"):
        sw.compare(a, "not a store")  # type: ignore[arg-type]
    with pytest.raises(sw.DataError, match="different"):
        sw.compare(a, a, names=("x", "x"))


def test_compare_tells_models_apart_by_weights_not_name(pair, sae_dirs, texts, tokenizer, tmp_path):
    """Another seed of the same architecture, under the same name ("tiny-test"), is another
    model; a store without a fingerprint cannot be placed."""
    from dataclasses import replace

    a = pair[0]
    other_model = helpers.build_model(tokenizer, seed=1)
    assert other_model.cfg.model_name == "tiny-test"
    lens = sw.Lens(other_model, sae_dirs["standard"])
    other = sw.harvest(lens, texts, n_tokens=300, out=tmp_path / "o", progress=False)
    assert other.meta.model_name == a.meta.model_name
    with pytest.raises(sw.StoreError, match="share the name, not the weights"):
        sw.compare(a, other, progress=False)
    # as a store written before fingerprints were recorded reads
    legacy = type(other)(other.path, replace(other.meta, model_fingerprint=""))
    with pytest.raises(sw.StoreError, match="no model fingerprint"):
        sw.compare(a, legacy, progress=False)
