"""Feature densities over training: checkpoints of one SAE, each harvested on the same tokens."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from saewidgets._checks import int_list, sequence_arg
from saewidgets._errors import StoreError
from saewidgets.analysis._identity import check_same_model
from saewidgets.store._meta import DENSE_DENSITY
from saewidgets.store._reader import StoreFiles


@dataclass(frozen=True)
class Trajectory:
    """Densities of one SAE's features at each checkpoint (seed 002's "dying features").

    - ``density``: index = feature id, one column per step (ascending), each the density the
      checkpoint's store measured.
    - ``features``: ``{step: that store's per-feature table}`` (for the map at any step).
    - ``dying``: bool Series. **Rule**: a feature is dying when its density falls strictly at
      every checkpoint of the last half of training — from the last checkpoint at or before
      half the final step (the first checkpoint if none is) to the final one, at least two
      checkpoints — and its final density is below the ultra-rare threshold (1e-5, ending dead
      included).
    - ``slope``: least-squares slope of log10 density per training step over those same
      checkpoints; densities of 0 count as half the resolution, ``1 / (2 n_tokens)``.
    - ``final_state``: "dead", "ultra-rare", "dense" or "live" at the last step.
    """

    steps: tuple[int, ...]
    density: pd.DataFrame
    features: dict[int, pd.DataFrame]
    dying: pd.Series
    slope: pd.Series
    final_state: pd.Series
    n_tokens: int
    ultra_rare_density: float


def trajectory(stores: Sequence[StoreFiles], steps: Sequence[int]) -> Trajectory:
    """Follow each feature's density over checkpoints ``stores`` taken at training ``steps``."""
    stores = sequence_arg(stores, "stores")
    step_list = int_list(steps, "steps", 0, 2**62)
    for i, store in enumerate(stores):
        if not (hasattr(store, "meta") and hasattr(store, "features")):
            raise StoreError(
                f"stores[{i}] is a {type(store).__name__}, not a FeatureStore; open each "
                "checkpoint's store with sw.FeatureStore.open(path)."
            )
    if len(stores) != len(step_list) or len(stores) < 2:
        raise StoreError(
            f"trajectory needs two or more stores and one step per store; got {len(stores)} "
            f"stores and {len(step_list)} steps."
        )
    if any(b <= a for a, b in zip(step_list, step_list[1:], strict=False)):
        raise StoreError(f"steps must increase strictly, got {step_list}.")
    check_same_model(stores, "trajectory")
    first = stores[0].meta
    for store in stores[1:]:
        m = store.meta
        if m.dataset_fingerprint != first.dataset_fingerprint or m.n_tokens != first.n_tokens:
            raise StoreError(
                f"{store.path} was harvested on other tokens than {stores[0].path}; harvest every "
                "checkpoint on the same tokens (same data, n_tokens and settings)."
            )
        if m.d_sae != first.d_sae:
            raise StoreError(
                f"{store.path} is not a checkpoint of the same SAE as {stores[0].path} "
                f"(d_sae {m.d_sae} vs {first.d_sae})."
            )
    tables = {step: store.features for step, store in zip(step_list, stores, strict=True)}
    return trajectory_from_tables(tables, first.n_tokens, first.ultra_rare_density)


def trajectory_from_tables(
    tables: Mapping[int, pd.DataFrame], n_tokens: int, ultra_rare_density: float = 1e-5
) -> Trajectory:
    """A Trajectory from per-step feature tables (at least a ``density`` column each, measured
    on the same ``n_tokens``), e.g. the demo's shipped ``trajectory.parquet``."""
    step_list = sorted(int(s) for s in tables)
    if len(step_list) < 2:
        raise StoreError(f"a trajectory needs two or more steps, got {step_list}.")
    full = {s: _with_flags(tables[s], n_tokens, ultra_rare_density) for s in step_list}
    density = pd.DataFrame({step: t["density"] for step, t in full.items()})
    density.index.name = "feature"
    density.columns.name = "step"
    window = _last_half(step_list)
    d = density.to_numpy(np.float64)[:, window]
    falling = (np.diff(d, axis=1) < 0).all(axis=1)
    dying = falling & (d[:, -1] < ultra_rare_density)
    floor = 1 / (2 * n_tokens)
    logd = np.log10(np.maximum(d, floor))
    x = np.asarray(step_list, np.float64)[window]
    xc = x - x.mean()
    slope = (logd - logd.mean(1, keepdims=True)) @ xc / (xc @ xc)
    last = full[step_list[-1]]
    state = np.select(
        [last["dead"], last["ultra_rare"], last["dense"]], ["dead", "ultra-rare", "dense"], "live"
    )
    index = density.index
    return Trajectory(
        steps=tuple(step_list),
        density=density,
        features=full,
        dying=pd.Series(dying, index=index, name="dying"),
        slope=pd.Series(slope, index=index, name="slope"),
        final_state=pd.Series(state, index=index, name="final_state"),
        n_tokens=n_tokens,
        ultra_rare_density=ultra_rare_density,
    )


def _with_flags(table: pd.DataFrame, n_tokens: int, threshold: float) -> pd.DataFrame:
    """``table`` with ``dead`` / ``ultra_rare`` / ``dense`` / ``log10_density`` where missing."""
    out = table.copy()
    d = out["density"].to_numpy(np.float64)
    if "dead" not in out:
        out["dead"] = d == 0
    if "ultra_rare" not in out:
        out["ultra_rare"] = (d > 0) & (d < threshold)
    if "dense" not in out:
        out["dense"] = d > DENSE_DENSITY
    if "log10_density" not in out:
        with np.errstate(divide="ignore"):
            out["log10_density"] = np.log10(d)
    return out


def _last_half(steps: list[int]) -> slice:
    """The checkpoints of the last half of training, with the one at or before its start."""
    half = steps[-1] / 2
    before = [i for i, s in enumerate(steps) if s <= half]
    start = before[-1] if before else 0
    return slice(min(start, len(steps) - 2), len(steps))
