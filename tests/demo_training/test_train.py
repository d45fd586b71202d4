"""The demo SAE trainer, its saved format and its metrics, on small synthetic data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from demo_training.evaluate import ce_loss_recovered, reconstruction_metrics
from demo_training.train import DemoSAE, TrainConfig, save_sae, train_sae

from tests.helpers import saelens_reconstruction


def sparse_data(n: int = 8192, d_in: int = 24, n_features: int = 48, seed: int = 0) -> np.ndarray:
    """Tokens that are sums of 3 of ``n_features`` random directions, at a scale of ~100."""
    gen = torch.Generator().manual_seed(seed)
    directions = torch.randn(n_features, d_in, generator=gen)
    directions /= directions.norm(dim=1, keepdim=True)
    active = torch.rand(n, n_features, generator=gen).argsort(dim=1)[:, :3]
    coefs = torch.zeros(n, n_features).scatter_(1, active, 1 + torch.rand(n, 3, generator=gen))
    return (100 * coefs @ directions).numpy().astype(np.float16)


@pytest.mark.parametrize("kind", ["topk", "relu"])
def test_training_recovers_sparse_structure(kind: str) -> None:
    torch.set_num_threads(2)
    data = sparse_data()
    overrides = {"d_sae": 64, "batch_size": 256, "epochs": 8, "bf16": False}
    if kind == "topk":
        cfg = TrainConfig.for_kind("topk", k=4, aux_k=16, dead_tokens=4096, **overrides)
    else:
        cfg = TrainConfig.for_kind("relu", l1_coef=0.3, lr=3e-3, **overrides)
    sae = train_sae(data, cfg)
    metrics = reconstruction_metrics(sae, sparse_data(seed=0)[:4096])
    assert metrics["explained_variance"] > 0.8
    assert metrics["l0"] <= (4 if kind == "topk" else 24)  # 3 true features per token
    assert 0 <= sae.dead_last_epoch < 0.5


@pytest.mark.parametrize("k", [5, None])
def test_saved_sae_reads_raw_activations(k: int | None, tmp_path: Path) -> None:
    torch.manual_seed(0)
    sae = DemoSAE(d_in=24, d_sae=64, k=k, scale=0.05)
    with torch.no_grad():
        sae.b_enc.normal_(0, 0.1)
        sae.b_dec.normal_(0, 0.5)
    x = torch.randn(32, 24) * 20
    with torch.no_grad():
        expected = sae(x * sae.scale)[0] / sae.scale
    cfg = TrainConfig.for_kind("topk" if k else "relu", d_sae=64, k=k or 32)
    save_sae(
        sae,
        tmp_path,
        model_name="m",
        hook_name="blocks.3.hook_resid_post",
        context_size=128,
        dataset_path="d",
        train_cfg=cfg,
    )
    saved = saelens_reconstruction(tmp_path, x)
    assert torch.allclose(saved, expected, rtol=2e-2, atol=2e-2 * expected.abs().mean().item())
    meta = json.loads((tmp_path / "cfg.json").read_text())["metadata"]
    assert meta["hook_layer"] == 3 and meta["train_config"]["d_sae"] == 64


def test_reconstruction_metrics_match_direct_computation() -> None:
    torch.manual_seed(1)
    sae = DemoSAE(d_in=8, d_sae=16, k=3, scale=0.5).eval()
    acts = (torch.randn(300, 8) * 4).numpy()
    metrics = reconstruction_metrics(sae, acts, batch_size=64)
    x = torch.from_numpy(acts)
    with torch.no_grad():
        recon, latents, _ = sae(x * 0.5)
    recon = recon / 0.5
    fired = (latents > 0).sum(0)
    assert metrics["l0"] == pytest.approx((latents > 0).sum(1).float().mean().item(), abs=0.01)
    ev = 1 - (recon - x).pow(2).sum() / (x - x.mean(0)).pow(2).sum()
    assert metrics["explained_variance"] == pytest.approx(ev.item(), abs=1e-3)
    assert metrics["dead_fraction"] == pytest.approx((fired == 0).float().mean().item(), abs=1e-4)
    assert metrics["eval_tokens"] == 300


def test_ce_loss_recovered_against_direct_forward_passes(model) -> None:
    hook = "blocks.0.hook_resid_post"
    tokens = torch.randint(1, model.cfg.d_vocab, (6, 12))
    tokens[:, 0] = 0
    sae = DemoSAE(d_in=model.cfg.d_model, d_sae=64, k=8, scale=1.0).eval()
    result = ce_loss_recovered(sae, model, hook, tokens.numpy(), batch_size=4)

    def replace(acts: torch.Tensor, hook: object, by: torch.Tensor | None) -> torch.Tensor:
        flat = acts[:, 1:].reshape(-1, acts.shape[-1])
        new = sae(flat)[0] if by is None else by.expand_as(flat)
        acts[:, 1:] = new.reshape(acts[:, 1:].shape)
        return acts

    with torch.no_grad():
        clean = model(tokens, return_type="loss").item()
        spliced = model.run_with_hooks(
            tokens, return_type="loss", fwd_hooks=[(hook, lambda a, hook: replace(a, hook, None))]
        ).item()
        zero = model.run_with_hooks(
            tokens,
            return_type="loss",
            fwd_hooks=[(hook, lambda a, hook: replace(a, hook, torch.zeros(1)))],
        ).item()
    assert result["ce_clean"] == pytest.approx(clean, abs=1e-3)
    assert result["ce_spliced"] == pytest.approx(spliced, abs=1e-3)
    assert result["ce_zero_ablated"] == pytest.approx(zero, abs=1e-3)
    expected = (zero - spliced) / (zero - clean)
    assert result["ce_loss_recovered"] == pytest.approx(expected, abs=2e-3)
    assert result["ce_tokens"] == 6 * 11
