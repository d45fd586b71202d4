"""The two SAEs shipped in the package: SAELens's on-disk format, and their recorded metrics."""

from __future__ import annotations

import json

import pytest
import torch
from safetensors.torch import load_file

from saewidgets._errors import SAEConfigError
from saewidgets.demo import DEMO_HOOK, DEMO_MODEL_NAME, demo_sae_path


@pytest.mark.parametrize("kind", ["topk", "relu"])
def test_shipped_sae_has_saelens_layout(kind: str) -> None:
    folder = demo_sae_path(kind)
    cfg = json.loads((folder / "cfg.json").read_text())
    assert cfg["architecture"] == {"topk": "topk", "relu": "standard"}[kind]
    assert (cfg["d_in"], cfg["d_sae"]) == (576, 4096)
    assert cfg["apply_b_dec_to_input"] is (kind == "topk")
    assert cfg["normalize_activations"] == "none" and cfg["reshape_activations"] == "none"
    assert cfg["dtype"] == "float16" and cfg["device"] == "cpu"
    if kind == "topk":
        assert cfg["k"] == 32
    meta = cfg["metadata"]
    assert meta["hook_name"] == DEMO_HOOK and meta["model_name"] == DEMO_MODEL_NAME
    assert meta["hook_layer"] == int(DEMO_HOOK.split(".")[1]) and meta["hook_head_index"] is None
    assert meta["prepend_bos"] is True and meta["context_size"] == 128
    weights = load_file(str(folder / "sae_weights.safetensors"))
    shapes = {name: tuple(t.shape) for name, t in weights.items()}
    assert shapes == {"W_enc": (576, 4096), "W_dec": (4096, 576), "b_enc": (4096,), "b_dec": (576,)}
    assert all(t.dtype == torch.float16 and torch.isfinite(t).all() for t in weights.values())
    assert (folder / "sae_weights.safetensors").stat().st_size < 10_000_000


def test_metrics_are_recorded_next_to_the_weights() -> None:
    folder = demo_sae_path("topk").parent
    metrics = json.loads((folder / "metrics.json").read_text())
    assert set(metrics) == {"topk", "relu"}
    for values in metrics.values():
        assert values["train_tokens"] >= 800_000 and values["train_tokens"] % 127 == 0
        assert 0 < values["l0"] < 4096 and 0 < values["explained_variance"] <= 1
        assert 0 < values["ce_loss_recovered"] <= 1.05 and 0 <= values["dead_fraction"] <= 1
    assert metrics["topk"]["l0"] == pytest.approx(32, abs=0.5)
    assert "CE loss recovered" in (folder / "METRICS.md").read_text()


def test_unknown_kind_names_the_choices() -> None:
    with pytest.raises(SAEConfigError, match="'topk', 'relu'"):
        demo_sae_path("jumprelu")


@pytest.mark.parametrize("kind", ["topk", "relu"])
def test_saelens_loads_and_runs_the_shipped_sae(kind: str) -> None:
    from sae_lens import SAE

    from tests.helpers import saelens_reconstruction

    folder = demo_sae_path(kind)
    sae = SAE.load_from_disk(folder, dtype="float32")
    assert sae.cfg.metadata.hook_name == DEMO_HOOK and sae.cfg.d_sae == 4096
    x = torch.randn(8, 576, generator=torch.Generator().manual_seed(0)) * 5
    with torch.no_grad():
        ours = saelens_reconstruction(folder, x)
        theirs = sae.decode(sae.encode(x))
    torch.testing.assert_close(theirs, ours, rtol=1e-4, atol=1e-4)


def test_shipped_cluster_sae_matches_its_trajectory() -> None:
    """The cluster ReLU SAE (seed 002) ships with the densities, encoder biases and D/E
    projections measured at its checkpoints; the last checkpoint's are the shipped weights'."""
    import numpy as np

    from saewidgets.demo._dynamics import demo_trajectory

    folder = demo_sae_path("relu-cluster")
    cfg = json.loads((folder / "cfg.json").read_text())
    assert cfg["architecture"] == "standard" and (cfg["d_in"], cfg["d_sae"]) == (576, 4096)
    metrics = json.loads((folder / "metrics.json").read_text())
    assert metrics["cluster_eval_tokens"] >= 1_000_000
    traj = demo_trajectory()
    assert traj is not None and list(traj.steps) == metrics["checkpoint_steps"]
    assert traj.n_tokens == metrics["trajectory_eval_tokens"]
    last = traj.features[traj.steps[-1]]
    w = {k: v.double() for k, v in load_file(str(folder / "sae_weights.safetensors")).items()}
    cos = (w["W_enc"].T * w["W_dec"]).sum(1) / (w["W_enc"].norm(dim=0) * w["W_dec"].norm(dim=1))
    np.testing.assert_allclose(last["enc_bias"], w["b_enc"].numpy(), atol=5e-3)
    np.testing.assert_allclose(last["de_projection"], cos.numpy(), atol=5e-3)
    counts = traj.density.to_numpy() * traj.n_tokens
    np.testing.assert_allclose(counts, counts.round(), atol=1e-6)
    section = (folder.parent / "METRICS.md").read_text().split("ultra-low density cluster")[1]
    assert f"| ultra_rare_features | {metrics['ultra_rare_features']} |" in section
