from __future__ import annotations

import numpy as np
import pytest
import traitlets

from saewidgets.widgets._codecs import (
    WIRE_DTYPES,
    NDArray,
    array_from_json,
    array_to_json,
    extract_buffers,
)


@pytest.mark.parametrize("dtype", WIRE_DTYPES)
def test_round_trip_keeps_values_shape_and_dtype(dtype: str) -> None:
    arr = (np.arange(12) % 7).astype(dtype).reshape(3, 4)
    wire = array_to_json(arr)
    assert isinstance(wire["data"], memoryview)
    expected_dtype = "float32" if dtype == "float64" else dtype
    assert wire["dtype"] == expected_dtype and wire["shape"] == [3, 4]
    back = array_from_json(wire)
    np.testing.assert_array_equal(back, arr)
    assert back.dtype == np.dtype(expected_dtype)


def test_narrowing_and_byte_order() -> None:
    assert array_to_json(np.array([True, False]))["dtype"] == "uint8"
    assert array_to_json(np.array([1, 2], dtype=np.int64))["dtype"] == "int32"
    big = np.array([1.5, -2.0], dtype=">f4")
    assert bytes(array_to_json(big)["data"]) == np.array([1.5, -2.0], "<f4").tobytes()
    with pytest.raises(ValueError, match="int32 range"):
        array_to_json(np.array([2**40]))
    with pytest.raises(ValueError, match="cannot be sent"):
        array_to_json(np.array([1j]))


class _Holder(traitlets.HasTraits):
    grid = NDArray(ndim=2, allow_none=True)


def test_ndarray_trait_validates_rank_and_finiteness() -> None:
    holder = _Holder()
    source = np.ones((2, 3), np.float32)
    holder.grid = source
    assert source.flags.writeable, "validation must not freeze the caller's array"
    assert not holder.grid.flags.writeable
    with pytest.raises(traitlets.TraitError, match="2-D"):
        holder.grid = np.ones(3)
    with pytest.raises(traitlets.TraitError, match="NaN"):
        holder.grid = np.array([[np.nan]])
    holder.grid = None
    assert array_to_json(None) is None and array_from_json(None) is None


def test_extract_buffers_replaces_leaves_and_records_paths() -> None:
    value = {"a": {"data": memoryview(b"xy"), "n": 1}, "b": [b"z", 2], "c": "s"}
    stripped, paths, buffers = extract_buffers(value)
    assert stripped == {"a": {"data": None, "n": 1}, "b": [None, 2], "c": "s"}
    assert paths == [["a", "data"], ["b", 0]]
    assert [bytes(b) for b in buffers] == [b"xy", b"z"]
