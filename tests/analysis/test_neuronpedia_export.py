"""store.to_neuronpedia: batches loaded back through the neuronpedia package's own dataclasses,
every value checked against the store's sparse record written out densely."""

from __future__ import annotations

import json

import numpy as np
import pytest
from neuronpedia.np_activation import Activation
from neuronpedia.np_explanation import Explanation
from neuronpedia.np_feature import Feature, Logit

import saewidgets as sw
from tests import helpers


def load_features(paths) -> list[Feature]:
    out = []
    for path in paths:
        for d in json.loads(path.read_text(encoding="utf-8")):
            d["top_logits"] = [Logit(**x) for x in d["top_logits"] or []]
            d["bottom_logits"] = [Logit(**x) for x in d["bottom_logits"] or []]
            d["explanations"] = [Explanation(**x) for x in d["explanations"] or []]
            d["activations"] = [Activation(**x) for x in d["activations"] or []]
            out.append(Feature(**d))
    return out


def test_export_loads_back_with_every_value_equal(small_store, tmp_path):
    store = small_store
    dense = helpers.store_dense(store)
    counted = helpers.counted_rows(store)  # the statistics leave special tokens out
    ann = sw.Annotations(tmp_path / "labels.db")
    ann.set(store, 3, label='négation "not" <b>')
    ann.set_explanation(store, 3, "words that negate", model="tiny-llm")
    counts = store.features["count"].to_numpy()
    chosen = [*np.nonzero(counts > 0)[0][:7].tolist(), *np.nonzero(counts == 0)[0][:1].tolist()]
    paths = store.to_neuronpedia(
        tmp_path / "np",
        model_id="tiny",
        source="0-res",
        annotations=ann,
        features=[3, *chosen],
        batch_size=3,
    )
    assert [p.name for p in paths] == [f"batch-{i:05d}.json" for i in range(len(paths))]
    feats = load_features(paths)
    assert [f.index for f in feats] == [3, *chosen]
    for feat in feats:
        f = feat.index
        assert (feat.modelId, feat.source) == ("tiny", "0-res")
        assert feat.density == pytest.approx((dense[counted, f] > 0).mean())
        lw = store.logit_weights(f, k=10)
        assert [x.token for x in feat.top_logits] == lw.top_tokens
        assert [x.token for x in feat.bottom_logits] == lw.bottom_tokens
        np.testing.assert_allclose([x.value for x in feat.top_logits], lw.top_values, rtol=1e-6)
        count = int((dense[counted, f] > 0).sum())
        assert bool(feat.activations) == (count > 0)
        if count:
            check_windows(store, dense, f, feat.activations, count)
    by = {f.index: f for f in feats}
    texts = {(e.text, e.method, e.explainer_model) for e in by[3].explanations}
    assert texts == {
        ("words that negate", "saewidgets_explain", "tiny-llm"),
        ('négation "not" <b>', "saewidgets_label", None),
    }


def check_windows(store, dense, f, acts, count) -> None:
    """The top examples, then the quantile examples: each one's context window in the dense
    record, its own value inside its bin, and the bin's share of the feature's firings."""
    top = store.top_examples(f, n=20)
    q = store.quantile_examples(f, n_intervals=10, per_interval=5)
    rows = [*top.itertuples(), *q.itertuples()]
    assert len(acts) == len(rows)
    for i, (act, row) in enumerate(zip(acts, rows, strict=True)):
        a = store.seq_offsets[row.seq] + row.start
        np.testing.assert_allclose(act.values, dense[a : a + len(act.values), f], rtol=1e-6)
        assert act.tokens == store.text_tokens(store.tokens[a : a + len(act.values)])
        lo, hi = act.quantileMin, act.quantileMax
        assert lo * (1 - 1e-6) <= act.values[row.max_index] <= hi * (1 + 1e-6)
        share = len(top) / count if i < len(top) else row.n_in_interval / count
        assert act.quantileFraction == pytest.approx(share)


def test_export_writes_only_into_a_new_folder(small_store, tmp_path):
    (tmp_path / "mine.txt").write_text("keep")
    with pytest.raises(sw.StoreError, match="not an empty folder"):
        small_store.to_neuronpedia(tmp_path, model_id="m", source="s", features=[0])
    assert (tmp_path / "mine.txt").read_text() == "keep"
    with pytest.raises(sw.ArgumentError, match="model_id"):
        small_store.to_neuronpedia(tmp_path / "x", model_id="", source="s", features=[0])
