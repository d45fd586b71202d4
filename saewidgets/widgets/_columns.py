"""Per-feature columns as the widgets show them: one schema (name, label, help, number format,
whether it can be an axis) sent to the front end as data, the map's default axes and flag bits.

A numeric column of a features table that the schema does not know is shown too, under its own
name: it appears in the card's header numbers, the map's hover and colour menu and the static
figures without any change to the front end.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

#: The three axes of the ultra-low-density view (seed 002), the map's default.
AXES = ("log10_density", "enc_bias", "de_projection")
#: Bits of the map's ``flags`` array.
DEAD, ULTRA_RARE, DENSE, NO_COLOUR = 1, 2, 4, 8
#: Number formats the front end knows (``js/src/lib/format.ts``, ``formatColumn``).
FORMATS = ("float", "percent", "int")


@dataclass(frozen=True)
class Column:
    """How one per-feature column is shown."""

    name: str
    """Column name in the features table."""
    label: str
    """Short name shown in headers, hovers and menus."""
    help: str = ""
    """One sentence saying what the number is (shown on hover)."""
    format: str = "float"
    """One of FORMATS: "float" (3 significant digits), "percent" (a fraction), "int"."""
    axis: bool = True
    """Whether the map may use it as an axis or colour."""
    card: bool = True
    """Whether the card shows it among its header numbers."""

    def to_json(self) -> dict[str, Any]:
        """The column as the front end reads it."""
        return asdict(self)


#: The columns of ``FeatureStore.features`` (and the map's extras), in display order.
KNOWN = (
    Column("density", "density", "fraction of harvested tokens on which the feature fires",
           "percent"),
    Column("count", "count", "number of harvested tokens on which the feature fires", "int"),
    Column("max_act", "max act", "largest activation seen"),
    Column("mean_act", "mean act", "mean of the non-zero activations"),
    Column("enc_bias", "enc bias", "encoder bias of the feature"),
    Column("de_projection", "D/E projection",
           "cosine between the feature's encoder column and decoder row"),
    Column("log10_density", "log10 density",
           "log10 of the density (dead features have none)", card=False),
    Column("enc_norm", "enc norm", "norm of the feature's encoder column"),
    Column("dec_norm", "dec norm", "norm of the feature's decoder row"),
    Column("threshold", "threshold", "JumpReLU threshold of the feature"),
    Column("out_norm", "output norm",
           "norm of the feature's logit weights centred over the vocabulary (direct path)",
           card=False),
)  # fmt: skip
_BY_NAME = {c.name: c for c in KNOWN}


def column(name: str) -> Column:
    """The schema entry of ``name`` (a plain float column under its own name if unknown)."""
    return _BY_NAME.get(name, Column(name, name.replace("_", " ")))


def numeric_columns(frame: pd.DataFrame) -> list[Column]:
    """The schema of ``frame``'s numeric (not boolean) columns: known ones in display order,
    then the others in the frame's order."""
    numeric = [
        str(c)
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]
    known = [c for c in KNOWN if c.name in numeric]
    return known + [column(c) for c in numeric if c not in _BY_NAME]


def status_flags(frame: pd.DataFrame) -> np.ndarray:
    """uint8 [n]: the DEAD, ULTRA_RARE and DENSE bits of ``frame``'s flag columns."""
    flags = frame["dead"].to_numpy(bool) * DEAD
    for bit, col in ((ULTRA_RARE, "ultra_rare"), (DENSE, "dense")):
        if col in frame:
            flags |= frame[col].to_numpy(bool) * bit
    return flags.astype(np.uint8)


def table(frame: pd.DataFrame, columns: list[Column]) -> np.ndarray:
    """float32 [n, k]: ``columns`` of ``frame`` (NaN and infinities kept)."""
    return frame[[c.name for c in columns]].to_numpy(np.float32, copy=True).reshape(len(frame), -1)


def three_digits(values: np.ndarray) -> np.ndarray:
    """float32 ``values`` rounded to 3 significant digits, then to 11 mantissa bits (relative
    error below 2.5e-4: each still formats as the 3 digits of the original value, and its low
    12 bits are zero, so it compresses); zero, NaN and infinities kept."""
    x = np.asarray(values, np.float64)
    ok = np.isfinite(x) & (x != 0)
    scale = np.ones_like(x)
    scale[ok] = 10.0 ** (2 - np.floor(np.log10(np.abs(x[ok]))))
    rounded = np.where(ok, np.round(x * scale) / scale, x).astype(np.float32)
    bits = rounded.view(np.uint32)
    low = np.isfinite(rounded) & (np.abs(rounded) < np.float32(3e38))
    bits[low] = (bits[low] + np.uint32(0x800)) & np.uint32(0xFFFFF000)
    return rounded
