from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets._codecs import array_from_json
from saewidgets.widgets.export._html import export_payload, request_key


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


def _call(widget, name, msg):
    response, buffers = type(widget)._anywidget_commands[name](widget, msg, [])
    assert "error" not in response, response
    return response, buffers


def test_map_selection_drives_card_and_heatmaps(small_store) -> None:
    ex = sw.Explorer(small_store)
    assert isinstance(ex.map, sw.FeatureMap) and isinstance(ex.card, sw.FeatureCard)
    assert isinstance(ex.grid_view, sw.GeometryGridView)
    np.testing.assert_array_equal(ex.map.coords, sw.FeatureMap(small_store).coords)
    ex.selected = [9, 4, 30]
    assert ex.feature == 9 and ex.card.feature == 9 and ex.map.selected == [9, 4, 30]
    grid = ex.grid_view
    assert sorted(grid.features) == [4, 9, 30]
    geo = small_store.geometry(grid.features)
    np.testing.assert_allclose(grid.sel_cosine, geo.cosine, atol=1e-6)
    ex.map.selected = [7]  # as a brush in the map does
    assert ex.selected == [7] and ex.card.feature == 7 and grid.features == [7]
    ex.map.clicked = 12
    assert ex.feature == 12 and ex.card.feature == 12
    ex.card.feature = 3  # a neighbour clicked in the card
    assert ex.feature == 3
    with pytest.raises(sw.FeatureIndexError):
        ex.selected = [small_store.d_sae]
    with pytest.raises(TypeError, match="unexpected keyword"):
        sw.Explorer(small_store, colour="x")  # type: ignore[call-arg]


def test_annotating_in_the_card_labels_the_map(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    ex = sw.Explorer(small_store, annotations=ann)
    assert ex.card.editable and ex.map.labels == {} and ex.grid_view.labels == {}
    assert ex.card.service is ex.grid_view._service  # one service answers every card request
    _call(ex.card, "annotate", {"feature": 5, "label": "digits"})
    assert ex.map.labels == {"5": "digits"} and ex.grid_view.labels == {"5": "digits"}
    response, _ = _call(ex.grid_view, "card", {"feature": 5})
    assert response["value"]["feature"] == 5 and response["value"]["labels"] == {"5": "digits"}
    assert sw.Explorer(small_store, grid=False).grid_view is None


def test_text_runs_through_the_lens_for_the_selected_features(small_store, lens) -> None:
    ex = sw.Explorer(small_store, lens=lens, grid=False)
    assert ex.has_lens
    text = "def main():\n    return 1"
    response, buffers = _call(ex, "run", {"text": text, "features": [3, 8]})
    value = response["value"]
    assert value["tokens"] == lens.to_str_tokens(text) and value["features"] == [3, 8]
    path = response["buffer_paths"][0]
    assert path == ["acts", "data"]
    acts = array_from_json({**value["acts"], "data": buffers[0]})
    np.testing.assert_allclose(acts, lens.encode(text).numpy()[:, [3, 8]], rtol=1e-5, atol=1e-6)
    assert sw.Explorer(small_store, grid=False).has_lens is False


def test_token_view_attribution_requests(small_store, lens) -> None:
    """The Explorer's in-page token view asks the Explorer for a click's attribution list and
    ablations: the same answers as lens.attribute / lens.ablate."""
    ex = sw.Explorer(small_store, lens=lens, grid=False)
    text = "def main():\n    return 1"
    msg = {"text": text, "position": 4}
    response, buffers = _call(ex, "attribute", msg)
    paths = [tuple(p) for p in response["buffer_paths"]]
    feats = array_from_json(
        {
            "data": buffers[paths.index(("feature", "data"))],
            "dtype": "int32",
            "shape": response["value"]["feature"]["shape"],
        }
    )
    df = lens.attribute(text, position=4)
    assert feats.tolist() == df["feature"].head(10).tolist()
    pos, f = int(df["pos"][0]), int(df["feature"][0])
    response, _ = _call(ex, "ablate", {**msg, "pos": pos, "feature": f})
    r = lens.ablate(text, [f], positions=[pos])
    t = df.attrs["target"]
    want = float(
        r.logits_after[4].double().log_softmax(-1)[t]
        - r.logits_clean[4].double().log_softmax(-1)[t]
    )
    assert response["value"]["delta"] == pytest.approx(want, abs=1e-6)
    bad, _ = type(ex)._anywidget_commands["attribute"](
        sw.Explorer(small_store, grid=False), msg, []
    )
    assert "no Lens" in bad["error"]


def test_one_export_holds_map_card_and_grid(small_store, tmp_path) -> None:
    ex = sw.Explorer(small_store)
    ex.selected = [1, 2]
    payload = export_payload(ex)
    children = payload["widgets"]
    refs = {name: payload["state"][name] for name in ("map", "card", "grid_view")}
    assert refs == {
        name: f"anywidget:{getattr(ex, name).model_id}" for name in ("map", "card", "grid_view")
    }
    assert set(children) == {w.model_id for w in (ex.map, ex.card, ex.grid_view)}
    assert {"ids", "wire", "columns"} <= set(children[ex.map.model_id]["state"])
    assert {"count", "sel_cosine"} <= set(children[ex.grid_view.model_id]["state"])
    r, c = map(int, np.argwhere(ex.grid_view.count > 0)[0])
    grid_answers = children[ex.grid_view.model_id]["responses"]
    assert request_key("pairs", {"col": c, "row": r}) in grid_answers
    cards = children[ex.card.model_id]["responses"]
    assert set(cards) == {request_key("card", {"feature": 1}), request_key("exported", {})}
    with ex.card.exporting(ex.selected):  # what Explorer.to_html does
        cards = export_payload(ex)["widgets"][ex.card.model_id]["responses"]
    assert set(cards) == {request_key("card", {"feature": f}) for f in (1, 2)} | {
        request_key("exported", {})
    }
