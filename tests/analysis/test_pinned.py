"""Results pinned against brute-force references built from dense activations and weights:
quantile examples, the geometry grid (std, quadrants, strongest pairs), logit weights."""

from __future__ import annotations

import numpy as np
import pytest

from tests import helpers
from tests.analysis.test_harvest import counted, small_counts

ARCHS = ["standard", "topk", "jumprelu"]


def brute_quantiles(col: np.ndarray, n_intervals: int, per_interval: int):
    """[(token, value, interval, n_in_interval)] written from the documented rule, with loops."""
    fired = [(float(v), t) for t, v in enumerate(col) if v > 0]
    top = max(v for v, _ in fired)
    edges = [top * i / n_intervals for i in range(n_intervals + 1)]
    members: dict[int, list[tuple[float, int]]] = {i: [] for i in range(n_intervals)}
    for v, t in fired:
        i = next(i for i in range(n_intervals) if v <= edges[i + 1] or i == n_intervals - 1)
        members[i].append((v, t))
    out = []
    for i in reversed(range(n_intervals)):
        rows = sorted(members[i], key=lambda vt: (-vt[0], vt[1]))  # by value, then token
        if not rows:
            continue
        m = min(per_interval, len(rows))
        picks = sorted({round(j * (len(rows) - 1) / (m - 1)) if m > 1 else 0 for j in range(m)})
        out += [(rows[p][1], rows[p][0], i, len(rows)) for p in picks]
    return out, edges


def assert_same_picks(got: np.ndarray, want: list[int], col: np.ndarray) -> None:
    """The same tokens, except where two activations tie within float32 harvest precision
    (the float64 reference may order such a pair the other way)."""
    assert len(got) == len(want)
    for g, w in zip(got.tolist(), want, strict=True):
        assert g == w or abs(col[g] - col[w]) <= 1e-6 * abs(col[w]), (g, w, col[g], col[w])


@pytest.mark.parametrize("arch", ARCHS)
def test_quantile_examples_equal_brute_force(harvested, arch):
    _, store, dense = harvested[arch]
    clean = np.nonzero((small_counts(store, dense) == 0) & (store.features["count"] > 0))[0]
    dense, _ = counted(store, dense)  # quantiles leave the special tokens (BOS) out
    checked = 0
    for f in clean[:: max(1, len(clean) // 6)]:
        for n_int, per in ((10, 5), (3, 4), (1, 2)):
            q = store.quantile_examples(int(f), n_intervals=n_int, per_interval=per)
            ref, edges = brute_quantiles(dense[:, f], n_int, per)
            tok = store.seq_offsets[q["seq"].to_numpy()] + q["pos"].to_numpy()
            assert_same_picks(tok, [r[0] for r in ref], dense[:, f])
            np.testing.assert_allclose(q["act"], [r[1] for r in ref], rtol=1e-4, atol=1e-6)
            assert q["interval"].tolist() == [r[2] for r in ref]
            assert q["n_in_interval"].tolist() == [r[3] for r in ref]
            np.testing.assert_allclose(q["lo"], [edges[r[2]] for r in ref], rtol=1e-4)
            np.testing.assert_allclose(q["hi"], [edges[r[2] + 1] for r in ref], rtol=1e-4)
            checked += 1
    assert checked >= 9


def _dense_pairs(lens, store, dense):
    """Per live pair: (a, b, decoder cosine, co-occurrence count from dense acts, output sim)."""
    fires = dense > 0
    n = fires.sum(0)
    live = np.nonzero(n > 0)[0]
    W_dec = lens.sae.W_dec.double().numpy()
    D = W_dec / np.linalg.norm(W_dec, axis=1, keepdims=True)
    L = W_dec @ lens.model.W_U.detach().double().numpy()
    L = L - L.mean(1, keepdims=True)
    L = L / np.linalg.norm(L, axis=1, keepdims=True)
    C = fires.T.astype(np.int64) @ fires.astype(np.int64)
    return [
        (a, b, D[a] @ D[b], C[a, b], L[a] @ L[b]) for i, a in enumerate(live) for b in live[i + 1 :]
    ], n


@pytest.mark.parametrize("arch", ["standard", "topk"])
def test_grid_cells_std_quadrants_and_top_pairs_from_dense(harvested, arch):
    lens, store, dense = harvested[arch]
    if ((helpers.store_dense(store) > 0) != (dense > 0)).any():  # near-zero firing differs
        pytest.fail("store and reference disagree on a near-zero firing; pick another seed")
    k = 3
    grid = store.geometry_grid(output_bins=6, top_pairs=k, block=29, progress=False)
    pairs, n = _dense_pairs(lens, store, dense)
    edges, oedges = grid.cooc_edges, grid.output_edges
    cells: dict[tuple[int, int], list[tuple[float, int, int]]] = {}
    for a, b, cos, c, out in pairs:
        if c == 0:
            row = 0
        else:
            x = np.log10(c * store.n_tokens / (n[a] * n[b]))
            row = min(max(int(np.searchsorted(edges, x, side="right")), 1), len(edges) - 1)
        col = min(max(int(np.searchsorted(oedges, out, side="right")) - 1, 0), len(oedges) - 2)
        cells.setdefault((row, col), []).append((cos, a, b))
    mean = np.full(grid.count.shape, np.nan)
    std = np.full(grid.count.shape, np.nan)
    count = np.zeros(grid.count.shape, np.int64)
    for (r, c), vals in cells.items():
        cs = np.array([v[0] for v in vals])
        count[r, c], mean[r, c], std[r, c] = len(cs), cs.mean(), cs.std()
    np.testing.assert_array_equal(grid.count, count)
    np.testing.assert_allclose(grid.mean_cos, mean, atol=1e-5, equal_nan=True)
    np.testing.assert_allclose(grid.std_cos, std, atol=1e-4, equal_nan=True)
    # quadrants: co-occur = log10 lift > 0, output similar = output sim >= 0 (bin edge 0)
    q = grid.quadrants()
    for out_name, similar in (("output similar", True), ("output different", False)):
        for co_name, co in (("co-occur", True), ("do not co-occur", False)):
            sel = [
                cos
                for a, b, cos, c, out in pairs
                if (out >= 0) == similar and (c > 0 and c * store.n_tokens > n[a] * n[b]) == co
            ]
            assert q.loc[out_name, ("pairs", co_name)] == len(sel)
            assert q.loc[out_name, ("mean_cos", co_name)] == pytest.approx(
                np.mean(sel) if sel else np.nan, abs=1e-5, nan_ok=True
            )
    # top_pairs: each cell's k strongest |cosine| pairs, exactly those
    top = grid.top_pairs
    pair_count = {(a, b): c for a, b, _, c, _ in pairs}
    for (r, c), vals in cells.items():
        want = sorted(vals, key=lambda v: -abs(v[0]))[:k]
        got = top[(top["row"] == r) & (top["col"] == c)]
        assert sorted(np.abs(got["cosine"]).round(5), reverse=True) == pytest.approx(
            [round(abs(v[0]), 5) for v in want], abs=2e-5
        )
        for a, b, ab in got[["feature_a", "feature_b", "cooc_count"]].itertuples(index=False):
            assert (int(a), int(b)) in {(v[1], v[2]) for v in vals}
            assert ab == pair_count[(int(a), int(b))]
    assert len(top) == sum(min(k, len(v)) for v in cells.values())


@pytest.mark.parametrize("arch", ["standard", "jumprelu"])
def test_logit_weights_bottom_tokens_and_histogram(harvested, tokenizer, arch):
    lens, store, _ = harvested[arch]
    L = lens.sae.W_dec.double().numpy() @ lens.model.W_U.detach().double().numpy()
    for f in (0, 17, 95):
        lw = store.logit_weights(f, k=7)
        ref = L[f]
        bottom = np.argsort(ref, kind="stable")[:7]
        assert lw.bottom_ids.tolist() == bottom.tolist()
        np.testing.assert_allclose(lw.bottom_values, ref[bottom], rtol=1e-4, atol=1e-6)
        top = np.argsort(-ref, kind="stable")[:7]
        assert lw.top_ids.tolist() == top.tolist()
        for ids, toks in ((lw.top_ids, lw.top_tokens), (lw.bottom_ids, lw.bottom_tokens)):
            for label, i in zip(toks, ids, strict=True):
                alone = tokenizer.decode([int(i)])
                if "\ufffd" in alone:  # part of a character: its stray bytes are named
                    assert "\ufffd" not in label and "<0x" in label
                else:
                    assert label == alone
        edges = np.linspace(ref.min(), ref.max(), len(lw.hist_counts) + 1)
        want = np.histogram(ref, bins=edges)[0]
        np.testing.assert_allclose(lw.hist_edges, edges, rtol=1e-4, atol=1e-6)
        # values within float32 rounding of an inner edge may land on either side
        near = np.abs(ref[:, None] - edges[None, 1:-1]).min(1) < 1e-5 * (np.ptp(ref) + 1)
        assert np.abs(lw.hist_counts - want).sum() <= 2 * near.sum()
        assert lw.hist_counts.sum() == ref.size
