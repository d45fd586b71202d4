"""SAEs trained for a few steps by each trainer's own training loop on random activations, and
the trainer's own objects to compare against (SAELens ``SAETrainer``, dictionary_learning
``trainSAE``)."""

from __future__ import annotations

import importlib
import json
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch

from tests.saes import trainers as tr

BATCH = 64


def activations(seed: int) -> Iterator[torch.Tensor]:
    """Endless batches of random activations (offset so that ``b_dec`` matters)."""
    g = torch.Generator().manual_seed(seed)
    while True:
        yield torch.randn(BATCH, tr.D_IN, generator=g) * 2 + 0.5


def train_saelens(architecture: str, folder: Path, steps: int = 8, **cfg: Any) -> Any:
    """Train a SAELens training SAE with ``SAETrainer`` writing one checkpoint under
    ``folder``; returns the trained SAE (the checkpoint is the only sub-folder)."""
    from sae_lens.config import SAETrainerConfig
    from sae_lens.registry import get_sae_training_class
    from sae_lens.training.sae_trainer import SAETrainer

    sae_cls, cfg_cls = get_sae_training_class(architecture)
    torch.manual_seed(0)
    sae = sae_cls(cfg_cls(d_in=tr.D_IN, d_sae=tr.D_SAE, **cfg))
    trainer_cfg = SAETrainerConfig(
        total_training_samples=BATCH * steps,
        train_batch_size_samples=BATCH,
        lr=1e-2,
        lr_end=1e-2,
        n_checkpoints=1,
        checkpoint_path=str(folder),
        n_batches_for_norm_estimate=4,
    )
    return SAETrainer(trainer_cfg, sae, activations(seed=1)).fit()


def saelens_inference(checkpoint: Path, architecture: str, out: Path) -> Any:
    """SAELens's own inference SAE of a training checkpoint, as its trainer and runner make the
    final one: loaded as its training class, the ``activation_scaler.json`` factor folded in
    (``SAETrainer.fit``), saved with ``save_inference_model``, loaded by ``SAE.load_from_disk``.
    """
    from sae_lens import SAE
    from sae_lens.registry import get_sae_training_class

    sae_cls, _ = get_sae_training_class(architecture)
    sae = sae_cls.load_from_disk(checkpoint)
    scaler = checkpoint / "activation_scaler.json"
    factor = json.loads(scaler.read_text()).get("scaling_factor") if scaler.is_file() else None
    if factor is not None:
        sae.fold_activation_norm_scaling_factor(factor)
    sae.save_inference_model(out)
    return SAE.load_from_disk(out).eval()


def dictionary_learning_training() -> Any:
    """dictionary_learning's ``training`` and trainer modules. Its ``evaluation`` module imports
    nnsight, which ``trainSAE`` uses only when logging; it is stood in for by an empty module."""
    tr.dictionary_learning()
    if "dictionary_learning.evaluation" not in sys.modules:
        stub = types.ModuleType("dictionary_learning.evaluation")
        stub.evaluate = None  # type: ignore[attr-defined]
        sys.modules["dictionary_learning.evaluation"] = stub
    ns = types.SimpleNamespace()
    ns.training = importlib.import_module("dictionary_learning.training")
    ns.gdm = importlib.import_module("dictionary_learning.trainers.gdm")
    ns.matryoshka = importlib.import_module("dictionary_learning.trainers.matryoshka_batch_top_k")
    ns.dictionary = importlib.import_module("dictionary_learning.dictionary")
    return ns


#: the trainers run by ``train_dictionary_learning``, in order (``trainer_<i>``), and the class
#: each saves
DL_TRAINERS = ("GatedAutoEncoder", "MatryoshkaBatchTopKSAE")


def train_dictionary_learning(
    save_dir: Path, steps: int = 6, save_step: int = 3, data: Iterator[torch.Tensor] | None = None
) -> Any:
    """Run ``trainSAE`` with a Gated and a Matryoshka BatchTopK trainer on ``data`` (random
    activations by default), saving ``trainer_<i>/checkpoints/ae_<save_step>.pt`` and the final
    ``trainer_<i>/ae.pt``."""
    dl = dictionary_learning_training()
    common = dict(
        steps=steps,
        activation_dim=tr.D_IN,
        dict_size=tr.D_SAE,
        layer=0,
        lm_name="tiny-test",
        device="cpu",
        submodule_name="resid_post_layer_0",
        warmup_steps=1,
        seed=0,
    )
    configs = [
        dict(trainer=dl.gdm.GatedSAETrainer, lr=1e-2, sparsity_warmup_steps=1, **common),
        dict(
            trainer=dl.matryoshka.MatryoshkaBatchTopKTrainer,
            k=tr.K,
            group_fractions=[0.25, 0.75],
            threshold_start_step=1,
            **common,
        ),
    ]
    dl.training.trainSAE(
        activations(seed=2) if data is None else data,
        configs,
        steps=steps,
        save_steps=[save_step],
        save_dir=str(save_dir),
        device="cpu",
    )
    return dl


def dictionary_learning_class(dl: Any, name: str, file: Path) -> Any:
    """The trainer's own class loaded from ``file`` with its own ``from_pretrained``."""
    if name == "GatedAutoEncoder":
        return dl.dictionary.GatedAutoEncoder.from_pretrained(file).eval()
    return dl.matryoshka.MatryoshkaBatchTopKSAE.from_pretrained(file).eval()
