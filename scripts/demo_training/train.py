"""A short SAE trainer for the demo SAEs: TopK with the AuxK loss, and ReLU with an L1 penalty.

- TopK follows Gao et al. 2024 ("Scaling and evaluating sparse autoencoders"): encoder on
  ``x - b_dec``, the k largest pre-activations kept, unit-norm decoder rows, and an auxiliary
  loss in which the ``aux_k`` largest *dead* latents (not fired in the last ``dead_tokens``
  tokens) reconstruct the main reconstruction's residual.
- ReLU follows Anthropic's April 2024 update: no pre-encoder bias, loss
  ``||x - x_hat||^2 + l1_coef * sum_i f_i ||W_dec_i||``, the L1 coefficient warmed up over the first
  5% of steps, the learning rate decayed over the last 20%, gradient norm clipped to 1.

- The "cluster" preset (``TrainConfig.cluster()``) is a ReLU SAE in the style of Towards
  Monosemanticity instead: unit-norm decoder rows, plain L1, no L1 warm-up, a higher learning
  rate; it lets features die slowly, which is what seed 002's ultra-low density cluster is made of.

Checkpoints: ``train_sae(..., on_checkpoint=f)`` calls ``f(step, sae)`` at ``cfg.checkpoints``
log-spaced steps (the last one is the final step).

Inputs are scaled by one constant so that E||x|| = sqrt(d_in) while training; ``save_sae`` folds the
constant back into the weights, so the saved SAE takes raw activations ("normalize_activations":
"none").
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters of one demo SAE run."""

    kind: str
    d_sae: int = 4096
    batch_size: int = 1024
    lr: float = 1e-3
    epochs: int = 1
    k: int = 32
    aux_k: int = 256
    aux_coef: float = 1 / 32
    dead_tokens: int = 250_000
    l1_coef: float = 10.0
    device: str = "cpu"
    bf16: bool = True  # bf16 autocast for the matmuls (AMX / tensor cores); weights stay fp32
    seed: int = 0
    unit_norm_decoder: bool = False  # ReLU: decoder rows kept at norm 1 (TopK always is)
    l1_warmup: float = 0.05  # ReLU: fraction of steps over which the L1 coefficient ramps up
    checkpoints: int = 0  # log-spaced checkpoint steps handed to ``on_checkpoint``

    @classmethod
    def for_kind(cls, kind: str, **overrides: object) -> TrainConfig:
        """The settings used for the shipped SAE of this kind."""
        if kind == "topk":
            return cls(kind="topk", **overrides)  # type: ignore[arg-type]
        if kind == "relu":
            return cls(**{"kind": "relu", "lr": 5e-4, **overrides})  # type: ignore[arg-type]
        raise ValueError(f"unknown SAE kind {kind!r}; use 'topk' or 'relu'")

    @classmethod
    def cluster(cls, **overrides: object) -> TrainConfig:
        """The ReLU/L1 settings aimed at seed 002's ultra-low density cluster (see module doc)."""
        base: dict[str, object] = {
            "kind": "relu",
            "lr": 1e-3,
            "l1_coef": 5.0,
            "unit_norm_decoder": True,
            "l1_warmup": 0.01,
            "checkpoints": 7,
        }
        return cls(**{**base, **overrides})  # type: ignore[arg-type]


def log_spaced_steps(total: int, n: int) -> list[int]:
    """``n`` (or fewer, when they collide) log-spaced steps from ~total/64 up to ``total``."""
    if n <= 0:
        return []
    first = max(1, total // 64)
    return sorted({int(round(s)) for s in np.geomspace(first, total, n)})


class DemoSAE(nn.Module):
    """SAE on inputs scaled by ``scale``: TopK (``k`` set) or ReLU (``k`` None)."""

    def __init__(
        self, d_in: int, d_sae: int, k: int | None, scale: float, unit_norm: bool = False
    ) -> None:
        super().__init__()
        directions = torch.randn(d_sae, d_in)
        directions /= directions.norm(dim=1, keepdim=True)
        if k is None and not unit_norm:
            directions *= 0.1  # Anthropic's initial decoder norm; the L1 term is norm-weighted
        self.W_dec = nn.Parameter(directions)
        self.W_enc = nn.Parameter(directions.T.clone())
        self.b_enc = nn.Parameter(torch.zeros(d_sae))
        self.b_dec = nn.Parameter(torch.zeros(d_in))
        self.k = k
        self.scale = scale
        self.dead_last_epoch = float("nan")  # set by train_sae: never fired in the last epoch

    def pre_acts(self, x: torch.Tensor) -> torch.Tensor:
        """Encoder pre-activations [batch, d_sae] of scaled inputs [batch, d_in]."""
        if self.k is not None:
            x = x - self.b_dec
        return x @ self.W_enc + self.b_enc

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(reconstruction, latents, pre-activations) of scaled inputs."""
        pre = self.pre_acts(x)
        if self.k is None:
            acts = torch.relu(pre)
        else:
            values, indices = pre.topk(self.k, dim=-1)
            acts = torch.zeros_like(pre).scatter_(-1, indices, torch.relu(values))
        return acts @ self.W_dec + self.b_dec, acts, pre


def input_scale(acts: np.ndarray, n_sample: int = 100_000) -> float:
    """The constant that makes the mean activation norm sqrt(d_in)."""
    sample = torch.from_numpy(np.asarray(acts[:: max(1, len(acts) // n_sample)], np.float32))
    return math.sqrt(acts.shape[1]) / sample.norm(dim=1).mean().item()


def _aux_loss(
    sae: DemoSAE, pre: torch.Tensor, residual: torch.Tensor, dead: torch.Tensor, aux_k: int
) -> torch.Tensor:
    """Normalised error of the residual's reconstruction by the top ``aux_k`` dead latents."""
    masked = pre.masked_fill(~dead, float("-inf"))
    values, indices = masked.topk(min(aux_k, int(dead.sum())), dim=-1)
    recon = torch.einsum("bk,bkd->bd", torch.relu(values), sae.W_dec[indices])
    return (recon - residual).pow(2).sum() / (residual - residual.mean(0)).pow(2).sum()


def _loss(
    sae: DemoSAE,
    cfg: TrainConfig,
    x: torch.Tensor,
    out: tuple[torch.Tensor, torch.Tensor, torch.Tensor],
    since_fired: torch.Tensor,
    frac: float,
) -> torch.Tensor:
    """The step's loss at ``frac`` of training: TopK's normalised MSE plus AuxK over the dead
    latents, or ReLU's MSE plus the norm-weighted L1 (warmed up)."""
    recon, latents, pre = out
    if cfg.kind == "topk":
        loss = (recon - x).pow(2).sum() / (x - x.mean(0)).pow(2).sum()
        dead = since_fired > cfg.dead_tokens
        if dead.any():
            residual = (x - recon).detach()
            loss = loss + cfg.aux_coef * _aux_loss(sae, pre, residual, dead, cfg.aux_k)
        return loss
    l1 = (latents * sae.W_dec.norm(dim=1)).sum(-1).mean()
    mse = (recon - x).pow(2).sum(-1).mean()
    warm = min(1.0, frac / cfg.l1_warmup) if cfg.l1_warmup > 0 else 1.0
    return mse + cfg.l1_coef * warm * l1


def _update(sae: DemoSAE, cfg: TrainConfig, opt: torch.optim.Optimizer, loss: torch.Tensor) -> None:
    """One optimiser step (ReLU: gradient norm clipped to 1); unit-norm decoder rows kept so."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    if cfg.kind == "relu":
        nn.utils.clip_grad_norm_(sae.parameters(), 1.0)
    opt.step()
    if cfg.kind == "topk" or cfg.unit_norm_decoder:
        with torch.no_grad():
            sae.W_dec.div_(sae.W_dec.norm(dim=1, keepdim=True))


def train_sae(
    acts: np.ndarray,
    cfg: TrainConfig,
    on_checkpoint: Callable[[int, DemoSAE], None] | None = None,
) -> DemoSAE:
    """Train one SAE over ``acts`` (raw activations [n_tokens, d_in]) for ``cfg.epochs`` epochs;
    ``on_checkpoint(step, sae)`` runs at ``cfg.checkpoints`` log-spaced steps."""
    gen = torch.Generator().manual_seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    data = torch.from_numpy(np.asarray(acts))  # fp16 in memory, cast batch by batch
    scale = input_scale(acts)
    k = cfg.k if cfg.kind == "topk" else None
    sae = DemoSAE(data.shape[1], cfg.d_sae, k, scale, cfg.unit_norm_decoder)
    if cfg.kind == "topk":
        with torch.no_grad():
            sae.b_dec.copy_(data[:: max(1, len(data) // 100_000)].float().mean(0) * scale)
    sae.to(cfg.device)
    opt = torch.optim.Adam(sae.parameters(), lr=cfg.lr, betas=(0.9, 0.999))
    steps_per_epoch = len(data) // cfg.batch_size
    total = steps_per_epoch * cfg.epochs
    checkpoint_at = set(log_spaced_steps(total, cfg.checkpoints))
    since_fired = torch.zeros(cfg.d_sae, dtype=torch.long, device=cfg.device)
    bar = tqdm(total=total, desc=f"train {cfg.kind} SAE", unit="step")
    step = 0
    for _ in range(cfg.epochs):
        fired_this_epoch = torch.zeros(cfg.d_sae, dtype=torch.bool, device=cfg.device)
        order = torch.randperm(len(data), generator=gen)
        for i in range(steps_per_epoch):
            x = data[order[i * cfg.batch_size : (i + 1) * cfg.batch_size]]
            x = x.to(cfg.device, torch.float32) * scale
            with torch.autocast(torch.device(cfg.device).type, torch.bfloat16, enabled=cfg.bf16):
                recon, latents, pre = sae(x)
            recon, pre = recon.float(), pre.float()
            fired = (latents > 0).any(0)
            fired_this_epoch |= fired
            since_fired = torch.where(fired, 0, since_fired + len(x))
            frac = step / total
            for group in opt.param_groups:
                group["lr"] = cfg.lr * min(1.0, (1 - frac) / 0.2)
            loss = _loss(sae, cfg, x, (recon, latents, pre), since_fired, frac)
            _update(sae, cfg, opt, loss)
            step += 1
            if on_checkpoint is not None and step in checkpoint_at:
                on_checkpoint(step, sae)
            bar.update()
            if step % 50 == 0:
                l0 = (latents > 0).float().sum(-1).mean().item()
                dead_frac = (since_fired > cfg.dead_tokens).float().mean().item()
                bar.set_postfix(loss=f"{loss.item():.4f}", l0=f"{l0:.1f}", dead=f"{dead_frac:.3f}")
    bar.close()
    sae.dead_last_epoch = (~fired_this_epoch).float().mean().item()
    return sae.cpu().eval()


def save_sae(
    sae: DemoSAE,
    folder: Path,
    *,
    model_name: str,
    hook_name: str,
    context_size: int,
    dataset_path: str,
    train_cfg: TrainConfig,
) -> None:
    """Write ``cfg.json`` and fp16 ``sae_weights.safetensors`` in SAELens's on-disk layout.

    The input scale is folded into the weights, so the saved SAE reads raw activations.
    """
    from safetensors.torch import save_file

    s = sae.scale
    weights = {
        "W_enc": sae.W_enc.detach() * s,
        "b_enc": sae.b_enc.detach(),
        "W_dec": sae.W_dec.detach() / s,
        "b_dec": sae.b_dec.detach() / s,
    }
    d_in, d_sae = weights["W_enc"].shape
    cfg: dict[str, object] = {
        "architecture": "topk" if sae.k is not None else "standard",
        "d_in": d_in,
        "d_sae": d_sae,
        "dtype": "float16",
        "device": "cpu",
        "apply_b_dec_to_input": sae.k is not None,
        "normalize_activations": "none",
        "reshape_activations": "none",
        "metadata": {
            "model_name": model_name,
            "hook_name": hook_name,
            "hook_layer": int(hook_name.split(".")[1]),
            "hook_head_index": None,
            "prepend_bos": True,
            "context_size": context_size,
            "dataset_path": dataset_path,
            "exclude_special_tokens": [0],
            "sae_lens_version": "6.0.0",
            "sae_lens_training_version": None,
            "trained_with": "scripts/demo_training/train.py",
            "train_config": asdict(train_cfg),
        },
    }
    if sae.k is not None:
        cfg["k"] = sae.k
    folder.mkdir(parents=True, exist_ok=True)
    save_file(
        {name: t.to(torch.float16).contiguous() for name, t in weights.items()},
        str(folder / "sae_weights.safetensors"),
    )
    (folder / "cfg.json").write_text(json.dumps(cfg, indent=2) + "\n")
