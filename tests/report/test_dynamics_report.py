"""The report's comparison and trajectory pages state the analysis results."""

from __future__ import annotations

import saewidgets as sw
from saewidgets.reports._dynamics import (
    comparison_text,
    trajectory_text,
    write_comparison,
    write_trajectory,
)
from tests.widgets.test_compare_widgets import synthetic_trajectory


def test_comparison_page(small_store, tmp_path):
    cmp = sw.compare(small_store, small_store, names=("x", "y"), progress=False)
    text = comparison_text(cmp)
    s = cmp.summary
    assert f"{100 * s.loc['dead', 'x']:.1f}%" in text
    assert "matched above 0.9" in text and "100.0%" in text  # an SAE matches itself
    assert "mean cosine 1.000" in text and "median 1.000" in text
    paths = write_comparison(cmp, tmp_path)
    assert [p.name for p in paths] == ["compare.txt", "compare.html"]
    html = paths[1].read_text()
    assert "http://" not in html and "https://" not in html


def test_trajectory_page(tmp_path):
    traj = synthetic_trajectory()
    text = trajectory_text(traj)
    assert "final state: 2 dead, 8 ultra-rare, 20 live, 0 dense" in text
    assert "< 1e-05): 8" in text
    assert "of the features ending ultra-rare: 100.0% fell at every checkpoint" in text
    paths = write_trajectory(traj, tmp_path)
    assert [p.name for p in paths] == ["trajectory.txt", "trajectory.html"]


def test_cluster_lines_state_each_groups_medians():
    import pandas as pd

    from saewidgets.analysis._summary import cluster_lines

    f = pd.DataFrame(
        {
            "dead": [True, False, False, False, False, False],
            "ultra_rare": [False, True, True, True, False, False],
            "enc_bias": [9.0, -3.0, -1.0, -2.0, 0.5, 0.1],
            "de_projection": [9.0, 0.1, -0.3, 0.0, 0.9, 0.8],
        }
    )
    lines = cluster_lines(f)
    # ultra-rare: bias median -2, D/E median 0.0, IQR -0.15..0.05 = 0.2; live: 0.3, 0.85, 0.05
    assert lines[1].split() == ["ultra-rare", "3", "-2.000", "0.000", "(0.200)"]
    assert lines[2].split() == ["other", "live", "2", "0.300", "0.850", "(0.050)"]


def test_trajectory_page_states_the_cluster():
    import numpy as np

    traj = synthetic_trajectory()
    last = traj.features[traj.steps[-1]]
    text = trajectory_text(traj)
    assert "the cluster at the last checkpoint (seed 002)" in text
    rare = last[last["ultra_rare"]]
    q1, med, q3 = np.quantile(rare["de_projection"], [0.25, 0.5, 0.75])
    row = f"  ultra-rare {len(rare):>6,}  {np.median(rare['enc_bias']):>9.3f}  {med:>8.3f}"
    assert f"{row} ({q3 - q1:.3f})" in text


def test_the_assignment_says_exact_or_its_bound_on_lines_of_their_own(small_store):
    exact = comparison_text(sw.compare(small_store, small_store, progress=False))
    lines = exact.splitlines()
    assert "  solved: exact (scipy linear_sum_assignment)" in lines
    assert "  this total is the optimum" in lines
    assert "below the optimum" not in exact
    cmp = sw.compare(small_store, small_store, exact_limit=1, progress=False)
    lines = comparison_text(cmp).splitlines()
    gap = cmp.assignment_bound - cmp.assignment_total
    assert any(line.startswith("  solved: optimal over each feature's top 8") for line in lines)
    assert f"  this total is at most {gap:,.2f} below the optimum (a proven bound)" in lines
    assert not any("exact" in line for line in lines)
