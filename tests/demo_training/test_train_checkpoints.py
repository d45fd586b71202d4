"""Checkpoints of the demo trainer and the cluster preset, on small synthetic data."""

from __future__ import annotations

import json

import numpy as np
import torch
from demo_training.evaluate import cluster_metrics, feature_counts
from demo_training.train import TrainConfig, log_spaced_steps, save_sae, train_sae
from safetensors.torch import load_file

from tests.demo_training.test_train import sparse_data


def test_log_spaced_steps():
    steps = log_spaced_steps(6400, 7)
    assert steps[0] == 100 and steps[-1] == 6400 and len(steps) == 7
    ratios = np.diff(np.log(steps))
    np.testing.assert_allclose(ratios, ratios[0], rtol=0.02)
    assert log_spaced_steps(10, 0) == []


def test_cluster_preset_saves_checkpoints(tmp_path):
    torch.set_num_threads(2)
    data = sparse_data(n=4096)
    cfg = TrainConfig.cluster(d_sae=32, batch_size=128, epochs=2, bf16=False, l1_coef=0.3)
    assert cfg.kind == "relu" and cfg.unit_norm_decoder and cfg.checkpoints == 7
    seen: dict[int, np.ndarray] = {}

    def keep(step, sae):
        norms = sae.W_dec.detach().norm(dim=1)
        torch.testing.assert_close(norms, torch.ones_like(norms))  # unit-norm decoder rows
        seen[step] = feature_counts(sae, data[:1024])
        save_sae(
            sae,
            tmp_path / f"step_{step}",
            model_name="m",
            hook_name="blocks.0.hook_resid_post",
            context_size=8,
            dataset_path="synthetic",
            train_cfg=cfg,
        )

    sae = train_sae(data, cfg, on_checkpoint=keep)
    assert sorted(seen) == log_spaced_steps(64, 7)
    last = max(seen)
    cfg_json = json.loads((tmp_path / f"step_{last}" / "cfg.json").read_text())
    assert cfg_json["architecture"] == "standard" and cfg_json["d_sae"] == 32
    saved = load_file(str(tmp_path / f"step_{last}" / "sae_weights.safetensors"))
    torch.testing.assert_close(saved["b_enc"].float(), sae.b_enc.detach().half().float())
    # feature_counts against a dense recomputation
    x = torch.from_numpy(data[:1024].astype(np.float32)) * sae.scale
    dense = (torch.relu(x @ sae.W_enc + sae.b_enc) > 0).sum(0).numpy()
    np.testing.assert_array_equal(seen[last], dense)
    m = cluster_metrics(sae, seen[last], 1024)
    assert m["live_features"] + m["dead_features"] == 32
    assert m["ultra_rare_features"] == 0  # 1/1024 > 1e-5: nothing can be ultra-rare here


def test_cluster_script_writes_sae_trajectory_and_metrics(tmp_path):
    """scripts/train_demo_saes.py's cluster path on synthetic activations (no model needed)."""
    import argparse
    import importlib.util
    from pathlib import Path

    import pandas as pd

    path = Path(__file__).resolve().parents[2] / "scripts" / "train_demo_saes.py"
    spec = importlib.util.spec_from_file_location("train_demo_saes", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    torch.set_num_threads(2)
    args = argparse.Namespace(
        epochs=2,
        device="cpu",
        d_sae=48,
        context=128,
        out=tmp_path / "out",
        fp32=True,
        hook="blocks.1.hook_resid_post",
        trajectory_rows=8,  # checkpoints measured on the first 8 x 127 held-out tokens
    )
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "METRICS.md").write_text("# Demo SAE metrics\n\n| a | b |\n")
    script.train_cluster(args, sparse_data(n=8192), sparse_data(n=2048, seed=1), tmp_path / "w")
    folder = tmp_path / "out" / "relu-cluster"
    long = pd.read_parquet(folder / "trajectory.parquet")
    steps = sorted(long["step"].unique())
    assert steps == log_spaced_steps(16, 7) and len(long) == 48 * len(steps)
    metrics = json.loads((folder / "metrics.json").read_text())
    assert metrics["cluster_eval_tokens"] == 2048 and metrics["checkpoint_steps"] == steps
    assert metrics["trajectory_eval_tokens"] == 8 * 127
    text = (tmp_path / "out" / "METRICS.md").read_text()
    assert text.startswith("# Demo SAE metrics") and "ultra-low density cluster" in text
    assert (tmp_path / "w" / "cluster_checkpoints" / f"step_{steps[-1]:06d}" / "cfg.json").is_file()
    from saewidgets.analysis._trajectory import trajectory_from_tables

    tables = {s: p.set_index("feature") for s, p in long.groupby("step")}
    traj = trajectory_from_tables(tables, 8 * 127)
    np.testing.assert_allclose(
        traj.density[steps[-1]].to_numpy() * 8 * 127,
        np.round(traj.density[steps[-1]].to_numpy() * 8 * 127),
    )
