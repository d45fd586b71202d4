"""Bookkeeping on the device: the torch statistics equal the numpy ones (run on CPU tensors)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting import _pass
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._device import DeviceAccumulator


def test_device_accumulator_equals_numpy_with_ties():
    rng = np.random.default_rng(0)
    d_sae, k = 40, 5
    ref = FeatureAccumulator.empty(d_sae, k)
    dev = DeviceAccumulator(d_sae, k, torch.device("cpu"))
    for b in range(6):
        n = 300
        feat = rng.integers(0, d_sae, n)
        val = rng.choice([0.5, 1.0, 2.0, 1e-5, 3e5], n).astype(np.float32)  # ties, both ends
        val[: n // 2] = rng.exponential(1.0, n // 2).astype(np.float32)
        tok = np.sort(rng.integers(0, 50, n)) + 50 * b
        ref.update(feat, val, tok)
        dev.update(torch.from_numpy(feat), torch.from_numpy(val), torch.from_numpy(tok))
    dev.update(torch.zeros(0, dtype=torch.long), torch.zeros(0), torch.zeros(0, dtype=torch.long))
    got = dev.to_host()
    for key in ("count", "max", "hist", "top_val", "top_tok"):
        np.testing.assert_array_equal(getattr(got, key), getattr(ref, key), err_msg=key)
    np.testing.assert_allclose(got.total, ref.total, rtol=1e-12)
    assert (got.top_tok[:, 0] >= 0).all() and ref.hist[:, 0].sum() > 0 and ref.hist[:, -1].sum() > 0


@pytest.mark.parametrize("arch", ["standard", "topk"])
def test_harvest_through_device_path_equals_host_path(model, sae_dirs, tmp_path, monkeypatch, arch):
    lens = sw.Lens(model, sae_dirs[arch])
    toks = torch.randint(2, 250, (10, 24), generator=torch.Generator().manual_seed(5))
    toks[:, 0] = lens.bos_token_id  # left out of the statistics on both paths
    kw = {"batch_size": 3, "top_k": 6, "progress": False}
    host = sw.harvest(lens, toks, out=tmp_path / "host", **kw)
    monkeypatch.setattr(_pass, "DEVICE_TYPES", ("cuda", "cpu"))
    seen = []
    update = DeviceAccumulator.update
    monkeypatch.setattr(
        DeviceAccumulator, "update", lambda self, *a: seen.append(1) or update(self, *a)
    )
    dev = sw.harvest(lens, toks, out=tmp_path / "dev", **kw)
    assert len(seen) == 4  # the torch statistics ran, once per batch
    for key in ("count", "max", "hist", "top_val", "top_tok"):
        np.testing.assert_array_equal(dev.accumulators[key], host.accumulators[key])
    np.testing.assert_allclose(dev.accumulators["total"], host.accumulators["total"], rtol=1e-12)
    for name in ("tok_nnz", "tok_feature", "tok_value", "feat_token", "feat_value"):
        a = (dev.path / "record" / f"{name}.bin").read_bytes()
        assert a == (host.path / "record" / f"{name}.bin").read_bytes(), name
