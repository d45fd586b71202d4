"""sw.trajectory: densities equal the stores', the dying rule and slopes against plain loops."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import saewidgets as sw
from tests import helpers


def test_densities_equal_the_stores(harvested):
    stores = [harvested[arch][1] for arch in ("standard", "topk", "jumprelu")]
    acts = [harvested[arch][2] for arch in ("standard", "topk", "jumprelu")]
    traj = sw.trajectory(stores, [10, 100, 1000])
    assert list(traj.density.columns) == [10, 100, 1000]
    for step, a, store in zip((10, 100, 1000), acts, stores, strict=True):
        counted = a[helpers.counted_rows(store)]  # special tokens are left out of densities
        np.testing.assert_allclose(traj.density[step], (counted > 0).mean(0))
        assert traj.features[step]["density"].equals(traj.density[step])
    last = stores[-1].features
    assert (traj.final_state[last["dead"]] == "dead").all()
    assert (traj.final_state[last["dense"]] == "dense").all()


def fake_store(density: np.ndarray, n_tokens: int, meta):
    """A stand-in with the two things trajectory reads: meta and the features table."""
    table = pd.DataFrame({"density": density})
    table["dead"] = density == 0
    table["ultra_rare"] = (density > 0) & (density < 1e-5)
    table["dense"] = density > 0.1
    return SimpleNamespace(meta=replace(meta, n_tokens=n_tokens), features=table, path="fake")


def reference(D: np.ndarray, steps: list[int], n_tokens: int):
    """The docstring's rule, feature by feature, in plain Python."""
    half = steps[-1] / 2
    start = max([i for i, s in enumerate(steps) if s <= half], default=0)
    start = min(start, len(steps) - 2)
    dying, slope = [], []
    for row in D:
        w = row[start:]
        dying.append(all(w[k + 1] < w[k] for k in range(len(w) - 1)) and w[-1] < 1e-5)
        y = np.log10(np.maximum(w, 1 / (2 * n_tokens)))
        slope.append(np.polyfit(np.asarray(steps[start:], float), y, 1)[0])
    return np.array(dying), np.array(slope)


def test_dying_rule_and_slope(harvested):
    meta = harvested["standard"][1].meta
    n = 1_000_000
    steps = [100, 300, 1000, 3000, 10_000, 30_000]
    D = np.array(
        [
            [1e-3, 3e-4, 1e-4, 3e-5, 8e-6, 2e-6],  # falls throughout, ends ultra-rare: dying
            [1e-3, 1e-3, 1e-3, 2e-4, 5e-5, 0.0],  # falls over the last half, ends dead: dying
            [1e-3, 3e-4, 1e-4, 3e-5, 4e-6, 4e-6],  # stops falling: not dying
            [1e-3, 3e-4, 1e-4, 3e-5, 2e-5, 1.5e-5],  # falls but ends above 1e-5: not dying
            [1e-2, 1e-2, 2e-2, 2e-2, 2e-2, 2e-2],  # alive
            [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # dead all along: not dying
            [1e-3, 1e-6, 5e-6, 4e-6, 3e-6, 1e-6],  # rose before the window's start, then fell
        ]
    )
    traj = sw.trajectory([fake_store(D[:, k], n, meta) for k in range(len(steps))], steps)
    want_dying, want_slope = reference(D, steps, n)
    np.testing.assert_array_equal(traj.dying, want_dying)
    np.testing.assert_array_equal(want_dying, [1, 1, 0, 0, 0, 0, 1])
    np.testing.assert_allclose(traj.slope, want_slope, rtol=1e-9, atol=1e-15)
    assert list(traj.final_state) == [
        "ultra-rare",
        "dead",
        "ultra-rare",
        "live",
        "live",
        "dead",
        "ultra-rare",
    ]


def test_trajectory_rejects_mismatched_stores(harvested, model, sae_dirs, texts, tmp_path):
    a = harvested["standard"][1]
    with pytest.raises(sw.StoreError, match="one step per store"):
        sw.trajectory([a, a], [1])
    with pytest.raises(sw.StoreError, match="increase"):
        sw.trajectory([a, a], [5, 5])
    other = sw.harvest(
        sw.Lens(model, sae_dirs["standard"]),
        texts[3:],
        n_tokens=500,
        out=tmp_path / "o",
        progress=False,
    )
    with pytest.raises(sw.StoreError, match="same tokens"):
        sw.trajectory([a, other], [1, 2])


def test_trajectory_tells_models_apart_by_weights(harvested, sae_dirs, texts, tokenizer, tmp_path):
    """Checkpoints harvested on another model that shares the name are refused."""
    a = harvested["standard"][1]
    lens = sw.Lens(helpers.build_model(tokenizer, seed=1), sae_dirs["standard"])
    other = sw.harvest(lens, texts, n_tokens=300, out=tmp_path / "o", progress=False)
    assert other.meta.model_name == a.meta.model_name
    with pytest.raises(sw.StoreError, match="share the name, not the weights"):
        sw.trajectory([a, other], [1, 2])
