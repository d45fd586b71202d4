"""Geometry between features against dense brute-force references."""

from __future__ import annotations

import numpy as np
import pytest

ARCHS = ["standard", "topk"]


def dense_refs(lens, store):
    """Decoder cosine, co-occurrence counts and centred-logit cosine for every pair, densely."""
    B = np.zeros((store.n_tokens, store.d_sae))
    for f in range(store.d_sae):
        B[store.record.feature(f)[0], f] = 1.0
    W_dec = lens.sae.W_dec.double().numpy()
    D = W_dec / np.linalg.norm(W_dec, axis=1, keepdims=True)
    L = W_dec @ lens.model.W_U.detach().double().numpy()
    L = L - L.mean(1, keepdims=True)
    Ln = L / np.linalg.norm(L, axis=1, keepdims=True)
    return D @ D.T, B.T @ B, Ln @ Ln.T


@pytest.fixture(scope="module")
def refs(harvested):
    return {arch: dense_refs(*harvested[arch][:2]) for arch in ARCHS}


@pytest.mark.parametrize("arch", ARCHS)
def test_geometry_matrices(harvested, refs, arch):
    _, store, _ = harvested[arch]
    cos, C, out = refs[arch]
    ids = [3, 50, 17, int(store.features["count"].idxmax()), 88]
    g = store.geometry(ids)
    ix = np.ix_(ids, ids)
    np.testing.assert_allclose(g.cosine, cos[ix], atol=1e-5)
    np.testing.assert_array_equal(g.cooc_count, C[ix])
    n = np.diag(C)[ids]
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = C[ix] / (n[:, None] + n[None, :] - C[ix])
        lift = C[ix] * store.n_tokens / np.outer(n, n)
    np.testing.assert_allclose(g.jaccard, jac, equal_nan=True)
    np.testing.assert_allclose(g.lift, lift, equal_nan=True)
    np.testing.assert_allclose(g.output_sim, out[ix], atol=1e-5)
    pairs = g.pairs()
    assert len(pairs) == 10 and set(pairs.columns) >= {"cosine", "lift", "output_sim"}


def _check_dense_neighbours(store, f, cos, out, k, atol):
    """Cosine and output neighbours of ``f``: the dense references' k largest, in order."""
    for by, ref in (("cosine", cos[f]), ("output", out[f])):
        nb = store.neighbours(f, by=by, k=k)
        r = ref.copy()
        r[f] = -np.inf
        np.testing.assert_array_equal(nb["feature"], np.argsort(-r, kind="stable")[:k])
        np.testing.assert_allclose(nb["value"], r[nb["feature"]], atol=atol)


@pytest.mark.parametrize("arch", ARCHS)
def test_neighbours(harvested, refs, arch):
    _, store, _ = harvested[arch]
    cos, C, out = refs[arch]
    f = int(store.features["count"].idxmax())
    _check_dense_neighbours(store, f, cos, out, k=5, atol=1e-5)
    n = np.diag(C)
    N = store.n_tokens
    npmi = np.full(len(n), np.nan)
    for j in range(len(n)):  # NPMI = log(p_ij / (p_i p_j)) / -log p_ij, pairs co-firing >= 3 times
        if j != f and C[f, j] >= 3:
            p_ij = C[f, j] / N
            npmi[j] = np.log(p_ij / (n[f] / N * n[j] / N)) / -np.log(p_ij) if p_ij < 1 else 1.0
    nb = store.neighbours(f, by="cooccurrence", k=5)
    ok = np.nonzero(~np.isnan(npmi))[0]
    expect = ok[np.lexsort((ok, -npmi[ok]))][:5]
    assert len(expect) > 0
    np.testing.assert_array_equal(nb["feature"], expect)
    np.testing.assert_array_equal(nb["count"], C[f, expect])
    np.testing.assert_allclose(nb["npmi"], npmi[expect], rtol=1e-9)
    np.testing.assert_allclose(nb["value"], nb["npmi"])
    np.testing.assert_allclose(nb["lift"], C[f, expect] * N / (n[f] * n[expect]), rtol=1e-9)


@pytest.mark.parametrize("arch", ARCHS)
def test_stored_output_norms_equal_dense_logit_norms(harvested, arch):
    lens, store, _ = harvested[arch]
    W_dec = lens.sae.W_dec.double().numpy()
    L = W_dec @ lens.model.W_U.detach().double().numpy()
    L = L - L.mean(1, keepdims=True)
    np.testing.assert_allclose(store.features["out_norm"], np.linalg.norm(L, axis=1), rtol=1e-5)
    W_out = store.weights["W_out"].astype(np.float64)
    want = np.linalg.norm(W_out, axis=1)
    np.testing.assert_allclose(store.weights["W_out_norm"], want, rtol=1e-6)


@pytest.mark.parametrize("arch", ARCHS)
def test_neighbours_of_a_store_without_stored_norms(harvested, refs, arch):
    """Stores written before out_norm, W_out_norm (and dec_norm) compute them when needed."""
    import saewidgets as sw

    _, harvested_store, _ = harvested[arch]
    store = sw.FeatureStore.open(harvested_store.path)
    store.__dict__["features"] = store.features.drop(columns=["out_norm", "dec_norm"])
    store.__dict__["weights"] = {k: v for k, v in store.weights.items() if k != "W_out_norm"}
    cos, _, out = refs[arch]
    _check_dense_neighbours(store, 7, cos, out, k=6, atol=1e-6)


@pytest.mark.parametrize("arch", ARCHS)
@pytest.mark.parametrize("measure", ["lift", "jaccard"])
@pytest.mark.parametrize("device", [None, "cpu"])  # NumPy, and the torch bands a GPU runs
def test_grid_equals_brute_force(harvested, refs, arch, measure, device):
    _, store, _ = harvested[arch]
    cos, C, out = refs[arch]
    grid = store.geometry_grid(
        measure=measure, block=17, progress=False, output_bins=8, device=device
    )
    n = np.diag(C)
    live = np.nonzero(n > 0)[0]
    count = np.zeros_like(grid.count)
    sums = np.zeros(grid.count.shape)
    edges, oedges = grid.cooc_edges, grid.output_edges
    strengths: dict[tuple[int, int], list[float]] = {}
    for ai, a in enumerate(live):
        for b in live[ai + 1 :]:
            c = C[a, b]
            if c == 0:
                row = 0
            else:
                x = (
                    np.log10(c * store.n_tokens / (n[a] * n[b]))
                    if measure == "lift"
                    else (c / (n[a] + n[b] - c))
                )
                row = min(max(int(np.searchsorted(edges, x, side="right")), 1), len(edges) - 1)
            col = min(max(int(np.searchsorted(oedges, out[a, b], side="right")) - 1, 0), 7)
            count[row, col] += 1
            sums[row, col] += cos[a, b]
            strengths.setdefault((row, col), []).append(abs(cos[a, b]))
    np.testing.assert_array_equal(grid.count, count)
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(grid.mean_cos, sums / count, atol=1e-5, equal_nan=True)
    assert grid.count.sum() == len(live) * (len(live) - 1) // 2
    assert grid.n_dead_excluded == store.d_sae - len(live)
    top = grid.top_pairs
    assert len(top) > 0
    for a, b, c_ab, n_ab in top[["feature_a", "feature_b", "cosine", "cooc_count"]].itertuples(
        index=False
    ):
        assert c_ab == pytest.approx(cos[int(a), int(b)], abs=1e-5)
        assert n_ab == C[int(a), int(b)]
    for (row, col), values in strengths.items():  # each cell keeps its 20 strongest pairs
        mine = top[(top["row"] == row) & (top["col"] == col)]
        assert len(mine) == min(20, len(values))
        kth = sorted(values, reverse=True)[len(mine) - 1]
        assert (mine["cosine"].abs() >= kth - 1e-5).all()
    q = grid.quadrants()
    similar_cooc = [
        (a, b)
        for ai, a in enumerate(live)
        for b in live[ai + 1 :]
        if out[a, b] >= 0
        and C[a, b] > 0
        and (measure == "jaccard" or C[a, b] * store.n_tokens > n[a] * n[b])
    ]
    assert q.loc["output similar", ("pairs", "co-occur")] == len(similar_cooc)


def test_grid_device_argument_is_checked(harvested):
    import torch

    _, store, _ = harvested["standard"]
    with pytest.raises(ValueError, match="not a torch device"):
        store.geometry_grid(device="abacus", progress=False)
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="sees no GPU"):
            store.geometry_grid(device="cuda", progress=False)


def test_grid_bins_argument(harvested):
    _, store, _ = harvested["standard"]
    grid = store.geometry_grid(bins=5, progress=False)
    assert grid.count.shape == (len(grid.cooc_edges), len(grid.output_edges) - 1)
    assert 0.0 in grid.cooc_edges and 0.0 in grid.output_edges  # quadrants() needs 0 as an edge
    assert len(grid.output_edges) == 7  # 5 even bins over -1..1, split once more at 0
    full = store.geometry_grid(progress=False)
    assert grid.count.sum() == full.count.sum()
    np.testing.assert_allclose(
        grid.quadrants().loc[:, "pairs"].to_numpy(), full.quadrants().loc[:, "pairs"].to_numpy()
    )
    with pytest.raises(ValueError, match="positive"):
        store.geometry_grid(bins=0)
