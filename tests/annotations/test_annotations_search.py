"""Full-text search over labels, tags, notes and explanations, and Neuronpedia explanation
records imported as explanations (checked through the neuronpedia package's own reader)."""

from __future__ import annotations

import json

import pytest
from neuronpedia.np_explanation import Explanation

import saewidgets as sw


class Store:
    sae_id, d_sae = "sae-a", 50


class Other:
    sae_id, d_sae = "sae-b", 50


@pytest.fixture
def ann(tmp_path):
    a = sw.Annotations(tmp_path / "a.db")
    a.set(Store, 1, label="Negation words", note='fires on "not" and <never>')
    a.set(Store, 2, label="Café names", tags=["français"])
    a.set(Store, 3, label="numbers")
    a.set(Other, 1, label="negative numbers")
    a.set_explanation(Store, 4, "negations inside quotes: 'don't'", model="llm")
    return a


def brute(ann, words):
    """Every (sae, feature, field) whose text holds each word as a word prefix, by hand."""
    import re
    import unicodedata

    def fold(s):
        s = unicodedata.normalize("NFKD", s.casefold())
        return "".join(c for c in s if not unicodedata.combining(c))

    out = set()
    for sid, store in (("sae-a", Store), ("sae-b", Other)):
        fields = []
        for r in ann.to_dataframe(store).itertuples():
            fields += [(r.Index, "label", r.label), (r.Index, "note", r.note)]
            fields += [(r.Index, "tag", t) for t in r.tags]
        for r in ann.explanations(store).itertuples():
            fields.append((r.feature, "explanation", r.explanation))
        for f, field, text in fields:
            toks = re.findall(r"\w+", fold(text if isinstance(text, str) else ""))
            if all(any(t.startswith(fold(w)) for t in toks) for w in words):
                out.add((sid, f, field))
    return out


@pytest.mark.parametrize(
    "query", ["negation", "NEG", "cafe", "francais", '"not"', "numbers", "never not", "don"]
)
def test_search_equals_brute_force(ann, query):
    import re

    got = ann.search(query)
    assert set(zip(got["sae_id"], got["feature"], got["field"], strict=True)) == brute(
        ann, re.findall(r"\w+", query)
    )
    one = ann.search(query, store=Store)
    assert set(one["sae_id"]) <= {"sae-a"}


def test_search_sees_new_changes_and_keeps_the_old_form(ann):
    assert ann.search("zebra").empty
    ann.set(Store, 9, label="zebra stripes")
    assert ann.search("zebra")["feature"].tolist() == [9]
    assert ann.search(Store, "umbe").index.tolist() == [3]  # substring, one SAE
    with pytest.raises(sw.AnnotationError, match="at least one word"):
        ann.search('"" **')


def test_neuronpedia_records_become_explanations(ann, tmp_path):
    records = [
        {
            "modelId": "gpt2-small",
            "source": "6-res-jb",
            "index": "4",
            "description": "Paris",
            "typeName": "oai_token-act-pair",
            "explanationModelName": "gpt-4o-mini",
        },
        {
            "modelId": "gpt2-small",
            "source": "6-res-jb",
            "index": "1",
            "description": "négation",
            "typeName": "np_max-act-logits",
            "explanationModelName": None,
        },
        {"modelId": "gpt2-small", "source": "7-res-jb", "index": "2", "description": "other"},
    ]
    path = tmp_path / "np.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    report = ann.import_neuronpedia(path, Store, model_id="gpt2-small", layer="6-res-jb")
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    got = ann.explanations(Store).set_index(["feature", "model"])["explanation"].to_dict()
    for rec in records[:2]:
        e = Explanation.from_np_db_json(rec)
        assert got[(e.index, e.explainer_model or e.method)] == e.text
    assert ann.get(Store, 1).label == "Negation words"  # a person's label is untouched
    again = ann.import_neuronpedia(records[:2], Store)
    assert (again.added, again.unchanged) == (0, 2)
    with pytest.raises(sw.FeatureIndexError):
        ann.import_neuronpedia([{**records[0], "index": "99"}], Store)
