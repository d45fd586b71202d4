"""FeatureCard: the data it sends equals the analysis layer's, navigation, annotations, export."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets import _carddata
from saewidgets.widgets._base import bundle
from saewidgets.widgets._codecs import extract_buffers
from saewidgets.widgets.export._html import request_key

EVIL = "</script><img src=x onerror=alert(1)>"


def call(widget: Any, name: str, msg: dict[str, Any]) -> dict[str, Any]:
    """Run a request as the front end would and put the binary leaves back as arrays."""
    response, buffers = type(widget)._anywidget_commands[name](widget, msg, [])
    if "error" in response:
        return response
    value = response["value"]
    for path, buf in zip(response["buffer_paths"], buffers, strict=True):
        node = value
        for key in path[:-2]:
            node = node[key]
        wire = node[path[-2]]
        node[path[-2]] = np.frombuffer(bytes(buf), dtype=wire["dtype"]).reshape(wire["shape"])
    return value


def dense(acts: dict[str, Any]) -> np.ndarray:
    if "index" not in acts:
        return acts["value"]
    out = np.zeros(acts["n"], np.float32)
    out[acts["index"]] = acts["value"]
    return out


def busiest(store: sw.FeatureStore) -> int:
    return int(store.features["count"].idxmax())


def test_card_data_equals_the_analysis_layer(small_store) -> None:
    f = busiest(small_store)
    card = sw.FeatureCard(small_store, f)
    p = call(card, "card", {"feature": f})
    row = small_store.features.loc[f]
    for col in ("density", "count", "max_act", "mean_act", "enc_bias", "de_projection"):
        assert p["stats"][col] == row[col]
    assert p["stats"]["dense"] == bool(row["dense"]) and p["stats"]["dead"] is False

    top = small_store.top_examples(f, n=_carddata.N_TOP)
    quant = small_store.quantile_examples(f)
    ex = p["examples"]
    acts, offsets = dense(ex["acts"]), np.cumsum([0, *ex["length"]], dtype=np.int64)
    expected = [*zip(top["tokens"], top["acts"], top["max_index"], strict=True)]
    expected += [*zip(quant["tokens"], quant["acts"], quant["max_index"], strict=True)]
    assert len(ex["length"]) == len(expected) > 20
    for e, (tokens, values, max_index) in enumerate(expected):
        a, b = offsets[e], offsets[e + 1]
        assert [ex["strings"][i] for i in ex["tok"][a:b]] == tokens
        np.testing.assert_array_equal(acts[a:b], np.asarray(values, np.float32))
        assert ex["max_index"][e] == max_index
    assert ex["group"].tolist() == [-1] * len(top) + quant["interval"].tolist()
    assert {i["interval"] for i in ex["intervals"]} == set(quant["interval"])

    hist = small_store.histogram(f, bins=_carddata.HIST_BINS)
    np.testing.assert_array_equal(p["hist"]["counts"], hist.counts)
    np.testing.assert_allclose(p["hist"]["edges"], hist.edges, rtol=1e-6)
    lw = small_store.logit_weights(f, k=10)
    assert p["logits"]["top_tokens"] == lw.top_tokens
    np.testing.assert_array_equal(p["logits"]["bottom_values"], lw.bottom_values)
    for kind in _carddata.NEIGHBOUR_KINDS:
        frame = small_store.neighbours(f, by=kind, k=10)
        assert p["neighbours"][kind]["feature"].tolist() == frame["feature"].tolist()
        np.testing.assert_allclose(p["neighbours"][kind]["value"], frame["value"], rtol=1e-6)
    cooc = small_store.neighbours(f, by="cooccurrence", k=10)
    assert p["neighbours"]["cooccurrence"]["count"].tolist() == cooc["count"].tolist()
    assert (p["prev"], p["next"], p["missing"]) == (f - 1, f + 1, [])


def test_arrays_travel_as_buffers_not_json(small_store) -> None:
    card = sw.FeatureCard(small_store, busiest(small_store))
    response, buffers = type(card)._anywidget_commands["card"](card, {"feature": 3}, [])
    assert len(buffers) >= 15
    text = json.dumps(response)
    assert len(text) < 4200  # only strings and scalars (and the buffer paths) are JSON


def test_dead_feature_and_navigation_ends(small_store) -> None:
    feats = small_store.features
    dead = int(np.flatnonzero(feats["dead"])[0]) if feats["dead"].any() else None
    card = sw.FeatureCard(small_store, 0)
    first = call(card, "card", {"feature": 0})
    assert first["prev"] is None and first["next"] == 1
    last = call(card, "card", {"feature": small_store.d_sae - 1})
    assert last["next"] is None
    if dead is not None:
        p = call(card, "card", {"feature": dead})
        assert p["stats"]["dead"] is True and p["stats"]["mean_act"] is None
        assert len(p["examples"]["length"]) == 0


def test_feature_switches_in_place_and_bad_ids_are_refused(small_store) -> None:
    card = sw.FeatureCard(small_store, 5)
    card.feature = 17
    assert card.feature == 17
    with pytest.raises(sw.FeatureIndexError, match="out of range"):
        card.feature = small_store.d_sae
    with pytest.raises(sw.FeatureIndexError):
        sw.FeatureCard(small_store, -1)
    with pytest.raises(TypeError, match="colour"):
        sw.FeatureCard(small_store, 1, colour="red")  # type: ignore[call-arg]
    answer = type(card)._anywidget_commands["card"](card, {"feature": 10**6}, [])[0]
    assert answer["error"].startswith("FeatureIndexError: Feature 1000000 is out of range")


def test_annotations_are_shown_and_saved(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "ann.db")
    f = busiest(small_store)
    nb = int(small_store.neighbours(f, by="cosine", k=1)["feature"][0])
    ann.set(small_store, nb, label=EVIL)
    card = sw.FeatureCard(small_store, f, annotations=ann)
    assert card.editable is True and card.statuses[0] == "unreviewed"
    p = call(card, "card", {"feature": f})
    assert p["annotation"] is None and p["labels"] == {str(nb): EVIL}
    saved = call(
        card, "annotate", {"feature": f, "label": "commas", "tags": ["x"], "status": "dead"}
    )
    assert saved["annotation"] == {"label": "commas", "status": "dead", "tags": ["x"], "note": ""}
    stored = ann.get(small_store, f)
    assert stored is not None and (stored.label, stored.tags) == ("commas", ("x",))
    p = call(card, "card", {"feature": f})
    assert p["labels"][str(f)] == "commas" and p["annotation"]["status"] == "dead"
    bad = call(card, "annotate", {"feature": f, "status": "great"})
    assert "error" in bad and ann.get(small_store, f).status == "dead"
    plain = sw.FeatureCard(small_store, f)
    assert plain.editable is False
    assert "no Annotations" in call(plain, "annotate", {"feature": f, "label": "x"})["error"]


def exported(path) -> dict[str, Any]:
    """The data block of a standalone export."""
    html = path.read_text(encoding="utf-8")
    start = html.index('id="saewidgets-data">') + len('id="saewidgets-data">')
    return json.loads(html[start : html.index("</script>", start)])


def test_export_records_the_feature_and_its_neighbours(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "ann.db")
    f = busiest(small_store)
    ann.set(small_store, f, label=EVIL)
    card = sw.FeatureCard(small_store, f, annotations=ann)
    neighbours = {
        int(i)
        for kind in _carddata.NEIGHBOUR_KINDS
        for i in small_store.neighbours(f, by=kind, k=10)["feature"]
    }
    path = card.to_html(tmp_path / "card.html")
    html = path.read_text(encoding="utf-8")
    assert EVIL not in html and "<img" not in html
    payload = exported(path)
    keys = {request_key("card", {"feature": i}) for i in {f} | neighbours}
    assert set(payload["responses"]) == keys | {request_key("exported", {})}
    saved = payload["responses"][request_key("exported", {})]["response"]["value"]
    assert saved["features"] == sorted({f} | neighbours)
    assert saved["dead"] == [
        int(i) for i in small_store.features.index[small_store.features["dead"]]
    ]
    assert payload["state"]["feature"] == f and card._export is None
    first = payload["responses"][request_key("card", {"feature": f})]["response"]["value"]
    assert first["labels"][str(f)] == EVIL and first["missing"] == []


def test_export_of_chosen_features_marks_the_rest_missing(small_store, tmp_path) -> None:
    f = busiest(small_store)
    nb = int(small_store.neighbours(f, by="cosine", k=1)["feature"][0])
    card = sw.FeatureCard(small_store, f)
    card._export = [f, nb]
    p = call(card, "card", {"feature": f})
    listed = set(_carddata.neighbour_ids(_carddata.feature_payload(small_store, f)))
    assert set(p["missing"]) == listed - {nb, f}
    assert (p["prev"], p["next"]) == (None, nb)
    card._export = None
    card.to_html(tmp_path / "two.html", features=[nb])  # the shown feature is always included
    assert card._export is None


def _export_bytes(card: sw.FeatureCard, tmp_path, features: list[int]) -> int:
    return card.to_html(tmp_path / f"n{len(features)}.html", features=features).stat().st_size


def test_export_size_per_feature_and_bundle_overhead(small_store, tmp_path) -> None:
    """SAEDashboard: ~170 KB per ReLU feature (same panels); ours must be 10x smaller."""
    live = small_store.features.sort_values("count", ascending=False).index[:21].tolist()
    card = sw.FeatureCard(small_store, live[0])
    one = _export_bytes(card, tmp_path, live[:1])
    many = _export_bytes(card, tmp_path, live)
    per_feature = (many - one) / (len(live) - 1)
    esm = bundle("featurecard")
    assert not isinstance(esm, str), "the featurecard bundle is not built"
    size = len(esm.read_bytes()) + len((esm.parent / "standalone.js").read_bytes())
    print(
        f"\nFeatureCard export: {per_feature / 1000:.1f} KB per feature, {one / 1000:.1f} KB for "
        f"one feature, bundle {size / 1000:.1f} KB"
    )
    assert per_feature <= 17_000
    assert one - per_feature <= 500_000 and size <= 500_000


def test_opening_a_store_and_exporting_a_card_does_not_import_torch(small_store, tmp_path) -> None:
    code = (
        "import sys, saewidgets as sw\n"
        f"s = sw.FeatureStore.open({str(small_store.path)!r})\n"
        f"sw.FeatureCard(s, 3).to_html({str(tmp_path / 'c.html')!r})\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_state_holds_only_the_first_features_data(small_store) -> None:
    card = sw.FeatureCard(small_store, 3)
    keys = {
        "feature",
        "d_sae",
        "source",
        "editable",
        "statuses",
        "triage",
        "error",
        "initial_card",
        "labels",
        "columns",
        "steerable",
    }
    state, _, buffers = extract_buffers(card.get_state(key=card.data_traits()))
    assert set(state) == keys and state["initial_card"]["feature"] == 3
    card.feature = 4
    later, _, more = extract_buffers(card.get_state(key=card.data_traits()))
    assert later["initial_card"]["feature"] == 3 and len(more) == len(buffers)
