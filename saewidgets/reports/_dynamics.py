"""Report pages for two SAEs compared (seed 003) and densities over training (seed 002)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from saewidgets.analysis._summary import SEED_002, cluster_lines

if TYPE_CHECKING:
    from saewidgets.analysis._compare import SAEComparison
    from saewidgets.analysis._trajectory import Trajectory


def comparison_text(cmp: SAEComparison) -> str:
    """Seed 003's question measured: dead / ultra-rare fractions and match shares side by side."""
    s = cmp.summary
    a, b = cmp.names
    lines = [f"{a} vs {b} (decoder cosine; one row per measure, one column per SAE)", ""]
    lines.append(f"  {'':28}{a:>12}{b:>12}")
    for metric in s.index:
        va, vb = s.loc[metric, a], s.loc[metric, b]
        if metric == "features":
            cells = f"{int(va):>12,}{int(vb):>12,}"
        elif metric in ("L0", "median_log10_density"):
            cells = f"{va:>12.2f}{vb:>12.2f}"
        else:
            cells = f"{100 * va:>11.1f}%{100 * vb:>11.1f}%"
        lines.append(f"  {metric.replace('_', ' '):<28}{cells}")
    lines += ["", *assignment_lines(cmp)]
    if cmp.same_tokens:
        corr = cmp.matches["act_corr"].dropna()
        lines.append(
            f"activation correlation of each {a} feature with its best decoder match: median "
            f"{corr.median():.3f} over {len(corr):,} live features"
        )
    return "\n".join(lines) + "\n"


def assignment_lines(cmp: SAEComparison) -> list[str]:
    """The one-to-one assignment: its mean cosine, how it was solved, and how far from the
    optimum it can be, each on its own line."""
    total, gap = cmp.assignment_total, cmp.assignment_bound - cmp.assignment_total
    lines = [
        f"one-to-one assignment: mean cosine {cmp.assignment['cosine'].mean():.3f} over "
        f"{len(cmp.assignment):,} pairs (total cosine {total:,.2f})",
        f"  solved: {cmp.assignment_method}",
    ]
    if cmp.assignment_method.startswith("exact"):
        return [*lines, "  this total is the optimum"]
    return [*lines, f"  this total is at most {gap:,.2f} below the optimum (a proven bound)"]


def trajectory_text(traj: Trajectory) -> str:
    """Seed 002's question measured: do the features that end ultra-rare keep falling?"""
    final = traj.final_state
    rare = final == "ultra-rare"
    dying = traj.dying
    steps = ", ".join(str(s) for s in traj.steps)
    lines = [
        f"densities over {len(traj.steps)} checkpoints (steps {steps}), "
        f"{traj.n_tokens:,} held-out tokens each",
        f"final state: {int((final == 'dead').sum()):,} dead, {int(rare.sum()):,} ultra-rare, "
        f"{int((final == 'live').sum()):,} live, {int((final == 'dense').sum()):,} dense",
        f"dying (density fell at every checkpoint of the last half, ends < "
        f"{traj.ultra_rare_density:g}): {int(dying.sum()):,}",
    ]
    if rare.any():
        falling = (traj.slope[rare] < 0).mean()
        lines.append(
            f"of the features ending ultra-rare: {100 * dying[rare].mean():.1f}% fell at every "
            f"checkpoint of the last half; {100 * falling:.1f}% have a negative log-density "
            f"slope there (median slope {traj.slope[rare].median():.2e} per step)"
        )
    last = traj.features[traj.steps[-1]]
    if {"enc_bias", "de_projection"} <= set(last.columns):
        lines += ["", "the cluster at the last checkpoint (seed 002): median per group", SEED_002]
        lines += cluster_lines(last)
    return "\n".join(lines) + "\n"


def write_comparison(cmp: SAEComparison, folder: Path) -> list[Path]:
    """``compare.txt`` and ``compare.html`` (CompareView) in ``folder``."""
    from saewidgets.widgets._compareview import CompareView

    text = folder / "compare.txt"
    text.write_text(comparison_text(cmp))
    return [text, CompareView(cmp).to_html(folder / "compare.html")]


def write_trajectory(traj: Trajectory, folder: Path) -> list[Path]:
    """``trajectory.txt`` and ``trajectory.html`` (TrajectoryView) in ``folder``."""
    from saewidgets.widgets._trajectoryview import TrajectoryView

    text = folder / "trajectory.txt"
    text.write_text(trajectory_text(traj))
    return [text, TrajectoryView(traj).to_html(folder / "trajectory.html")]
