"""NumPy arrays as binary widget traits: ``{data: memoryview, dtype, shape}`` on the wire.

ipywidgets sends every ``memoryview``/``bytes`` inside a trait value as a binary comm buffer, so
arrays never become JSON lists. ``js/src/lib/codec.ts`` decodes them into typed arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import traitlets

#: dtypes JavaScript has typed arrays for; float64 and int64 are narrowed on the way out.
WIRE_DTYPES = ("float32", "float64", "int8", "int16", "int32", "uint8", "uint16", "uint32")


def to_wire_array(array: np.ndarray) -> np.ndarray:
    """Return ``array`` as a C-contiguous little-endian array of a dtype JavaScript can read.

    float64 becomes float32, bool becomes uint8 and int64/uint64 become int32 when every value fits
    (``ValueError`` otherwise).
    """
    arr = np.asarray(array)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.uint8)
    elif arr.dtype in (np.float64, np.float16):
        arr = arr.astype(np.float32)
    elif arr.dtype in (np.int64, np.uint64):
        info = np.iinfo(np.int32)
        if arr.size and (arr.min() < info.min or arr.max() > info.max):
            raise ValueError(f"{arr.dtype} values outside the int32 range cannot be sent to JS")
        arr = arr.astype(np.int32)
    if arr.dtype.name not in WIRE_DTYPES:
        raise ValueError(
            f"arrays of dtype {arr.dtype} cannot be sent to JS; use one of {WIRE_DTYPES}"
        )
    return np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))


def array_to_json(array: np.ndarray | None, widget: object = None) -> dict[str, Any] | None:
    """Serialise an array (already validated by :class:`NDArray`) for the comm."""
    if array is None:
        return None
    arr = to_wire_array(array)
    return {"data": memoryview(arr.tobytes()), "dtype": arr.dtype.name, "shape": list(arr.shape)}


def array_from_json(value: dict[str, Any] | None, widget: object = None) -> np.ndarray | None:
    """Deserialise ``{data, dtype, shape}`` sent from JS back into an array (a copy)."""
    if value is None:
        return None
    dtype = np.dtype(value["dtype"]).newbyteorder("<")
    return np.frombuffer(bytes(value["data"]), dtype=dtype).reshape(value["shape"]).copy()


ARRAY_SERIALIZERS = {"to_json": array_to_json, "from_json": array_from_json}


class NDArray(traitlets.TraitType[np.ndarray | None, Any]):
    """A NumPy array trait with a fixed number of dimensions, stored in a wire dtype."""

    default_value = None
    info_text = "a numpy array"

    def __init__(self, ndim: int, *, finite: bool = True, **kwargs: Any) -> None:
        """``finite=False`` lets float data hold NaN and infinities (missing values)."""
        self.ndim, self.finite = ndim, finite
        kwargs.setdefault("allow_none", False)
        super().__init__(**kwargs)
        self.tag(sync=True, **ARRAY_SERIALIZERS)

    def validate(self, obj: Any, value: Any) -> np.ndarray | None:
        """Accept array-likes of the right rank; reject NaN/inf in float data (if ``finite``)."""
        if value is None and self.allow_none:
            return value
        try:
            arr = np.array(to_wire_array(np.asarray(value)), copy=True)
        except (TypeError, ValueError) as exc:
            raise traitlets.TraitError(f"{self.name}: {exc}") from exc
        if arr.ndim != self.ndim:
            raise traitlets.TraitError(
                f"{self.name} must be a {self.ndim}-D array, got shape {tuple(arr.shape)}"
            )
        if self.finite and arr.dtype.kind == "f" and not np.isfinite(arr).all():
            raise traitlets.TraitError(f"{self.name} contains NaN or infinite values")
        arr.flags.writeable = False
        return arr


BufferPath = list[str | int]


def extract_buffers(value: Any) -> tuple[Any, list[BufferPath], list[memoryview]]:
    """Split binary leaves (``memoryview``/``bytes``) out of a JSON-like value.

    Returns a copy of ``value`` with each binary leaf replaced by ``None``, the path (keys and list
    indices) of each leaf and the leaves themselves; ``putBuffers`` in ``codec.ts`` undoes it.
    """
    paths: list[BufferPath] = []
    buffers: list[memoryview] = []

    def walk(node: Any, path: BufferPath) -> Any:
        if isinstance(node, memoryview | bytes | bytearray):
            paths.append(path)
            buffers.append(memoryview(node))
            return None
        if isinstance(node, dict):
            return {k: walk(v, [*path, k]) for k, v in node.items()}
        if isinstance(node, list | tuple):
            return [walk(v, [*path, i]) for i, v in enumerate(node)]
        return node

    return walk(value, []), paths, buffers
