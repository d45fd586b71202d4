from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets._codecs import array_from_json
from saewidgets.widgets._export import export_payload, request_key


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


def _call(widget, name, msg):
    response, buffers = type(widget)._anywidget_commands[name](widget, msg, [])
    assert "error" not in response, response
    return response, buffers


def test_map_selection_drives_card_and_heatmaps(small_store) -> None:
    ex = sw.Explorer(small_store)
    np.testing.assert_array_equal(ex.coords, sw.FeatureMap(small_store).coords)
    ex.selected = [9, 4, 30]
    assert ex.feature == 9
    assert sorted(ex.features) == [4, 9, 30]
    np.testing.assert_allclose(ex.sel_cosine, small_store.geometry(ex.features).cosine, atol=1e-6)
    ex.clicked = 12
    assert ex.feature == 12
    with pytest.raises(sw.FeatureIndexError):
        ex.selected = [small_store.d_sae]
    with pytest.raises(TypeError, match="unexpected keyword"):
        sw.Explorer(small_store, colour="x")  # type: ignore[call-arg]


def test_annotating_in_the_card_labels_the_map(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    ex = sw.Explorer(small_store, annotations=ann, grid=False)
    assert ex.editable and not ex.has_grid and ex.labels == {}
    _call(ex, "annotate", {"feature": 5, "label": "digits"})
    assert ex.labels == {"5": "digits"}
    response, _ = _call(ex, "card", {"feature": 5})
    assert response["value"]["feature"] == 5


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


def test_one_export_holds_map_card_and_grid(small_store) -> None:
    ex = sw.Explorer(small_store)
    ex.selected = [1, 2]
    payload = export_payload(ex)
    assert {"ids", "coords", "count", "sel_cosine", "feature"} <= set(payload["state"])
    for f in (1, 2):
        assert request_key("card", {"feature": f}) in payload["responses"]
    r, c = map(int, np.argwhere(ex.count > 0)[0])
    assert request_key("pairs", {"col": c, "row": r}) in payload["responses"]
