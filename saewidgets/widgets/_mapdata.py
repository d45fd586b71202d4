"""The FeatureMap's arrays (ids, coords, colour, flags) of a per-feature table, for views that
draw maps of their own (CompareView, TrajectoryView) as plain arrays rather than widgets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from saewidgets.widgets._columns import AXES, DEAD, DENSE, ULTRA_RARE
from saewidgets.widgets._featuremap import map_frame


def map_arrays(features: pd.DataFrame, colour: str = "enc_bias") -> dict[str, np.ndarray]:
    """``ids`` int32 [n], ``coords`` float32 [n, 3] (AXES; density 0 for dead features),
    ``colour`` float32 [n] (column ``colour``) and ``flags`` uint8 [n] (DEAD/ULTRA_RARE/DENSE)."""
    frame = map_frame(features)
    dead = frame["dead"].to_numpy(bool)
    coords = frame[list(AXES)].to_numpy(np.float64, copy=True)
    coords[dead, 0] = 0.0
    flags = dead * DEAD
    for bit, col in ((ULTRA_RARE, "ultra_rare"), (DENSE, "dense")):
        if col in frame:
            flags |= frame[col].to_numpy(bool) * bit
    return {
        "ids": frame.index.to_numpy(np.int32),
        "coords": coords.astype(np.float32),
        "colour": frame[colour].to_numpy(np.float32),
        "flags": flags.astype(np.uint8),
    }


def wire(arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """The arrays as ``{data, dtype, shape}`` wire dicts (binary buffers on the comm)."""
    from saewidgets.widgets._codecs import array_to_json

    return {k: array_to_json(v) for k, v in arrays.items()}
