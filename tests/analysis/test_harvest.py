"""harvest against a dense brute-force recomputation, for every architecture. The statistics,
densities and examples leave the tokenizer's special tokens (BOS) out, as SAELens's
``exclude_special_tokens``; the record keeps them."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.store._bins import hist_edges

ARCHS = ["standard", "topk", "jumprelu"]
TINY = 1e-5  # float32 vs float64: a value this close to 0 may fire in one and not the other


def counted(store, dense):
    """The dense reference with the rows of excluded (special) tokens zeroed, and their count."""
    out = dense.copy()
    special = np.isin(store.tokens, store.meta.excluded_token_ids)
    out[special] = 0
    return out, int((~special).sum())


def small_counts(store, dense):
    """Per feature: activations below TINY on either side (allowed to differ in firing)."""
    ref = ((dense > 0) & (dense < TINY)).sum(0)
    ours = np.array([(store.record.feature(f)[1] < TINY).sum() for f in range(store.d_sae)])
    return ref + ours


def assert_sparse_close(tok, val, col):
    """Store entries (tok, val) equal the dense column, up to near-zero firing ambiguity."""
    ref_tok = np.nonzero(col > 0)[0]
    only_ours = np.setdiff1d(tok, ref_tok)
    only_ref = np.setdiff1d(ref_tok, tok)
    assert np.all(val[np.isin(tok, only_ours)] < TINY) and np.all(col[only_ref] < TINY)
    common = np.isin(tok, ref_tok)
    np.testing.assert_allclose(val[common], col[tok[common]], rtol=1e-4, atol=TINY)


@pytest.mark.parametrize("arch", ARCHS)
def test_feature_stats_exact(harvested, arch):
    lens, store, dense = harvested[arch]
    assert store.meta.excluded_token_ids == lens.special_token_ids()
    assert lens.bos_token_id in store.meta.excluded_token_ids
    dense, n_counted = counted(store, dense)
    n_bos = int((store.tokens == lens.bos_token_id).sum())
    assert store.meta.n_counted == n_counted == store.n_tokens - n_bos > 0
    f = store.features
    fires = dense > 0
    count = fires.sum(0)
    assert store.n_tokens == dense.shape[0]
    assert np.all(np.abs(f["count"].to_numpy() - count) <= small_counts(store, dense))
    count = f["count"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = dense.sum(0) / fires.sum(0)
    np.testing.assert_allclose(f["mean_act"], mean, rtol=1e-4, atol=TINY, equal_nan=True)
    np.testing.assert_allclose(f["density"], count / n_counted)
    np.testing.assert_allclose(f["max_act"], dense.max(0), rtol=1e-4, atol=1e-6)
    np.testing.assert_array_equal(f["dead"], count == 0)
    assert np.all((dense.max(0) < TINY) | ~f["dead"].to_numpy())
    assert f["dead"].any() and (~f["dead"]).sum() > 10, "fixture must mix dead and live features"
    assert np.isnan(f.loc[f["dead"], "log10_density"]).all()


@pytest.mark.parametrize("arch", ARCHS)
def test_weight_columns(harvested, arch):
    lens, store, _ = harvested[arch]
    W_enc, W_dec = lens.sae.W_enc.double().numpy(), lens.sae.W_dec.double().numpy()
    f = store.features
    for i in (0, 17, 95):
        e, d = W_enc[:, i], W_dec[i]
        assert f.loc[i, "de_projection"] == pytest.approx(
            e @ d / np.linalg.norm(e) / np.linalg.norm(d), rel=1e-6
        )
        assert f.loc[i, "enc_norm"] == pytest.approx(np.linalg.norm(e), rel=1e-6)
        assert f.loc[i, "dec_norm"] == pytest.approx(np.linalg.norm(d), rel=1e-6)
        assert f.loc[i, "enc_bias"] == pytest.approx(float(lens.sae.b_enc[i]), rel=1e-6)


def assert_hist_matches(counts, vals, edges):
    """Counts equal the reference binning, except values within float32 noise of an edge."""
    edges = np.asarray(edges, dtype=np.float64)
    ref = np.bincount(np.searchsorted(edges, vals, side="right") - 1, minlength=len(edges) - 1)
    fuzzy = np.isclose(vals[:, None], edges[None, :], rtol=1e-5, atol=0).any(1).sum()
    assert np.abs(np.asarray(counts) - ref[: len(counts)]).sum() <= 2 * fuzzy
    assert np.sum(counts) == len(vals)


@pytest.mark.parametrize("arch", ARCHS)
def test_histograms_exact(harvested, arch):
    _, store, dense = harvested[arch]
    dense, _ = counted(store, dense)
    edges = hist_edges()
    for feat in np.nonzero(store.features["count"].to_numpy())[0][:25]:
        vals = dense[:, feat][dense[:, feat] > 0]
        h = store.histogram(int(feat))
        lo = int(np.searchsorted(edges, h.edges[0]))
        assert_hist_matches(h.counts, vals, edges[lo:])
        lin = store.histogram(int(feat), bins=7)
        assert_hist_matches(
            lin.counts, vals, np.linspace(0, vals.max(), 8)[:-1].tolist() + [np.inf]
        )


@pytest.mark.parametrize("arch", ARCHS)
def test_top_examples_exact(harvested, arch):
    _, store, full = harvested[arch]
    dense, _ = counted(store, full)
    for feat in np.nonzero(store.features["count"].to_numpy())[0][::7]:
        col = dense[:, feat]
        order = np.lexsort((np.arange(len(col)), -col))
        order = order[col[order] > 0][:8]
        ex = store.top_examples(int(feat), n=8)
        np.testing.assert_allclose(ex["act"], col[order], rtol=1e-4, atol=TINY)
        got = store.seq_offsets[ex["seq"].to_numpy()] + ex["pos"].to_numpy()
        # equal values may swap only when the reference sees them as ties within tolerance
        same = np.isclose(col[got], col[order], rtol=1e-4, atol=TINY)
        assert same.all()
        row = ex.iloc[0]
        a = store.seq_offsets[row["seq"]] + row["start"]
        np.testing.assert_allclose(row["acts"], full[a : a + len(row["acts"]), feat], atol=1e-5)
        assert row["tokens"] == store.str_tokens(store.tokens[a : a + len(row["tokens"])])
        assert row["acts"][row["max_index"]] == pytest.approx(row["act"])


@pytest.mark.parametrize("arch", ARCHS)
def test_record_and_quantiles_exact(harvested, arch):
    _, store, dense = harvested[arch]
    for feat in range(0, store.d_sae, 5):
        assert_sparse_close(*store.record.feature(feat), dense[:, feat])
    feat = int(store.features["count"].idxmax())
    q = store.quantile_examples(feat, n_intervals=4, per_interval=3)
    col = counted(store, dense)[0][:, feat]
    edges = np.linspace(0, col.max(), 5)
    assert len(q) > 0 and q["interval"].is_monotonic_decreasing
    for _, row in q.iterrows():
        t = store.seq_offsets[row["seq"]] + row["pos"]
        assert col[t] == pytest.approx(row["act"], rel=1e-4, abs=TINY)
        assert edges[row["interval"]] - 1e-6 <= row["act"] <= edges[row["interval"] + 1] + 1e-6
        lo, hi = edges[row["interval"]], edges[row["interval"] + 1]
        inside = (col > lo) & (col <= hi) if row["interval"] else (col > 0) & (col <= hi)
        assert abs(row["n_in_interval"] - inside.sum()) <= small_counts(store, dense)[feat] + 1


def test_token_tensor_used_as_given(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 250, (7, 20))
    store = sw.harvest(lens, toks, batch_size=3, out=tmp_path / "s", progress=False)
    np.testing.assert_array_equal(store.tokens, toks.numpy().ravel())
    assert store.meta.n_seq == 7 and np.all(np.diff(store.seq_offsets) == 20)


def test_strings_are_packed_with_bos(model, sae_dirs, texts, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    docs = texts[:30]
    store = sw.harvest(lens, docs, out=tmp_path / "s", progress=False)
    bos = lens.bos_token_id
    starts = store.tokens[store.seq_offsets[:-1]]
    assert np.all(starts == bos)
    lengths = np.diff(store.seq_offsets)
    assert np.all(lengths[:-1] == lens.context_size) and lengths[-1] <= lens.context_size
    n_doc_tokens = sum(len(lens.tokenize_document(d)) for d in docs)
    n_bos = int((store.tokens == bos).sum())
    assert store.n_tokens == n_doc_tokens + n_bos
    # one per sequence, and one between documents unless the next starts a sequence (SAELens's
    # rule; tests/harvesting/test_packing.py compares the sequences with SAELens's own)
    assert len(lengths) + len(docs) - 1 - n_bos in range(0, len(lengths))


def test_one_pass_bounded_batches(model, sae_dirs, texts, tmp_path, monkeypatch):
    lens = sw.Lens(model, sae_dirs["topk"])
    seen, later = [], []
    model.blocks[0].hook_resid_post.add_hook(lambda a, hook: seen.append(a.shape[0] * a.shape[1]))
    model.blocks[1].hook_resid_post.add_hook(lambda a, hook: later.append(1))
    rows = []
    orig = type(lens.sae).encode_sparse
    monkeypatch.setattr(
        type(lens.sae), "encode_sparse", lambda self, x: rows.append(x.shape[0]) or orig(self, x)
    )
    try:
        store = sw.harvest(
            lens, texts, n_tokens=2000, batch_size=4, out=tmp_path / "s", progress=False
        )
    finally:
        model.reset_hooks()
    assert sum(seen) == store.n_tokens == 2000, "each token runs through the model exactly once"
    assert later == [], "the model stops at the hook's layer"
    assert max(rows) <= 4 * lens.context_size, "the SAE never sees more than one batch at a time"
    record_bytes = sum(p.stat().st_size for p in (store.path / "record").iterdir())
    assert record_bytes < 2000 * lens.d_sae * 4 / 4, "the record is sparse, not n_tokens x d_sae"


@pytest.mark.parametrize("arch", ARCHS)
def test_merged_shards_equal_whole(model, sae_dirs, tmp_path, arch):
    lens = sw.Lens(model, sae_dirs[arch])
    toks = torch.randint(2, 250, (40, 24))
    whole = sw.harvest(lens, toks, batch_size=8, top_k=5, out=tmp_path / "whole", progress=False)
    a = sw.harvest(lens, toks[:17], batch_size=8, top_k=5, out=tmp_path / "a", progress=False)
    b = sw.harvest(lens, toks[17:], batch_size=5, top_k=5, out=tmp_path / "b", progress=False)
    merged = sw.merge_stores([a, b], tmp_path / "merged")
    cols = ["count", "density", "max_act", "dead", "de_projection"]
    np.testing.assert_array_equal(merged.features[cols].to_numpy(), whole.features[cols].to_numpy())
    np.testing.assert_allclose(merged.features["mean_act"], whole.features["mean_act"], rtol=1e-12)
    for key in ("hist", "top_val", "top_tok", "count"):
        np.testing.assert_array_equal(merged.accumulators[key], whole.accumulators[key])
    for f in range(0, lens.d_sae, 9):
        for x, y in zip(merged.record.feature(f), whole.record.feature(f), strict=True):
            np.testing.assert_array_equal(x, y)
    assert merged.meta.dataset_fingerprint == whole.meta.dataset_fingerprint
    assert merged.n_tokens == whole.n_tokens


def test_exclude_special_tokens_false_or_a_list(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 250, (6, 16), generator=torch.Generator().manual_seed(3))
    toks[:, 0] = lens.bos_token_id
    dense = lens.encode_tokens(toks).reshape(-1, lens.d_sae).double().numpy()
    every = sw.harvest(lens, toks, exclude_special_tokens=False, out=tmp_path / "a", progress=False)
    assert every.meta.excluded_token_ids == [] and every.meta.n_counted == toks.numel()
    near = lambda d: ((d > 0) & (d < TINY)).sum(0) + 1  # noqa: E731 - float32 vs float64 firing
    assert np.all(np.abs(every.features["count"] - (dense > 0).sum(0)) <= near(dense))
    drop = int(toks[0, 5])
    some = sw.harvest(lens, toks, exclude_special_tokens=[drop], out=tmp_path / "b", progress=False)
    kept = toks.numpy().ravel() != drop
    assert some.meta.excluded_token_ids == [drop] and some.meta.n_counted == int(kept.sum())
    assert np.all(np.abs(some.features["count"] - (dense[kept] > 0).sum(0)) <= near(dense[kept]))
    np.testing.assert_allclose(some.features["max_act"], dense[kept].max(0), rtol=1e-4, atol=1e-6)
    for f in np.nonzero(some.features["count"].to_numpy())[0][:20]:
        ex = some.top_examples(int(f))
        assert not (some.tokens[some.seq_offsets[ex["seq"]] + ex["pos"]] == drop).any()
    with pytest.raises(sw.ArgumentError, match="exclude_special_tokens"):
        sw.harvest(lens, toks, exclude_special_tokens=[10**9], out=tmp_path / "c", progress=False)
    assert not (tmp_path / "c").exists()
    with pytest.raises(sw.StoreError, match="excluded_token_ids"):
        sw.merge_stores([every, some], tmp_path / "m")


def test_logit_weights_exact(harvested):
    lens, store, _ = harvested["standard"]
    L = lens.sae.W_dec.double() @ model_W_U(lens)
    for feat in (0, 40, 95):
        lw = store.logit_weights(feat, k=6)
        ref = L[feat].numpy()
        order = np.argsort(-ref, kind="stable")[:6]
        np.testing.assert_allclose(lw.top_values, ref[order], rtol=1e-4, atol=1e-6)
        np.testing.assert_allclose(lw.bottom_values, np.sort(ref)[:6], rtol=1e-4, atol=1e-6)
        for label, i in zip(lw.top_tokens, lw.top_ids, strict=True):
            if "\ufffd" in store.vocab[i]:  # part of a character: its stray bytes are named
                assert "\ufffd" not in label and "<0x" in label
            else:
                assert label == store.vocab[i]
        assert lw.hist_counts.sum() == ref.size
        np.testing.assert_allclose(
            [lw.hist_edges[0], lw.hist_edges[-1]], [ref.min(), ref.max()], rtol=1e-4
        )


def model_W_U(lens):
    return lens.model.W_U.detach().double()
