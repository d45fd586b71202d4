"""The report's explanations view against a real ``transformers serve`` (see conftest): its numbers
are the scores recomputed from the breakdown and the ones stored in the annotations file; every
text is escaped in the HTML and made inert in the CSV."""

from __future__ import annotations

import csv
import html

import numpy as np
import pandas as pd
import pytest

import saewidgets as sw
from saewidgets.autointerp._report import (
    COLUMNS,
    MAX_DENSITY,
    MIN_COUNT,
    explain_and_score,
    pick_features,
    write_csv,
    write_explanations,
    write_html,
)
from saewidgets.autointerp._score import balanced_accuracy
from tests.widgets.test_featurecard import EVIL


def test_picks_a_density_spread_of_features_with_held_out_examples(small_store):
    fe = small_store.features
    ok = fe[(fe["count"] >= MIN_COUNT) & (fe["density"] <= MAX_DENSITY)]
    assert len(ok) >= 2  # else this test checks nothing
    every = pick_features(small_store, 100)
    assert sorted(every) == sorted(ok.index.tolist())
    assert list(fe.loc[every, "density"]) == sorted(fe.loc[every, "density"], reverse=True)
    two = pick_features(small_store, 2)
    assert two == [every[0], every[-1]]  # the densest and the rarest


def test_the_view_shows_the_scores_of_the_breakdown_and_the_database(server, small_store, tmp_path):
    llm = sw.LLM(server.url, server.model, max_concurrency=4, cache=tmp_path / "calls.sqlite")
    ann = sw.Annotations(tmp_path / "ann.db")
    features = pick_features(small_store, 2)
    table, breakdown = explain_and_score(
        small_store, features, llm, n=3, annotations=ann, progress=False
    )
    assert list(table.columns) == COLUMNS and table["feature"].tolist() == features
    stored = ann.explanations(small_store).set_index("feature")
    for rec in table.itertuples():
        assert rec.explanation == stored.loc[rec.feature, "explanation"]
        for m in ("detection", "fuzz"):
            for variant, col in (("explanation", m), ("baseline", f"{m}_baseline")):
                rows = breakdown[
                    (breakdown["feature"] == rec.feature)
                    & (breakdown["method"] == m)
                    & (breakdown["variant"] == variant)
                ]
                want = balanced_accuracy(rows["truth"].to_numpy(bool), list(rows["prediction"]))
                np.testing.assert_equal(getattr(rec, col), want)
                np.testing.assert_equal(stored.loc[rec.feature, col], want)
            assert getattr(rec, f"{m}_n") == stored.loc[rec.feature, f"{m}_n"]
    paths = write_explanations(small_store, tmp_path, llm, 2, n=3, progress=False)
    assert [p.name for p in paths] == ["explanations.html", "explanations.csv"]
    page = paths[0].read_text(encoding="utf-8")
    for rec in table.itertuples():
        assert f"<td>{rec.feature}</td>" in page
        assert f"{rec.detection:.2f}" in page or np.isnan(rec.detection)
    assert page.count("<details>") == len(features)


def test_texts_are_escaped_in_the_html_and_inert_in_the_csv(tmp_path):
    table = pd.DataFrame(
        [[7, 0.01, EVIL, None, 0.75, 0.5, 10, 0, np.nan, np.nan, 5, 1]], columns=COLUMNS
    )
    breakdown = pd.DataFrame(
        {
            "feature": [7],
            "method": ["detection"],
            "variant": ["explanation"],
            "explanation": [EVIL],
            "tokens": [["<b>", "=1+1"]],
            "marks": [[0]],
            "truth": [True],
            "prediction": [None],
        }
    )
    page = write_html(table, breakdown, "<i>model</i>", tmp_path / "e.html").read_text()
    assert EVIL not in page and "<i>model" not in page and "<<<b>>>" not in page
    assert html.escape(EVIL) in page and html.escape("<<<b>>>=1+1") in page
    assert "0.75" in page and "unparsed" in page
    evil_csv = table.assign(explanation='=HYPERLINK("http://x")')
    with write_csv(evil_csv, tmp_path / "e.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == COLUMNS
    assert rows[1][2] == '\'=HYPERLINK("http://x")' and rows[1][8] == ""


@pytest.mark.parametrize("k", [-1, 1.5])
def test_run_demo_refuses_a_bad_count_before_harvesting(k, tmp_path):
    with pytest.raises(sw.ArgumentError, match="explain"):
        sw.run_demo(tmp_path / "demo", explain=k)
    assert not (tmp_path / "demo").exists()
