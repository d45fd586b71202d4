"""The FeatureMap's data (ids, column schema, table, flags) of a per-feature table, for views
that draw maps of their own (CompareView, TrajectoryView) as plain data rather than widgets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from saewidgets.widgets._codecs import array_to_json
from saewidgets.widgets._columns import numeric_columns, status_flags, table
from saewidgets.widgets._featuremap import map_frame

#: The axes of the maps these views draw: log10 density x D/E projection (colour: enc bias).
MAP_AXES = ["log10_density", "de_projection"]


def map_data(features: pd.DataFrame) -> dict[str, Any]:
    """``ids`` int32 [n], ``columns`` (the schema of every numeric column), ``table`` float32
    [n, k] and ``flags`` uint8 [n] (DEAD / ULTRA_RARE / DENSE bits), as FeatureMap sends them."""
    frame = map_frame(features)
    schema = numeric_columns(frame)
    return {
        "ids": frame.index.to_numpy(np.int32),
        "columns": [c.to_json() for c in schema],
        "table": table(frame, schema),
        "flags": status_flags(frame),
    }


def wire(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with its arrays as ``{data, dtype, shape}`` wire dicts (binary on the comm)."""
    return {k: array_to_json(v) if isinstance(v, np.ndarray) else v for k, v in data.items()}
