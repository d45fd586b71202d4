"""Distributed harvest: 2 gloo ranks under torchrun on CPU equal the single-process harvest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting._distributed import layout

ROOT = Path(__file__).resolve().parents[2]
ARGS = {"n_tokens": 2500, "batch_size": 3, "top_k": 8}


def torchrun(setup: dict, tmp: Path, nproc: int = 2) -> subprocess.CompletedProcess:
    """Run dist_worker.py on ``nproc`` gloo ranks; returns the finished torchrun process."""
    path = tmp / f"setup-{len(list(tmp.glob('setup-*')))}.json"
    path.write_text(json.dumps(setup))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    env.pop("CUDA_VISIBLE_DEVICES", None)
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone"]
    cmd += [f"--nproc-per-node={nproc}", str(Path(__file__).with_name("dist_worker.py")), str(path)]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def ran(model, tokenizer, sae_dirs, texts, tmp_path_factory):
    """One torchrun of 2 ranks: a good harvest, then one whose rank 1 fails on its 2nd batch."""
    tmp = tmp_path_factory.mktemp("dist")
    torch.save(model.state_dict(), tmp / "model.pt")
    (tmp / "counts").mkdir()
    runs = [
        {"harvest": {**ARGS, "out": str(tmp / "out" / "store")}},
        {"harvest": {**ARGS, "out": str(tmp / "failed" / "store")}, "fail_rank": 1},
        {"harvest": {**ARGS, "out": str(tmp / "mixed" / "store")}, "rank_data": True},
    ]
    setup = {
        "tokenizer": tokenizer.name_or_path,
        "model_state": str(tmp / "model.pt"),
        "sae": str(sae_dirs["topk"]),
        "texts": texts,
        "counts": str(tmp / "counts"),
        "runs": runs,
    }
    done = torchrun(setup, tmp)
    assert done.returncode == 0, done.stderr[-4000:]

    def result(run: int, rank: int) -> dict:
        return json.loads((tmp / "counts" / f"{run}-rank-{rank}.json").read_text())

    return runs, result


def test_layout_interleaves_blocks():
    assert layout(10, 3, 2) == [(0, 3), (1, 3), (0, 3), (1, 1)]
    assert layout(2, 3, 4) == [(0, 2)]


@pytest.mark.slow
def test_two_gloo_ranks_equal_single_process(ran, model, sae_dirs, texts, tmp_path):
    runs, result = ran
    out = Path(runs[0]["harvest"]["out"])
    dist = sw.FeatureStore.open(out)
    lens = sw.Lens(model, sae_dirs["topk"])
    single = sw.harvest(lens, texts, out=tmp_path / "single", progress=False, **ARGS)

    # each rank ran only its share: blocks of 3 sequences in turn, together every token once
    counts = [result(0, r) for r in (0, 1)]
    lens_of = np.diff(single.seq_offsets)
    blocks = [lens_of[s : s + 3].sum() for s in range(0, len(lens_of), 3)]
    assert [c["tokens"] for c in counts] == [sum(blocks[0::2]), sum(blocks[1::2])]
    assert all(c["store"] == str(out.resolve()) for c in counts)
    assert sum(c["tokens"] for c in counts) == single.n_tokens == 2500
    assert dist.n_tokens == single.n_tokens and dist.meta.n_seq == single.meta.n_seq
    assert dist.meta.dataset_fingerprint == single.meta.dataset_fingerprint
    np.testing.assert_array_equal(dist.tokens, single.tokens)
    np.testing.assert_array_equal(dist.seq_offsets, single.seq_offsets)
    for key in ("count", "max", "hist", "top_val", "top_tok"):
        np.testing.assert_array_equal(dist.accumulators[key], single.accumulators[key])
    np.testing.assert_allclose(dist.accumulators["total"], single.accumulators["total"], rtol=1e-12)
    exact = ["count", "max_act", "dead", "ultra_rare", "dense", "enc_norm", "dec_norm"]
    np.testing.assert_array_equal(dist.features[exact], single.features[exact])
    np.testing.assert_allclose(dist.features["mean_act"], single.features["mean_act"], rtol=1e-12)
    assert dist.record.nnz == single.record.nnz > 0
    for f in range(dist.d_sae):
        for x, y in zip(dist.record.feature(f), single.record.feature(f), strict=True):
            np.testing.assert_array_equal(x, y)
    busy = int(single.features["count"].idxmax())
    for a, b in (
        (dist.top_examples(busy), single.top_examples(busy)),
        (dist.quantile_examples(busy), single.quantile_examples(busy)),
    ):
        assert len(a) > 0
        assert a.drop(columns="acts").equals(b.drop(columns="acts"))
    np.testing.assert_array_equal(dist.histogram(busy).counts, single.histogram(busy).counts)
    assert [p.name for p in out.parent.iterdir()] == ["store"]


@pytest.mark.slow
def test_failing_rank_fails_the_run_and_leaves_no_store(ran):
    runs, result = ran
    assert result(1, 1) == {"error": "DataError: injected failure on rank 1"}
    assert result(1, 0)["error"].startswith(
        "DistributedError: The distributed harvest failed on rank 1 of 2: "
        "DataError: injected failure on rank 1."
    )
    out = Path(runs[1]["harvest"]["out"])
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


@pytest.mark.slow
def test_ranks_given_different_data_refuse_to_merge(ran):
    """Same number of sequences on every rank, other tokens: a merge would mix two datasets."""
    runs, result = ran
    for rank in (0, 1):
        assert "read different data" in result(2, rank)["error"]
    out = Path(runs[2]["harvest"]["out"])
    assert not out.exists() and list(out.parent.iterdir()) == []  # no store, no shard folder
