"""Checkpoints written by each trainer's own code (or exactly as it writes them), and each
trainer's own encode to compare against."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import torch

D_IN, D_SAE, K = 32, 96, 6


def randomise(module: torch.nn.Module, seed: int, scale: float = 0.3) -> None:
    """Fill every parameter with seeded noise (trainers initialise biases to zero)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * scale)


def dictionary_learning() -> Any:
    """dictionary_learning's modules, imported without its package ``__init__`` (which needs
    nnsight); ``dictionary.py`` and the trainers import only torch and einops."""
    if "dictionary_learning.trainers.top_k" not in sys.modules:
        spec = importlib.util.find_spec("dictionary_learning")
        assert spec is not None and spec.submodule_search_locations, (
            "pip install dictionary-learning"
        )
        root = Path(next(iter(spec.submodule_search_locations)))
        for name, path in (
            ("dictionary_learning", root),
            ("dictionary_learning.trainers", root / "trainers"),
        ):
            pkg = types.ModuleType(name)
            pkg.__path__ = [str(path)]
            sys.modules[name] = pkg
    ns = types.SimpleNamespace()
    ns.dictionary = importlib.import_module("dictionary_learning.dictionary")
    ns.top_k = importlib.import_module("dictionary_learning.trainers.top_k")
    ns.batch_top_k = importlib.import_module("dictionary_learning.trainers.batch_top_k")
    ns.matryoshka = importlib.import_module("dictionary_learning.trainers.matryoshka_batch_top_k")
    return ns


def write_dictionary_learning(folder: Path, dict_class: str, seed: int) -> Any:
    """Save ``dict_class`` as dictionary_learning's training loop does: ``ae.pt`` holds
    ``ae.state_dict()`` and ``config.json`` the trainer config; returns the module."""
    dl = dictionary_learning()
    if dict_class == "AutoEncoder":
        ae = dl.dictionary.AutoEncoder(D_IN, D_SAE)
    elif dict_class == "JumpReluAutoEncoder":
        ae = dl.dictionary.JumpReluAutoEncoder(D_IN, D_SAE)
    elif dict_class == "AutoEncoderTopK":
        ae = dl.top_k.AutoEncoderTopK(D_IN, D_SAE, K)
    elif dict_class == "GatedAutoEncoder":
        ae = dl.dictionary.GatedAutoEncoder(D_IN, D_SAE)
    elif dict_class == "MatryoshkaBatchTopKSAE":
        ae = dl.matryoshka.MatryoshkaBatchTopKSAE(D_IN, D_SAE, K, [24, 72])
    else:
        ae = dl.batch_top_k.BatchTopKSAE(D_IN, D_SAE, K)
    randomise(ae, seed)
    if hasattr(ae, "threshold"):
        with torch.no_grad():
            ae.threshold.copy_(ae.threshold.abs() + 0.05)
    folder.mkdir(parents=True, exist_ok=True)
    torch.save(ae.state_dict(), folder / "ae.pt")
    trainer = {"dict_class": dict_class, "activation_dim": D_IN, "dict_size": D_SAE, "layer": 0}
    trainer |= {"lm_name": "tiny-test", "submodule_name": "resid_post_layer_0", "k": K}
    if dict_class == "MatryoshkaBatchTopKSAE":
        trainer["group_sizes"] = [24, 72]
    (folder / "config.json").write_text(json.dumps({"trainer": trainer}))
    return ae.eval()


def write_sparsify(
    folder: Path, seed: int, transcode: bool = False, activation: str = "topk"
) -> Any:
    """An eai-sparsify SparseCoder saved with its own ``save_to_disk``."""
    from sparsify import SparseCoder, SparseCoderConfig

    cfg = SparseCoderConfig(num_latents=D_SAE, k=K, transcode=transcode, activation=activation)
    coder = SparseCoder(D_IN, cfg)
    randomise(coder, seed)
    coder.save_to_disk(folder)
    return coder.eval()


def sparsify_encode(coder: Any, x: torch.Tensor) -> torch.Tensor:
    """sparsify's own encode, scattered to dense."""
    out = coder.encode(x)
    return torch.zeros(x.shape[0], D_SAE).scatter_(-1, out.top_indices, out.top_acts)


def write_openai(file: Path, seed: int, topk: bool) -> dict[str, Any]:
    """A state dict laid out as openai/sparse_autoencoder's ``Autoencoder.state_dict`` writes it
    (the package is not on PyPI): tensors, buffers, and the activation's name and state."""
    g = torch.Generator().manual_seed(seed)
    state: dict[str, Any] = {
        "pre_bias": torch.randn(D_IN, generator=g) * 0.3,
        "latent_bias": torch.randn(D_SAE, generator=g) * 0.3,
        "stats_last_nonzero": torch.zeros(D_SAE, dtype=torch.long),
        "latents_activation_frequency": torch.ones(D_SAE),
        "latents_mean_square": torch.zeros(D_SAE),
        "encoder.weight": torch.randn(D_SAE, D_IN, generator=g) * 0.3,
        "decoder.weight": torch.randn(D_IN, D_SAE, generator=g) * 0.3,
        "activation": "TopK" if topk else "ReLU",
        "activation_state_dict": {"k": K, "postact_fn": "ReLU"} if topk else {},
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, file)
    return state


def openai_encode(state: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """openai/sparse_autoencoder's encode in float64: LN first when TopK (as from_state_dict
    decides), ``encoder(x - pre_bias) + latent_bias``, then TopK→ReLU or ReLU."""
    f = {k: v.double().numpy() for k, v in state.items() if isinstance(v, torch.Tensor)}
    if state["activation"] == "TopK":
        x = x - x.mean(-1, keepdims=True)
        x = x / (x.std(-1, ddof=1, keepdims=True) + 1e-5)
    pre = (x - f["pre_bias"]) @ f["encoder.weight"].T + f["latent_bias"]
    if state["activation"] != "TopK":
        return np.maximum(pre, 0)
    out = np.zeros_like(pre)
    top = np.argsort(-pre, axis=-1, kind="stable")[:, :K]
    rows = np.arange(pre.shape[0])[:, None]
    out[rows, top] = np.maximum(pre[rows, top], 0)
    return out


def gemmascope_params(seed: int) -> dict[str, np.ndarray]:
    """Gemma Scope's ``params.npz`` arrays (W_enc [d_in, d_sae], threshold per feature)."""
    rng = np.random.default_rng(seed)
    return {
        "W_enc": (rng.standard_normal((D_IN, D_SAE)) * 0.3).astype(np.float32),
        "W_dec": (rng.standard_normal((D_SAE, D_IN)) * 0.3).astype(np.float32),
        "b_enc": (rng.standard_normal(D_SAE) * 0.3).astype(np.float32),
        "b_dec": (rng.standard_normal(D_IN) * 0.3).astype(np.float32),
        "threshold": rng.uniform(0.05, 0.6, D_SAE).astype(np.float32),
    }


def jumprelu_encode(p: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Gemma Scope's JumpReLU in float64: relu(pre) * (pre > threshold), no b_dec subtraction."""
    pre = x @ p["W_enc"].astype(np.float64) + p["b_enc"]
    return np.maximum(pre, 0) * (pre > p["threshold"])


def write_llamascope(folder: Path, seed: int, **hyper: Any) -> dict[str, Any]:
    """Llama Scope's layout: ``hyperparams.json`` + ``checkpoints/final.safetensors``, with
    decoder columns of norms far from 1 (lm-saes initialises them at ``init_decoder_norm``)."""
    from safetensors.torch import save_file

    g = torch.Generator().manual_seed(seed)
    state = {
        "encoder.weight": torch.randn(D_SAE, D_IN, generator=g) * 0.3,
        "encoder.bias": torch.randn(D_SAE, generator=g) * 0.3,
        "decoder.weight": torch.randn(D_IN, D_SAE, generator=g) * 0.1,
        "decoder.bias": torch.randn(D_IN, generator=g) * 0.3,
    }
    hyper = {
        "d_model": D_IN,
        "d_sae": D_SAE,
        "hook_point_in": "blocks.0.hook_resid_post",
        "hook_point_out": "blocks.0.hook_resid_post",
        "act_fn": "jumprelu",
        "jump_relu_threshold": 0.4,
        "use_decoder_bias": True,
        "apply_decoder_bias_to_pre_encoder": False,
        "sparsity_include_decoder_norm": True,
        "norm_activation": "dataset-wise",
        "dataset_average_activation_norm": {"in": 9.0, "out": 9.0},
        **hyper,
    }
    if not hyper["use_decoder_bias"]:
        del state["decoder.bias"]
    (folder / "checkpoints").mkdir(parents=True, exist_ok=True)
    save_file(state, str(folder / "checkpoints" / "final.safetensors"))
    (folder / "hyperparams.json").write_text(json.dumps(hyper))
    return {"state": state, "hyper": hyper}


def llamascope_inference(saved: dict[str, Any]) -> dict[str, np.ndarray]:
    """lm-saes's ``SparseAutoEncoder.from_pretrained`` (the Llama Scope release, 2024-10) in
    float64: the dataset-wise norms folded into the biases and decoder, then the decoder columns
    made unit-norm with their norms moved into the encoder rows and biases."""
    h = saved["hyper"]
    s = {k: v.double().numpy().copy() for k, v in saved["state"].items()}
    s.setdefault("decoder.bias", np.zeros(D_IN))
    if h["norm_activation"] == "dataset-wise":
        norms = h["dataset_average_activation_norm"]
        f_in, f_out = np.sqrt(D_IN) / norms["in"], np.sqrt(D_IN) / norms["out"]
        s["encoder.bias"] = s["encoder.bias"] / f_in
        s["decoder.bias"] = s["decoder.bias"] / f_out
        s["decoder.weight"] = s["decoder.weight"] * f_in / f_out
    if h["sparsity_include_decoder_norm"]:
        n = np.linalg.norm(s["decoder.weight"], axis=0)
        s["decoder.weight"] = s["decoder.weight"] / n
        s["encoder.weight"] = s["encoder.weight"] * n[:, None]
        s["encoder.bias"] = s["encoder.bias"] * n
    return s


def llamascope_encode(saved: dict[str, Any], x: np.ndarray) -> np.ndarray:
    """lm-saes's ``encode`` after ``from_pretrained`` (inference mode: no runtime rescaling)."""
    h, s = saved["hyper"], llamascope_inference(saved)
    if h["use_decoder_bias"] and h["apply_decoder_bias_to_pre_encoder"]:
        x = x - s["decoder.bias"]
    pre = x @ s["encoder.weight"].T + s["encoder.bias"]
    t = h["jump_relu_threshold"]
    if h["act_fn"] == "jumprelu" or (h["act_fn"] == "topk" and t > 0):
        return np.where(pre > t, pre, 0.0)
    if h["act_fn"] == "topk":
        relu = np.clip(pre, 0, None)
        kth = -np.sort(-relu, axis=-1)[..., h["top_k"] - 1 : h["top_k"]]
        return np.where(relu >= kth, relu, 0.0)
    return np.clip(pre, 0, None)


def llamascope_decode(saved: dict[str, Any], z: np.ndarray) -> np.ndarray:
    """lm-saes's ``decode`` after ``from_pretrained``: the out hook point's own scale."""
    s = llamascope_inference(saved)
    return z @ s["decoder.weight"].T + s["decoder.bias"]


# -- checkpoints written during training, each trainer's own encode/decode in model space ------
class Reference:
    """A trainer's own encode ``x [n, d_in] -> acts [n, d_sae]`` and decode
    ``(acts, x) -> [n, d_out]`` into the model's space at the output site (what the trainer's
    forward adds there: inverse normalisation, dataset scale and skip term included)."""

    def __init__(self, encode: Any, decode: Any) -> None:
        self.encode = encode
        self.decode = decode
        self.sae: Any = None  # the trainer's own SAE object, where there is one


def saelens_checkpoint(folder: Path, acts: torch.Tensor, hook: str, **settings: Any) -> Path:
    """Train a SAELens TrainingSAE with SAELens's own ``SAETrainer`` for 12 steps on ``acts``
    and return the checkpoint it writes halfway (``n_checkpoints=1``): ``cfg.json``,
    ``sae_weights.safetensors`` and ``activation_scaler.json``, as during real training."""
    import itertools

    from sae_lens.config import SAETrainerConfig
    from sae_lens.saes.sae import TrainingSAE
    from sae_lens.training.sae_trainer import SAETrainer

    cfg = {"d_in": acts.shape[1], "d_sae": 64, "dtype": "float32", "device": "cpu"}
    cfg |= {"metadata": {"hook_name": hook, "model_name": "tiny-test"}, **settings}
    torch.manual_seed(0)
    sae = TrainingSAE.from_dict(cfg)
    trainer = SAETrainer(
        SAETrainerConfig(
            total_training_samples=64 * 12,
            train_batch_size_samples=64,
            lr=3e-3,
            lr_end=3e-3,
            n_checkpoints=1,
            checkpoint_path=str(folder),
            n_batches_for_norm_estimate=4,
        ),
        sae,
        itertools.cycle(acts.split(64)),
    )
    trainer.fit()
    return next(p for p in folder.iterdir() if not p.name.startswith("final"))


def saelens_reference(checkpoint: Path) -> Reference:
    """SAELens's own inference SAE for a checkpoint, made as its trainer and runner make the
    final one: ``TrainingSAE.load_from_disk``, the ``activation_scaler.json`` factor folded in
    (``SAETrainer.fit``), ``save_inference_model`` (decoder norms folded), ``SAE.load_from_disk``.
    With ``rescale_acts_by_decoder_norm`` and a dataset scale its activations are the training
    ones divided by the factor, as in the SAE SAELens saves at the end of the same run."""
    from sae_lens import SAE
    from sae_lens.saes.sae import TrainingSAE

    training = TrainingSAE.load_from_disk(checkpoint)
    scaler = checkpoint / "activation_scaler.json"
    factor = json.loads(scaler.read_text()).get("scaling_factor") if scaler.is_file() else None
    if factor is not None:
        training.fold_activation_norm_scaling_factor(factor)
    out = checkpoint.parent.with_name(f"{checkpoint.parent.name}-{checkpoint.name}-inference")
    training.save_inference_model(out)
    sae = SAE.load_from_disk(out)

    def encode(x: torch.Tensor) -> torch.Tensor:
        a = sae.encode(x)
        return a.to_dense() if a.is_sparse else a

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        sae.encode(x)  # SAELens's run-time normalisation keeps x's scale for decode
        return sae.decode(a)

    ref = Reference(encode, decode)
    ref.sae = sae
    return ref


def sparsify_trained(
    folder: Path, x: torch.Tensor, y: torch.Tensor, seed: int = 0, **settings: Any
) -> Any:
    """An eai-sparsify SparseCoder trained for 20 Adam steps on its own ``forward(x, y)`` FVU
    (``y`` = ``x`` unless a transcoder), saved with its own ``save_to_disk``."""
    from sparsify import SparseCoder, SparseCoderConfig

    torch.manual_seed(seed)
    coder = SparseCoder(x.shape[1], SparseCoderConfig(num_latents=D_SAE, k=K, **settings))
    opt = torch.optim.Adam(coder.parameters(), lr=1e-2)
    for _ in range(20):
        opt.zero_grad()
        coder(x, y).fvu.backward()
        opt.step()
    coder.save_to_disk(folder)
    return coder.eval()


def sparsify_reference(coder: Any) -> Reference:
    """sparsify's own encode, and its decode of every latent plus ``x @ W_skip.mT`` (its
    forward's skip term)."""

    def encode(x: torch.Tensor) -> torch.Tensor:
        out = coder.encode(x)
        return torch.zeros(x.shape[0], coder.num_latents).scatter_(
            -1, out.top_indices, out.top_acts
        )

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        every = torch.arange(a.shape[-1]).expand(a.shape[0], -1)
        out = coder.decode(a, every)
        return out if coder.W_skip is None else out + x @ coder.W_skip.mT

    return Reference(encode, decode)


def openai_reference(state: dict[str, Any]) -> Reference:
    """openai/sparse_autoencoder's ``Autoencoder`` restated (the package is not on PyPI):
    a TopK model layer-normalises its input (``LN``: mean 0, ``/ (std + 1e-5)``) and its
    ``decode`` returns ``(decoder(latents) + pre_bias) * std + mu``."""
    t = {k: v.float() for k, v in state.items() if isinstance(v, torch.Tensor)}
    topk = state["activation"] == "TopK"

    def ln(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        mu = x.mean(-1, keepdim=True)
        std = (x - mu).std(-1, keepdim=True)
        return (x - mu) / (std + 1e-5), mu, std

    def encode(x: torch.Tensor) -> torch.Tensor:
        xn = ln(x)[0] if topk else x
        pre = (xn - t["pre_bias"]) @ t["encoder.weight"].T + t["latent_bias"]
        if not topk:
            return pre.relu()
        vals, idx = pre.topk(K, dim=-1)
        return torch.zeros_like(pre).scatter(-1, idx, vals.relu())

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        out = a @ t["decoder.weight"].T + t["pre_bias"]
        if not topk:
            return out
        _, mu, std = ln(x)
        return out * std + mu

    return Reference(encode, decode)


def jumprelu_reference(p: dict[str, Any], skip: Any = None) -> Reference:
    """Gemma Scope's JumpReLU restated, decode plus Gemma Scope 2's affine skip
    ``x @ affine_skip_connection`` (stored ``[d_in, d_out]``)."""
    t = {k: torch.as_tensor(v, dtype=torch.float32) for k, v in p.items()}
    s = None if skip is None else torch.as_tensor(skip, dtype=torch.float32)

    def encode(x: torch.Tensor) -> torch.Tensor:
        pre = x @ t["W_enc"] + t["b_enc"]
        return pre.relu() * (pre > t["threshold"])

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        out = a @ t["W_dec"] + t["b_dec"]
        return out if s is None else out + x @ s

    return Reference(encode, decode)


def llamascope_reference(saved: dict[str, Any]) -> Reference:
    """lm-saes's ``from_pretrained`` + ``encode``/``decode`` restated (``llamascope_inference``);
    JumpReLU releases only."""
    s = {k: torch.as_tensor(v, dtype=torch.float32) for k, v in llamascope_inference(saved).items()}
    h = saved["hyper"]
    assert h["act_fn"] == "jumprelu"

    def encode(x: torch.Tensor) -> torch.Tensor:
        if h["use_decoder_bias"] and h["apply_decoder_bias_to_pre_encoder"]:
            x = x - s["decoder.bias"]
        pre = x @ s["encoder.weight"].T + s["encoder.bias"]
        return torch.where(pre > h["jump_relu_threshold"], pre, torch.zeros_like(pre))

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return a @ s["decoder.weight"].T + s["decoder.bias"]

    return Reference(encode, decode)


def saelens_transcoder(arch: str, hook_in: str, hook_out: str, **settings: Any) -> Any:
    """A SAELens transcoder object (``SAE.from_dict``) with seeded weights that fire on the
    tiny model's MLP inputs and a skip matrix when the architecture has one."""
    from sae_lens import SAE

    cfg = {"architecture": arch, "d_in": D_IN, "d_out": D_IN, "d_sae": 64, "dtype": "float32"}
    cfg |= {"device": "cpu", "apply_b_dec_to_input": False, **settings}
    cfg["metadata"] = {"hook_name": hook_in, "hook_name_out": hook_out, "model_name": "tiny-test"}
    sae = SAE.from_dict(cfg)
    randomise(sae, seed=7)
    if hasattr(sae, "threshold"):
        with torch.no_grad():
            sae.threshold.copy_(sae.threshold.abs() * 0.2)
    return sae.eval()


def saelens_object_reference(sae: Any) -> Reference:
    """A SAELens SAE object's own encode and decode (plus its forward's ``x @ W_skip.T``)."""

    def decode(a: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        sae.encode(x)  # SAELens's run-time normalisation keeps x's scale for decode
        out = sae.decode(a)
        return out if getattr(sae, "W_skip", None) is None else out + x @ sae.W_skip.T

    ref = Reference(lambda x: sae.encode(x), decode)
    ref.sae = sae
    return ref
