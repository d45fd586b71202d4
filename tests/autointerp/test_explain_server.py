"""explain and score against a real ``transformers serve`` on localhost (see conftest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import saewidgets as sw
from saewidgets.autointerp._prompts import marked_text
from saewidgets.autointerp._samples import explainer_examples, seen_sequences
from saewidgets.autointerp._score import balanced_accuracy


def live_features(store, k: int = 2) -> list[int]:
    """Features of ``store`` with at least 30 activating tokens."""
    counts = store.accumulators["count"]
    return [int(f) for f in np.flatnonzero(counts >= 30)[:k]]


@pytest.fixture(scope="module")
def llm(server, tmp_path_factory):
    cache = tmp_path_factory.mktemp("llmcache") / "calls.sqlite"
    return sw.LLM(server.url, server.model, max_concurrency=4, timeout=60, cache=cache)


def test_dry_run_shows_the_prompt_with_marked_tokens_and_logit_weights(small_store):
    f = live_features(small_store, 1)[0]
    out = sw.explain(small_store, f, llm=None, dry_run=True)  # type: ignore[arg-type]
    assert list(out.columns) == ["feature", "system", "prompt", "messages"]
    prompt = out["prompt"][0]
    top, _ = explainer_examples(small_store, f)
    row = top.iloc[0]
    peak = row["tokens"][row["max_index"]]
    assert f"<<{peak}>>" in prompt
    assert repr(small_store.logit_weights(f).top_tokens[0]) in prompt


def test_explain_stores_beside_the_label_and_caches(server, llm, small_store, tmp_path):
    features = live_features(small_store)
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set(small_store, features[0], label="a person's label")
    before = server.chat_requests()
    out = sw.explain(small_store, features, llm, annotations=ann, progress=False)
    assert list(out.columns) == ["feature", "explanation", "model", "error"]
    assert out["feature"].tolist() == features
    assert server.chat_requests() - before == len(features)
    assert out["explanation"].str.fullmatch(r"[01]+").all()  # what the tiny model can say
    assert ann.get(small_store, features[0]).label == "a person's label"
    stored = ann.explanations(small_store)
    assert stored["explanation"].tolist() == out["explanation"].tolist()
    rerun = sw.LLM(server.url, server.model, cache=llm.cache.path)  # a new client, same cache
    again = sw.explain(small_store, features, rerun, progress=False)
    assert server.chat_requests() - before == len(features)  # every call came from the cache
    pd.testing.assert_frame_equal(again, out)


@pytest.mark.parametrize("method", ["detection", "fuzz"])
def test_scores_match_their_breakdown_and_the_store(server, llm, small_store, method, tmp_path):
    features = live_features(small_store)
    given = {f: "numbers and digits" for f in features}
    ann = sw.Annotations(tmp_path / "ann.db")
    for f in features:
        ann.set_explanation(small_store, f, given[f], "given")
    before = server.chat_requests()
    res = sw.score(small_store, given, llm, method=method, n=3, annotations=ann, progress=False)
    bd = res.breakdown
    texts = [marked_text(t, m) for t, m in zip(bd["tokens"], bd["marks"], strict=True)]
    sent = set(zip(bd["explanation"], texts, strict=True))  # identical requests go once
    assert server.chat_requests() - before == len(sent)
    for f in features:
        mine = bd[(bd["feature"] == f) & (bd["variant"] == "explanation")]
        row = res[res["feature"] == f].iloc[0]
        assert row["n"] == len(mine)
        assert row["score"] == pytest.approx(
            balanced_accuracy(mine["truth"].to_numpy(bool), list(mine["prediction"]))
        )
        assert row["score_unparsed"] == mine["prediction"].isna().sum()
        assert mine["truth"].any() and not mine["truth"].all()  # else the score is NaN
        base = bd[(bd["feature"] == f) & (bd["variant"] == "baseline")]
        assert base["explanation"].iloc[0].startswith("Fires on the tokens")
        assert row["baseline"] == pytest.approx(
            balanced_accuracy(base["truth"].to_numpy(bool), list(base["prediction"]))
        )
        seen = seen_sequences(small_store, f)
        assert not seen & set(mine["seq"].tolist()), "scored on an example the explainer saw"
        for ex in mine.itertuples():
            a, b = small_store.seq_range(ex.seq)
            acts = small_store.activations(f, ex.seq)[ex.start : ex.start + len(ex.tokens)]
            assert (
                small_store.sequence_tokens(ex.seq)[ex.start : ex.start + len(ex.tokens)]
                == ex.tokens
            )
            np.testing.assert_allclose(acts, ex.acts, rtol=1e-6)
            if method == "detection":
                assert ex.truth == bool(acts.max() > 0)
            else:
                assert ex.truth == bool(ex.marks and all(acts[i] > 0 for i in ex.marks))
        if method == "detection":
            assert set(mine["source"]) == {"activating", "random", "neighbour"}
    stored = ann.explanations(small_store).set_index("feature")
    assert stored.loc[features, method].tolist() == pytest.approx(res["score"].tolist())


def test_balanced_accuracy_needs_both_classes():
    truth = np.array([True, True, False, False])
    assert balanced_accuracy(truth, [True, None, False, True]) == 0.5
    assert balanced_accuracy(truth, [True, True, False, False]) == 1.0
    assert np.isnan(balanced_accuracy(truth[:2], [True, True]))  # always "yes" proves nothing
