"""Read-only memory maps of the arrays in a safetensors file: opening a store reads no weights;
a FeatureCard touches only the pages of the rows it uses (a 131k-latent SAE's weights are
1.2 GB, and reading them whole took 4 s)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

_DTYPES = {
    "F64": np.float64,
    "F32": np.float32,
    "F16": np.float16,
    "I64": np.int64,
    "I32": np.int32,
    "I16": np.int16,
    "I8": np.int8,
    "U64": np.uint64,
    "U32": np.uint32,
    "U16": np.uint16,
    "U8": np.uint8,
    "BOOL": np.bool_,
}


def map_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every array of the safetensors file ``path`` as a read-only view of its bytes on disk
    (the file's header is assumed checked, as ``validate_store`` does when a store opens)."""
    with open(path, "rb") as fh:
        size = int.from_bytes(fh.read(8), "little")
        header = json.loads(fh.read(size))
    base = 8 + size
    arrays: dict[str, np.ndarray] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        start, end = spec["data_offsets"]
        shape = tuple(int(s) for s in spec["shape"])
        if end == start:
            arrays[name] = np.zeros(shape, dtype)
            continue
        mapped = np.memmap(path, dtype=dtype, mode="r", offset=base + start, shape=shape)
        arrays[name] = mapped.view(np.ndarray)
    return arrays
