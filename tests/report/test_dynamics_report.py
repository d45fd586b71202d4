"""The report's comparison and trajectory pages state the analysis results."""

from __future__ import annotations

import saewidgets as sw
from saewidgets.widgets._dynamics_report import (
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
