"""FeatureMap: every SAE feature as a point on log density x encoder bias x D/E projection."""

from __future__ import annotations

import gzip
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import traitlets

from saewidgets._errors import ArgumentError, DataError
from saewidgets.annotations._annotations import STATUSES
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._codecs import NDArray, array_to_json
from saewidgets.widgets._columns import (
    AXES,
    DEAD,
    DENSE,
    NO_COLOUR,
    ULTRA_RARE,
    Column,
    numeric_columns,
    status_flags,
    table,
    three_digits,
)

if TYPE_CHECKING:
    import altair as alt

#: The three coordinates of every feature (seed 002's "ultra-low density cluster" view).
#: The linked panels shown when no x/y pair is chosen: pairs of indices into AXES.
ALL_PANELS = [[0, 1], [0, 2], [1, 2]]
_FLAG_NAMES = (("dead", DEAD), ("ultra-rare", ULTRA_RARE), ("dense", DENSE))


def map_frame(data: Any, axes: Sequence[str] = AXES) -> pd.DataFrame:
    """The per-feature table of a FeatureStore, or a DataFrame, checked for the map's ``axes``.

    A DataFrame may give ``density`` instead of ``log10_density``; ``dead`` defaults to
    "log10_density is not finite" (NaN; -inf in older stores); the index is the feature ids.
    """
    frame = data.features if hasattr(data, "features") else data
    if not isinstance(frame, pd.DataFrame):
        raise DataError(
            f"FeatureMap needs a FeatureStore or a DataFrame, got {type(data).__name__}"
        )
    frame = frame.copy()
    if "log10_density" not in frame and "density" in frame:
        with np.errstate(divide="ignore"):
            frame["log10_density"] = np.log10(frame["density"].to_numpy(float))
    missing = [c for c in axes if c not in frame]
    if missing:
        raise DataError(f"FeatureMap needs columns {list(axes)}; missing {missing}")
    numeric = {c.name for c in numeric_columns(frame)}
    if not set(axes) <= numeric:
        raise DataError(f"the map's axes must be numeric columns; {sorted(set(axes) - numeric)}")
    if "dead" not in frame:
        if "log10_density" not in frame:
            raise DataError("FeatureMap needs a 'dead', 'density' or 'log10_density' column")
        frame["dead"] = ~np.isfinite(frame["log10_density"].to_numpy(float))
    others = [a for a in axes if a != "log10_density"]
    bad = ~np.isfinite(frame[others].to_numpy(float)).all(axis=1)
    if "log10_density" in axes:
        ld = frame["log10_density"].to_numpy(float)
        bad |= ~np.isfinite(ld) & ~frame["dead"].to_numpy(bool)
        bad |= np.isposinf(ld) | (np.isnan(ld) & ~frame["dead"].to_numpy(bool))
    if bad.any():
        raise DataError(f"features {frame.index[bad][:10].tolist()} have NaN/inf coordinates")
    return frame


#: Columns a standalone export leaves out when they follow from ``count`` and the token count
#: (``derivable_density``); ``js/src/featuremap/data.ts`` (``expandDerived``) computes them.
DERIVED = ("density", "log10_density")


def derivable_density(table: np.ndarray, names: list[str], n_tokens: int | None) -> bool:
    """Whether ``table``'s density columns are exactly float32(count / n_tokens) and
    float32(log10(count / n_tokens)) (NaN where count is 0), as the front end recomputes them."""
    cols = {n: table[:, i].astype(np.float64) for i, n in enumerate(names)}
    present = [n for n in DERIVED if n in cols]
    if n_tokens is None or n_tokens < 1 or "count" not in cols or not present:
        return False
    count = cols["count"]
    with np.errstate(divide="ignore", invalid="ignore"):
        density = count / n_tokens
        expect = {
            "density": density,
            "log10_density": np.where(count > 0, np.log10(density), np.nan),
        }
    return all(
        np.array_equal(expect[n].astype(np.float32), cols[n].astype(np.float32), equal_nan=True)
        for n in present
    )


def token_count(data: Any, frame: pd.DataFrame) -> int | None:
    """The harvest's token count: a store's, else count / density of the most frequent feature."""
    if isinstance(getattr(data, "n_tokens", None), int):
        return int(data.n_tokens)
    if "count" not in frame or "density" not in frame:
        return None
    count, density = frame["count"].to_numpy(float), frame["density"].to_numpy(float)
    if not len(count) or not np.isfinite(count).all():
        return None
    at = int(np.argmax(count))
    if not (count[at] > 0 and density[at] > 0):
        return None
    return round(float(count[at] / density[at]))


def _status_codes(annotations: Any, data: Any, index: pd.Index) -> np.ndarray:
    """Each feature's annotation status as its index in STATUSES (NaN when not annotated)."""
    if annotations is None or not hasattr(data, "sae_id"):
        raise DataError('color="status" needs a FeatureStore and an Annotations object')
    table = annotations.to_dataframe(data)
    codes = table["status"].map({s: float(i) for i, s in enumerate(STATUSES)})
    return codes.reindex(index).to_numpy(float)


SCORES = ("detection", "fuzz")


def _score_values(annotations: Any, data: Any, index: pd.Index, method: str) -> np.ndarray:
    """Each feature's best ``method`` score of an LLM explanation (NaN when not scored)."""
    if annotations is None or not hasattr(data, "sae_id"):
        raise DataError(
            f'color="{method}" needs a FeatureStore and the Annotations that sw.score(..., '
            "annotations=ann) stored the scores in"
        )
    best = annotations.explanations(data).groupby("feature")[method].max()
    return best.reindex(index).to_numpy(float)


def _status_column() -> Column:
    codes = ", ".join(f"{i} {s}" for i, s in enumerate(STATUSES))
    return Column("status", "status", f"annotation status: {codes}", "int", card=False)


def _colour_values(frame: pd.DataFrame, color: Any) -> np.ndarray:
    try:
        values = np.asarray(color, dtype=float)
    except (TypeError, ValueError) as exc:
        raise DataError(f"color must be numbers, one per feature ({exc}).") from exc
    if values.shape != (len(frame),):
        raise DataError(f"color has shape {values.shape}; expected one value per feature")
    if np.isinf(values).any() or np.isnan(values).all():
        raise DataError(
            "color holds inf values, or only NaN: pass finite numbers (NaN marks a feature "
            "without a value)."
        )
    return values


def _labels(annotations: Any, data: Any) -> dict[str, str]:
    if annotations is None:
        return {}
    if isinstance(annotations, Mapping):
        return {str(int(k)): str(v) for k, v in annotations.items()}
    if not hasattr(data, "sae_id"):
        raise DataError("Annotations need a FeatureStore to key on; pass a {feature: label} dict")
    return {str(k): str(v) for k, v in annotations.labels(data).items()}


class FeatureMap(SaeWidget):
    """Every feature as a point (log10 density, encoder bias, D/E projection, or any ``x`` and
    ``y`` numeric columns): zoom, hover (every column), colour by any column (or, with
    ``annotations``, by ``"status"`` or by the best ``"detection"`` / ``"fuzz"`` score of an LLM
    explanation), brush to select (``selected``), click (``clicked``); dead features counted
    apart."""

    _esm = bundle("featuremap")

    ids = NDArray(ndim=1, default_value=np.zeros(0, np.int32))
    """int32 [n]: the feature id of each point."""

    columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    """The schema of ``table``'s columns (``_columns.Column.to_json``): name, label, help,
    format, axis; the hover shows them all and the colour menu lists those with ``axis``."""

    table = NDArray(ndim=2, finite=False, default_value=np.zeros((0, 0), np.float32)).tag(
        sync=False
    )
    """float32 [n, k]: every numeric per-feature column (NaN and infinities kept), exact; the
    view gets ``wire`` and asks for a hovered feature's exact row (``row``)."""

    wire = traitlets.Dict().tag(sync=True)
    """``table`` as the view reads it (see ``_wire``): gzip ``data`` of ``shape`` [k', n]
    float32, ``derived`` columns left out, hover-only columns at 3 significant digits."""

    flags = NDArray(ndim=1, default_value=np.zeros(0, np.uint8))
    """uint8 [n]: bits DEAD=1, ULTRA_RARE=2, DENSE=4, NO_COLOUR=8 (colour value not finite)."""

    axes = traitlets.List(traitlets.Unicode(), list(AXES)).tag(sync=True)
    """Names of the coordinate columns (columns of ``table``) the panels use."""

    panels = traitlets.List(traitlets.List(traitlets.Int()), ALL_PANELS).tag(sync=True)
    """The panels shown, each an (x, y) pair of indices into ``axes``."""

    color_name = traitlets.Unicode("").tag(sync=True)
    """Name of the colour column (a column of ``table``; the view's colour menu changes it)."""

    labels = traitlets.Dict(key_trait=traitlets.Unicode(), value_trait=traitlets.Unicode()).tag(
        sync=True
    )
    """Human labels by feature id (keys are ids as strings), shown in the tooltip."""

    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    """Ids of the selected features (brush in the view, or set here to highlight them)."""

    clicked = traitlets.Int(None, allow_none=True).tag(sync=True)
    """Id of the feature last clicked in the view (None: none yet)."""

    def __init__(
        self,
        data: Any,
        color: str | Sequence[float] | np.ndarray | None = None,
        annotations: Any = None,
        *,
        x: str | None = None,
        y: str | None = None,
    ) -> None:
        if (x is None) != (y is None):
            raise ArgumentError("give both x and y (two numeric columns), or neither for 3 panels")
        axes, panels = list(AXES), ALL_PANELS
        if x is not None and y is not None:
            if x == y:
                raise ArgumentError(f"x and y must be two different columns, got {x} twice")
            axes, panels = [x, y], [[0, 1]]
            third = [a for a in AXES if a not in axes]
            color = (third[0] if third else "log10_density") if color is None else color
        frame = map_frame(data, axes)
        if isinstance(color, str) and color == "status" and "status" not in frame:
            frame["status"] = _status_codes(annotations, data, frame.index)
        elif isinstance(color, str) and color in SCORES and color not in frame:
            frame[color] = _score_values(annotations, data, frame.index, color)
        elif color is not None and not isinstance(color, str):
            frame["color"] = _colour_values(frame, color)
            color = "color"
        name = "log10_density" if color is None else str(color)
        if name not in frame:
            raise DataError(f"color={name!r} is not a column; choose one of {list(frame.columns)}")
        schema = [_status_column() if c.name == "status" else c for c in numeric_columns(frame)]
        if name not in [c.name for c in schema]:
            raise DataError(f"color={name!r} is not a numeric column")
        values = frame[name].to_numpy(float)
        flags = status_flags(frame) | ~np.isfinite(values) * NO_COLOUR
        super().__init__(
            ids=frame.index.to_numpy(np.int64),
            columns=[c.to_json() for c in schema],
            flags=flags.astype(np.uint8),
            axes=axes,
            panels=panels,
            color_name=name,
            labels=_labels(annotations, data),
        )
        self.table = table(frame, schema)
        self._frame = frame
        self._n_tokens = token_count(data, frame)
        self.wire = self._wire()

    @traitlets.validate("selected")
    def _valid_selected(self, proposal: dict[str, Any]) -> list[int]:
        chosen = list(dict.fromkeys(int(i) for i in proposal["value"]))
        unknown = sorted(set(chosen) - set(np.asarray(self.ids).tolist()))
        if unknown:
            raise traitlets.TraitError(f"selected has ids not on the map: {unknown[:10]}")
        return chosen

    @traitlets.observe("table", "axes", "columns")
    def _rewire(self, change: dict[str, Any]) -> None:
        if hasattr(self, "_n_tokens"):  # set last in __init__, which writes the first wire
            self.wire = self._wire()

    def _wire(self) -> dict[str, Any]:
        """``table`` as the view reads it: column by column ([k', n]), without the density
        columns that count gives exactly (``derived``), the columns that are neither axes nor
        integers at the 3 significant digits the hover shows, gzip-compressed over 4 byte
        planes; the points' positions, and so brushes, stay exact."""
        exact = set(self.axes)
        rounded = np.array(self.table, np.float32, copy=True)
        for c, col in enumerate(self.columns):
            if col["name"] not in exact and col["format"] != "int":
                rounded[:, c] = three_digits(rounded[:, c])
        names = [c["name"] for c in self.columns]
        n_tokens = self._n_tokens
        left_out = [n for n in names if n in DERIVED]
        if not derivable_density(np.asarray(self.table), names, n_tokens):
            n_tokens, left_out = 0, []
        keep = [i for i, name in enumerate(names) if name not in left_out]
        by_column = np.ascontiguousarray(rounded[:, keep].T)  # a column's values compress together
        planes = by_column.view(np.uint8).reshape(-1, 4).T.tobytes()
        return {
            "data": memoryview(gzip.compress(planes, compresslevel=1, mtime=0)),
            "codec": "gzip4",
            "shape": list(by_column.shape),
            "derived": {"n_tokens": n_tokens, "columns": left_out},
        }

    @request
    def row(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{"feature": id}`` -> its exact row of ``table`` (float32, every column), for the
        hover: the view holds most columns at 3 significant digits."""
        ids = np.asarray(self.ids)
        at = np.flatnonzero(ids == int(msg["feature"]))
        if len(at) == 0:
            raise DataError(f"feature {msg['feature']} is not on the map")
        row = np.asarray(self.table)[at[0]]
        return {"feature": int(msg["feature"]), "values": array_to_json(row)}

    @property
    def frame(self) -> pd.DataFrame:
        """The per-feature table the map was built from."""
        return self._frame

    def values(self, name: str) -> np.ndarray:
        """float32 [n]: column ``name`` of ``table``."""
        names = [c["name"] for c in self.columns]
        if name not in names:
            raise DataError(f"{name!r} is not a column of the map; choose one of {names}")
        return np.asarray(self.table)[:, names.index(name)]

    @property
    def coords(self) -> np.ndarray:
        """float32 [n, len(axes)]: the points' coordinates (log10 density 0 for dead ones)."""
        out = np.stack([self.values(a) for a in self.axes], axis=1)
        if "log10_density" in self.axes:
            dead = (np.asarray(self.flags) & DEAD) > 0
            out[dead, list(self.axes).index("log10_density")] = 0.0
        return out

    @property
    def colour(self) -> np.ndarray:
        """float32 [n]: the colour values (0 where ``flags`` has NO_COLOUR)."""
        values = self.values(self.color_name)
        return np.where(np.isfinite(values), values, 0.0).astype(np.float32)

    def ids_in_box(
        self, x: str, y: str, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> list[int]:
        """Ids of the live points with ``x`` in ``x_range`` and ``y`` in ``y_range`` (inclusive);
        dead features are not placed on the density axis, so they never fall in a box on it."""
        px, py = self.values(x), self.values(y)
        flags, ids = np.asarray(self.flags), np.asarray(self.ids)
        keep = (px >= x_range[0]) & (px <= x_range[1])
        keep &= (py >= y_range[0]) & (py <= y_range[1])
        if "log10_density" in (x, y):
            keep &= (flags & DEAD) == 0
        return ids[keep].astype(int).tolist()

    def _summary(self) -> str:
        flags = np.asarray(self.flags)
        counts = {name: int(((flags & bit) > 0).sum()) for name, bit in _FLAG_NAMES}
        parts = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        return f"FeatureMap — {len(flags):,} features ({parts}); axes {' × '.join(self.axes)}"

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box, fmt, note, scatter_svg

        pts, flags = np.asarray(self.coords, float), np.asarray(self.flags)
        live = (flags & DEAD) == 0
        names = [c["name"] for c in self.columns]
        colour = (
            np.asarray(self.values(self.color_name), float)
            if self.color_name in names
            else np.full(len(flags), np.nan)
        )
        shown = colour[live][np.isfinite(colour[live])]
        span = (float(shown.min()), float(shown.max())) if len(shown) else (0.0, 0.0)
        panels = "".join(
            scatter_svg(
                pts[live, x], pts[live, y], colour[live], (self.axes[x], self.axes[y]), span
            )
            for x, y in self.panels
        )
        scale = (
            f"blue {fmt(span[0])} (lowest) … white {fmt(sum(span) / 2)} … red {fmt(span[1])} "
            "(highest); grey: no value"
            if len(shown)
            else "no values (grey)"
        )
        return box(
            "FeatureMap",
            self._summary(),
            f'<div style="display:flex;flex-wrap:wrap;gap:8px">{panels}</div>',
            note(f"Live features; colour: {self.color_name}, {scale}."),
        )

    def to_altair(self, max_points: int = 5000) -> alt.Chart:
        """A static altair chart of the map (sampled past ``max_points``, said in the title)."""
        from saewidgets.widgets.export._figures import featuremap_chart

        return featuremap_chart(self, max_points)
