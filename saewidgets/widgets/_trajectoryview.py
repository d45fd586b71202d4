"""TrajectoryView: feature densities over training checkpoints, and the map at a chosen step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import traitlets

from saewidgets._checks import instance_arg, int_list
from saewidgets.widgets._base import SaeWidget, bundle
from saewidgets.widgets._codecs import NDArray
from saewidgets.widgets._mapdata import map_data, wire

if TYPE_CHECKING:
    from saewidgets.analysis._trajectory import Trajectory

#: Final-state codes of ``state`` (and the line colours' order in the view).
STATES = ("dead", "ultra-rare", "live", "dense")
#: Lines drawn when no selection is given and no feature is dying.
DEFAULT_LINES = 50


class TrajectoryView(SaeWidget):
    """Log10-density lines over checkpoints for a selection of features (default: the dying
    set), coloured by final state; and the density x bias x D/E map at any chosen step, whose
    brush selects the lines shown."""

    _esm = bundle("trajectoryview")

    steps = traitlets.List(traitlets.Int()).tag(sync=True)
    """The checkpoints' training steps (ascending)."""

    ids = NDArray(ndim=1, default_value=np.zeros(0, np.int32))
    """int32 [n]: feature ids."""

    log_density = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [n, n_steps]: log10 density; densities of 0 sit at ``floor``."""

    floor = traitlets.Float(-7.0).tag(sync=True)
    """log10 of half the resolution, 1 / (2 n_tokens): where a density of 0 is drawn."""

    threshold = traitlets.Float(-5.0).tag(sync=True)
    """log10 of the ultra-rare threshold (a dashed line)."""

    state = NDArray(ndim=1, default_value=np.zeros(0, np.uint8))
    """uint8 [n]: final state, an index into ``STATES`` (dead, ultra-rare, live, dense)."""

    dying = NDArray(ndim=1, default_value=np.zeros(0, np.uint8))
    """uint8 [n]: 1 for features the Trajectory calls dying."""

    maps = traitlets.List(traitlets.Dict()).tag(sync=True, to_json=lambda v, w: v)
    """Per step, the map's data (ids, columns, table, flags; arrays as wire arrays)."""

    has_maps = traitlets.Bool(False).tag(sync=True)
    """Whether the per-step tables had encoder bias and D/E projection (else no map)."""

    step_index = traitlets.Int(0).tag(sync=True)
    """Index into ``steps`` of the map shown."""

    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    """Ids of the features drawn as lines (a brush in the map sets it)."""

    def __init__(self, trajectory: Trajectory, selected: Sequence[int] | None = None) -> None:
        from saewidgets.analysis._trajectory import Trajectory

        t = instance_arg(trajectory, Trajectory, "trajectory", "make one with sw.trajectory()")
        d = t.density.to_numpy(np.float64)
        floor = np.log10(1 / (2 * t.n_tokens))
        logd = np.log10(np.maximum(d, 10**floor))
        codes = t.final_state.map({s: i for i, s in enumerate(STATES)}).to_numpy(np.uint8)
        if selected is not None:
            selected = int_list(selected, "selected", 0, len(t.density) - 1)
        else:
            chosen = t.dying[t.dying].index
            if len(chosen) == 0:
                live = t.final_state != "dead"
                chosen = t.slope[live].sort_values().index[:DEFAULT_LINES]
            selected = [int(i) for i in chosen]
        axes_known = all({"enc_bias", "de_projection"} <= set(f) for f in t.features.values())
        maps = [wire(map_data(t.features[s])) for s in t.steps] if axes_known else []
        super().__init__(
            steps=list(t.steps),
            ids=t.density.index.to_numpy(np.int32),
            log_density=logd.astype(np.float32),
            floor=float(floor),
            threshold=float(np.log10(t.ultra_rare_density)),
            state=codes,
            dying=t.dying.to_numpy(np.uint8),
            maps=maps,
            has_maps=axes_known,
            step_index=len(t.steps) - 1,
            selected=selected,
        )
        self.trajectory = t
        """The Trajectory shown."""

    def _summary(self) -> str:
        n, steps = len(np.asarray(self.ids)), self.steps
        span = f"steps {steps[0]:,}–{steps[-1]:,}" if steps else "no steps"
        return (
            f"TrajectoryView — {n:,} features over {len(steps):,} checkpoints ({span}); "
            f"{int(np.asarray(self.dying).sum()):,} dying; {len(self.selected):,} drawn"
        )

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box, text_table

        state = np.asarray(self.state)
        counts = [[s, f"{int((state == i).sum()):,}"] for i, s in enumerate(STATES)]
        return box(
            "TrajectoryView", self._summary(), text_table([["final state", "features"], *counts])
        )
