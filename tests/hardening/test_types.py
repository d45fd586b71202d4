"""Values are checked, not coerced, at every public entry point: a bool is not an int, a string
is not a number, NaN is not a number, and a config file's ``"no"`` is not ``False``."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets._errors import ArgumentError, SAEConfigError, SaeWidgetsError
from tests import helpers

PROMPT = "The quick brown fox"


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda L: L.steer(PROMPT, {3: 1.0}, max_new_tokens=2.7), id="new-tokens-float"
        ),
        pytest.param(lambda L: L.ablate(PROMPT, [3], max_new_tokens="3"), id="new-tokens-str"),
        pytest.param(
            lambda L: L.steer(PROMPT, {3: 1.0}, max_new_tokens=True), id="new-tokens-bool"
        ),
        pytest.param(lambda L: L.steer(PROMPT, {3: "5"}), id="strength-str"),
        pytest.param(lambda L: L.steer(PROMPT, {3: True}), id="strength-bool"),
        pytest.param(lambda L: L.steer(PROMPT, {3: None}), id="strength-none"),
        pytest.param(lambda L: L.steer(PROMPT, {3: float("nan")}), id="strength-nan"),
        pytest.param(lambda L: L.steer(PROMPT, {3: 1.0}, positions=5), id="positions-int"),
        pytest.param(lambda L: L.steer(PROMPT, {3: 1.0}, positions=[True]), id="positions-bool"),
        pytest.param(lambda L: L.ablate(PROMPT, 3), id="ablate-int"),
        pytest.param(lambda L: L.steer(torch.tensor([True, False]), {3: 1.0}), id="prompt-bool"),
        pytest.param(lambda L: L.attribute(PROMPT, position=True), id="position-bool"),
        pytest.param(lambda L: L.attribute(PROMPT, position=1.5), id="position-float"),
        pytest.param(lambda L: L.attribute(PROMPT, target=True), id="target-bool"),
        pytest.param(lambda L: L.attribute(PROMPT, target=1.5), id="target-float"),
        pytest.param(lambda L: L.attribute(PROMPT, annotations="x"), id="annotations-str"),
        pytest.param(lambda L: L.steer(PROMPT, {3: 1.0}).top_tokens(k=0), id="top-k-zero"),
        pytest.param(lambda L: L.steer(PROMPT, {3: 1.0}).top_tokens(position=True), id="top-pos"),
    ],
)
def test_lens_methods_refuse_unconverted_values(lens, call):
    with pytest.raises(SaeWidgetsError):
        call(lens)


@pytest.mark.parametrize("value", [0, 2.5, True, "12", 10**6])
def test_lens_context_size_is_checked(model, sae_dirs, value):
    with pytest.raises(ArgumentError, match="context_size"):
        sw.Lens(model, sae_dirs["standard"], context_size=value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("prepend_bos", "no"),
        ("apply_b_dec_to_input", "false"),
        ("rescale_acts_by_decoder_norm", 1),
        ("hook_head_index", True),
        ("hook_name", 5),
        ("d_sae", 95),
        ("d_in", "32"),
    ],
)
def test_saelens_config_values_are_typed(tmp_path, key, value):
    folder = helpers.write_sae(tmp_path / "sae")
    cfg = json.loads((folder / "cfg.json").read_text())
    (cfg["metadata"] if key in cfg["metadata"] else cfg)[key] = value
    (folder / "cfg.json").write_text(json.dumps(cfg))
    with pytest.raises(SAEConfigError, match=key) as err:
        sw.load_sae(folder)
    assert str(folder) in str(err.value)


@pytest.mark.parametrize("k", [2.5, True, "6"])
def test_topk_k_is_an_integer(tmp_path, k):
    folder = helpers.write_sae(tmp_path / "sae", architecture="topk", k=6)
    cfg = json.loads((folder / "cfg.json").read_text())
    cfg["k"] = k
    (folder / "cfg.json").write_text(json.dumps(cfg))
    with pytest.raises(SAEConfigError, match="k="):
        sw.load_sae(folder)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"block": -1}, "block"),
        ({"block": True}, "block"),
        ({"candidates": 0}, "candidates"),
        ({"candidates": 2.5}, "candidates"),
        ({"exact_limit": -1}, "exact_limit"),
        ({"names": "AB"}, "names"),
        ({"names": (1, 2)}, "names"),
        ({"progress": "no"}, "progress"),
    ],
)
def test_compare_arguments(small_store, other_store, kwargs, name):
    with pytest.raises(SaeWidgetsError, match=name):
        sw.compare(small_store, other_store, **{"progress": False, **kwargs})


@pytest.mark.parametrize("steps", [[1.5, 2.5], [True, 2], ["1", "2"], [-5, 3], 7])
def test_trajectory_steps_are_integers(small_store, steps):
    with pytest.raises(SaeWidgetsError, match="steps"):
        sw.trajectory([small_store, small_store], steps)


@pytest.mark.parametrize("features", [[], [1, 1], 3, "12"])
def test_geometry_features(small_store, features):
    with pytest.raises(SaeWidgetsError):
        small_store.geometry(features)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda L, s: sw.Steer(L, PROMPT, max_new_tokens=2.7), id="steer-tokens"),
        pytest.param(lambda L, s: sw.Steer(L, PROMPT, features={3: "5"}), id="steer-strength"),
        pytest.param(lambda L, s: sw.Steer(L, PROMPT, features={True: 1.0}), id="steer-feature"),
        pytest.param(lambda L, s: sw.Steer(L, PROMPT).add(3, ablate="no"), id="steer-add"),
        pytest.param(lambda L, s: sw.TokenView(L, PROMPT, n_features=2.5), id="tokenview-n"),
        pytest.param(lambda L, s: sw.TokenView(L, PROMPT, features=[True]), id="tokenview-f"),
        pytest.param(lambda L, s: sw.FeatureCard("store"), id="card-store"),
        pytest.param(lambda L, s: sw.Explorer(s, grid="yes"), id="explorer-grid"),
        pytest.param(lambda L, s: sw.CompareView("x"), id="compareview"),
        pytest.param(
            lambda L, s: sw.TrajectoryView(sw.trajectory([s, s], [1, 2]), selected=[True]),
            id="trajectory-selected",
        ),
        pytest.param(lambda L, s: sw.TokenView("lens", PROMPT), id="tokenview-lens"),
        pytest.param(lambda L, s: sw.Steer(L, PROMPT, store="x"), id="steer-store"),
        pytest.param(lambda L, s: sw.GeometryGridView("x"), id="grid-store"),
        pytest.param(lambda L, s: s.geometry_grid(progress="no"), id="grid-progress"),
        pytest.param(lambda L, s: sw.harvest(L, ["a b"], progress="no"), id="harvest-progress"),
        pytest.param(lambda L, s: sw.harvest("lens", ["a b"]), id="harvest-lens"),
    ],
)
def test_widgets_and_harvest_refuse_unconverted_values(lens, small_store, make):
    with pytest.raises(SaeWidgetsError):
        make(lens, small_store)


def test_numpy_integers_are_integers(lens):
    """What is refused is a bool, a float or a str: numpy integers are accepted."""
    r = lens.steer(PROMPT, {np.int64(3): np.float32(1.0)}, positions=np.array([0, 1]))
    assert r.features == {3: 1.0}
