"""CompareView and TrajectoryView: their traits carry the analysis results they draw."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import saewidgets as sw
from saewidgets.analysis._trajectory import trajectory_from_tables


@pytest.fixture(scope="module")
def comparison(small_store, model, sae_dirs, texts, tmp_path_factory):
    lens = sw.Lens(model, sae_dirs["topk"])
    out = tmp_path_factory.mktemp("topk_store") / "store"
    other = sw.harvest(lens, texts, n_tokens=3000, out=out, progress=False)
    return sw.compare(small_store, other, names=("relu", "topk"), progress=False)


def test_compareview_traits(comparison):
    view = sw.CompareView(comparison)
    a, b = comparison.store_a, comparison.store_b
    np.testing.assert_array_equal(view.a_ids, np.arange(a.d_sae))
    np.testing.assert_array_equal(view.a_match, comparison.matches["match"])
    np.testing.assert_array_equal(view.b_match, comparison.reverse_matches["match"])
    np.testing.assert_allclose(view.a_match_cosine, comparison.matches["cosine"], atol=1e-6)
    pairs = comparison.pair_densities
    alive = pairs[(pairs.density_a > 0) & (pairs.density_b > 0)]
    np.testing.assert_array_equal(view.pair_ids, alive["feature_a"])
    np.testing.assert_allclose(view.pair_table[:, 1], np.log10(alive["density_b"]), rtol=1e-6)
    assert view.summary[0] == ["", "relu", "topk"]
    card = sw.CompareView.card.__wrapped__(view, {"side": "b", "feature": view.feature_b})
    assert card["feature"] == view.feature_b
    with pytest.raises(sw.FeatureIndexError):
        sw.CompareView.card.__wrapped__(view, {"side": "a", "feature": a.d_sae})
    best = alive.sort_values("cosine", ascending=False, kind="stable").iloc[0]
    assert (view.feature_a, view.feature_b) == (best.feature_a, best.feature_b)  # both alive
    assert b.d_sae == len(view.b_ids)


def synthetic_trajectory(n: int = 30, steps=(10, 30, 100, 300, 1000)) -> sw.Trajectory:
    rng = np.random.default_rng(0)
    tables = {}
    base = 10 ** rng.uniform(-4, -1, n)
    for k, s in enumerate(steps):
        d = base.copy()
        d[:8] = base[:8] * 10.0 ** (-1.2 * k)  # falling: the first 8 end below 1e-5
        d[8:10] = 0.0 if k >= 2 else d[8:10]  # died early
        tables[s] = pd.DataFrame(
            {"density": d, "enc_bias": rng.normal(size=n), "de_projection": rng.uniform(-1, 1, n)}
        )
    return trajectory_from_tables(tables, n_tokens=1_000_000)


def test_trajectoryview_traits():
    traj = synthetic_trajectory()
    view = sw.TrajectoryView(traj)
    assert view.selected == [int(i) for i in traj.dying[traj.dying].index]
    assert set(view.selected) == set(range(8))
    floor = np.log10(0.5e-6)
    np.testing.assert_allclose(view.floor, floor)
    want = np.log10(np.maximum(traj.density.to_numpy(), 0.5e-6))
    np.testing.assert_allclose(view.log_density, want, rtol=1e-6)
    assert view.has_maps and len(view.maps) == 5 and view.step_index == 4
    np.testing.assert_array_equal(view.state[8:10], [0, 0])  # dead
    assert sw.TrajectoryView(traj, selected=[3]).selected == [3]
