from __future__ import annotations

import numpy as np
import pytest

from saewidgets import DataError, FeatureIndexError, TokenView
from saewidgets.widgets._codecs import extract_buffers


def _sparse_acts(rng: np.random.Generator, pos: int, d: int) -> np.ndarray:
    return (rng.random((pos, d)) * (rng.random((pos, d)) > 0.6)).astype(np.float32)


def test_from_arrays_matches_a_brute_force_recomputation(rng) -> None:
    acts = _sparse_acts(rng, 9, 30)
    view = TokenView.from_arrays([f"t{i}" for i in range(9)], acts, n_features=4)
    peaks = acts.max(axis=0)
    expected = sorted(range(30), key=lambda f: (-peaks[f], -acts[:, f].sum()))[:4]
    assert view.features == expected
    np.testing.assert_array_equal(view.acts, acts[:, expected])
    for pos in range(9):
        order = sorted(range(30), key=lambda f: -acts[pos, f])[:5]
        np.testing.assert_array_equal(view.top_vals[pos], acts[pos, order])
        np.testing.assert_array_equal(np.sort(view.top_ids[pos]), np.sort(order))


def test_feature_ids_name_the_columns() -> None:
    acts = np.array([[0.0, 2.0], [1.0, 0.0]])
    view = TokenView.from_arrays(["a", "b"], acts, feature_ids=[70, 12])
    assert view.features == [12, 70]
    assert view.top_ids.tolist() == [[12, 70], [70, 12]]
    view.features = [70]
    assert view.acts.tolist() == [[0.0], [1.0]]
    with pytest.raises(FeatureIndexError, match=r"\[5\]"):
        view.features = [5]


def test_focus_is_dropped_with_its_feature() -> None:
    view = TokenView.from_arrays(["a"], np.array([[1.0, 2.0]]))
    view.focus = 0
    view.features = [1]
    assert view.focus is None


def test_bad_inputs_raise_clear_errors() -> None:
    with pytest.raises(DataError, match="2 tokens but activations for 1"):
        TokenView.from_arrays(["a", "b"], np.ones((1, 3)))
    with pytest.raises(DataError, match="NaN"):
        TokenView.from_arrays(["a"], np.array([[np.nan]]))
    with pytest.raises(DataError, match="3 feature_ids given for 2"):
        TokenView.from_arrays(["a"], np.ones((1, 2)), feature_ids=[1, 2, 3])
    with pytest.raises(DataError, match="2-D"):
        TokenView.from_arrays(["a"], np.ones(3))


def test_arrays_cross_the_comm_as_buffers(rng) -> None:
    view = TokenView.from_arrays(["a", "b"], _sparse_acts(rng, 2, 6))
    state, paths, buffers = extract_buffers(view.get_state())
    assert {tuple(p) for p in paths} >= {
        ("acts", "data"),
        ("top_ids", "data"),
        ("top_vals", "data"),
    }
    assert state["acts"] == {"data": None, "dtype": "float32", "shape": list(view.acts.shape)}
    assert sum(len(b) for b in buffers) >= view.acts.nbytes


def test_lens_mode_picks_active_features_and_reruns_on_new_text(fake_lens) -> None:
    view = TokenView(fake_lens, "hi there")
    assert view.tokens == ["<bos>", "hi", " ", "there"]
    assert view.live and view.features == [4, 0, 1]  # by peak: "there" 4, " " 3, "hi" 2
    view.selected_token = 2
    view.text = "abc"
    assert view.tokens == ["<bos>", "abc"] and view.features == [2]  # 4 fires on BOS alone
    assert view.selected_token == -1
    fixed = TokenView(fake_lens, "hi", features=[1, 7], live=False)
    assert fixed.features == [1, 7] and not fixed.live
    fixed.text = "hello"
    assert fixed.features == [1, 7] and fixed.acts.shape == (2, 2)


def test_run_request_updates_the_view_or_reports_the_error(fake_lens) -> None:
    view = TokenView(fake_lens, "a")
    run = type(view)._anywidget_commands["run"]
    assert run(view, {"text": "a bb"}, []) == ({"value": {"n_tokens": 4}, "buffer_paths": []}, [])
    assert view.text == "a bb"

    def broken(text: str) -> None:
        raise RuntimeError("model exploded")

    fake_lens.encode = broken
    assert run(view, {"text": "zz"}, []) == ({"error": "RuntimeError: model exploded"}, [])
    assert view.error == "RuntimeError: model exploded"
    assert view.text == "a bb" and len(view.tokens) == 4  # the failed text was not kept
    offline = TokenView.from_arrays(["a"], np.ones((1, 1)))
    response, _ = run(offline, {"text": "b"}, [])
    assert "has no Lens" in response["error"]


def test_n_features_must_be_positive(fake_lens) -> None:
    with pytest.raises(ValueError, match="n_features"):
        TokenView(fake_lens, "a", n_features=0)


def test_default_features_leave_bos_out() -> None:
    acts = np.zeros((4, 3))
    acts[0, 2] = 43.0  # fires on BOS only, far above the rest
    acts[1:, 0] = [1.0, 2.0, 0.5]
    acts[3, 1] = 3.0
    view = TokenView.from_arrays(["<bos>", "a", "b", "c"], acts, bos=True)
    assert view.features == [1, 0]
    assert TokenView.from_arrays(["x", "a", "b", "c"], acts).features == [2, 1, 0]


def test_lens_defaults_match_a_dense_reference_and_the_hover(model, sae_dirs) -> None:
    import saewidgets as sw

    lens = sw.Lens(model, sae_dirs["standard"])
    text = "The cat sat on the mat and looked out of the window."
    view = TokenView(lens, text)
    assert view.bos and view.tokens[0] == lens.to_str_tokens(text)[0]
    dense = lens.encode(text).double().numpy()[1:]  # every position but BOS
    peak, total = dense.max(axis=0), dense.sum(axis=0)
    want = [int(f) for f in np.lexsort((-total, -peak))[:5] if peak[f] > 0]
    assert view.features == want
    # the strongest default feature is the hover's first at the token where it peaks
    at = 1 + int(dense[:, want[0]].argmax())
    assert int(view.top_ids[at, 0]) == want[0]
    hovered = {int(f) for f in np.asarray(view.top_ids)[1:].ravel()}
    assert set(want) <= hovered
