"""The demo report's seed 003 and seed 002 parts: the TopK vs ReLU comparison on the same
tokens, and the shipped density trajectory of the cluster ReLU SAE's checkpoints."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.analysis._trajectory import Trajectory
    from saewidgets.models._lens import Lens

#: The shipped densities of the cluster SAE's checkpoints on held-out tokens (if trained).
TRAJECTORY_FILE = "relu-cluster/trajectory.parquet"


def demo_trajectory() -> Trajectory | None:
    """The cluster ReLU SAE's checkpoints as a Trajectory (None if the package ships none)."""
    import json

    import pandas as pd

    from saewidgets.analysis._trajectory import trajectory_from_tables

    path = Path(str(files("saewidgets") / "data" / "demo_saes" / TRAJECTORY_FILE))
    if not path.is_file():
        return None
    long = pd.read_parquet(path)
    metrics = json.loads((path.parent / "metrics.json").read_text())
    tables = {
        int(step): part.set_index("feature").drop(columns="step")
        for step, part in long.groupby("step")
    }
    n_tokens = metrics.get("trajectory_eval_tokens", metrics["cluster_eval_tokens"])
    return trajectory_from_tables(tables, int(n_tokens))


def write_dynamics(
    store: FeatureStore,
    lens: Lens,
    texts: Sequence[str],
    folder: Path,
    sae: str,
    *,
    progress: bool = True,
) -> list[Path]:
    """Harvest the other demo SAE on the same texts, compare it with ``store`` (``compare.*``)
    and write the shipped trajectory (``trajectory.*``). Returns the paths written."""
    from saewidgets.analysis._compare import compare
    from saewidgets.demo._saes import demo_sae_path
    from saewidgets.harvesting._harvest import harvest
    from saewidgets.models._lens import Lens as LensType
    from saewidgets.reports._dynamics import write_comparison, write_trajectory

    other = "relu" if sae == "topk" else "topk"
    other_lens = LensType(lens.adapter, demo_sae_path(other))
    replaying = getattr(lens.adapter, "replaying", contextlib.nullcontext)
    with replaying():  # the first harvest's model pass, when its adapter kept it
        other_store = harvest(
            other_lens,
            list(texts),
            n_tokens=store.n_tokens,
            out=folder / f"store-{other}",
            overwrite=True,
            progress=progress,
        )
    written = write_comparison(
        compare(store, other_store, names=(sae, other), progress=progress), folder
    )
    traj = demo_trajectory()
    if traj is not None:
        written += write_trajectory(traj, folder)
    return written
