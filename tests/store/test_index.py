"""The feature-major index of a record against a dense reference, through both write paths
(whole runs per feature, and scattered entries) and chunk boundaries inside tokens' entries."""

from __future__ import annotations

import numpy as np
import pytest

from saewidgets.store import _record
from saewidgets.store._record import Record, RecordWriter, build_feature_index


@pytest.mark.parametrize("run_writes", [0, 10**9])  # always runs / always scattered
@pytest.mark.parametrize("chunk", [37, 1 << 22])
def test_feature_index_equals_dense_reference(tmp_path, monkeypatch, run_writes, chunk):
    monkeypatch.setattr(_record, "RUN_WRITES", run_writes)
    monkeypatch.setattr(_record, "CHUNK", chunk)
    rng = np.random.default_rng(chunk + run_writes % 7)
    d_sae, n_tokens = 50, 700
    dense = np.where(rng.random((n_tokens, d_sae)) < 0.15, rng.random((n_tokens, d_sae)), 0)
    dense = dense.astype(np.float32)
    dense[100:140] = 0  # tokens with no entries
    dense[:, 7] = 0  # a dead feature
    writer = RecordWriter(tmp_path / "record")
    for start in range(0, n_tokens, 128):
        rows, feat = np.nonzero(dense[start : start + 128])
        writer.add(len(dense[start : start + 128]), rows, feat, dense[start + rows, feat])
    writer.close()
    build_feature_index(tmp_path / "record", d_sae)
    record = Record(tmp_path / "record", d_sae)
    assert record.nnz == np.count_nonzero(dense)
    for f in range(d_sae):
        tok, val = record.feature(f)
        want = np.nonzero(dense[:, f])[0]
        np.testing.assert_array_equal(tok, want)
        np.testing.assert_array_equal(val, dense[want, f])
