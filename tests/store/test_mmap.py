"""Memory-mapped safetensors arrays equal what safetensors itself reads, and are read-only."""

from __future__ import annotations

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from saewidgets.store._mmap import map_safetensors


def test_mapped_arrays_equal_safetensors_and_are_read_only(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {
        "a_bytes": rng.integers(0, 255, 7, dtype=np.uint8),  # leaves later arrays unaligned
        "b_float": rng.standard_normal((5, 3)).astype(np.float32),
        "c_long": rng.integers(-(2**40), 2**40, 4, dtype=np.int64),
        "d_half": rng.standard_normal(6).astype(np.float16),
        "e_empty": np.zeros((0, 4), np.float32),
        "f_double": rng.standard_normal((2, 2)),
    }
    path = tmp_path / "x.safetensors"
    save_file(arrays, str(path))
    got, want = map_safetensors(path), load_file(str(path))
    assert set(got) == set(want)
    for name, value in want.items():
        assert got[name].dtype == value.dtype and got[name].shape == value.shape
        np.testing.assert_array_equal(got[name], value)
    with pytest.raises(ValueError):
        got["b_float"][0, 0] = 1.0


def test_reading_a_store_needs_no_torch(small_store):
    """Opening a store and building a card's data import no torch (3 s on this machine)."""
    import subprocess
    import sys

    script = (
        "import sys, saewidgets as sw\n"
        "from saewidgets.widgets._carddata import CardService\n"
        f"store = sw.FeatureStore.open({str(small_store.path)!r})\n"
        "f = int(store.features['count'].idxmax())\n"
        "CardService(store).payload(f)\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"
