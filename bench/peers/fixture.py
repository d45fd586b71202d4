"""The shared benchmark fixture: one tokenizer, model, SAE and token tensor for all three tools.

Built once by the system Python (``build``) and loaded by every runner, including those run by
the peers' virtual environment (``load_model``, ``load_tokens``), so this module imports neither
saewidgets nor anything that only one environment has.

What the fixture is, and why it is fair to all three tools:

- Text: the system Python's standard-library sources (real text, no download), packed the way
  SAELens packs a text dataset: documents joined with ``<bos>`` between them, cut into sequences
  of ``CONTEXT`` tokens that each start with ``<bos>``.
- Tokenizer: a byte-level BPE of ``VOCAB`` tokens trained on that text.
- Model: a 2-layer, d_model 256 ``HookedTransformer`` with **random weights** (seeded). The cost
  of a forward pass does not depend on the weights, and the SAE below is calibrated on this
  model's activations, so features fire at realistic rates.
- SAE: standard ReLU at ``blocks.0.hook_resid_post`` in SAELens format. Decoder rows have unit
  norm, so SAEDashboard's decoder-norm folding is a no-op and all tools see the same activations.
  ``W_enc = W_decᵀ``, ``b_dec`` = the mean activation, and each feature's bias is set from a
  calibration sample so that firing densities spread log-uniformly over ``DENSITY_RANGE``
  (mean L0 ≈ 60 of 4,096).
"""

from __future__ import annotations

import json
import math
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

CONTEXT = 128
VOCAB = 4096
HOOK = "blocks.0.hook_resid_post"
DENSITY_RANGE = (1e-4, 1e-1)
MODEL_CFG: dict[str, Any] = {
    "n_layers": 2,
    "d_model": 256,
    "n_heads": 4,
    "d_head": 64,
    "d_mlp": 1024,
    "d_vocab": VOCAB,
    "n_ctx": CONTEXT,
    "act_fn": "gelu",
    "normalization_type": "LN",
    "model_name": "bench-2l-256-random",
    "default_prepend_bos": True,
}
SPECIAL = ("<bos>", "<pad>")
TOKENIZER_TEXT = 1_000_000  # characters the tokenizer is trained on, whatever the token count


def stdlib_documents(max_bytes: int) -> list[str]:
    """Up to ``max_bytes`` of standard-library ``.py`` sources, in sorted path order."""
    root = Path(sysconfig.get_paths()["stdlib"])
    docs: list[str] = []
    total = 0
    for path in sorted(root.glob("*.py")) + sorted(root.glob("*/*.py")):
        if "test" in path.parts[-2] or "site-packages" in str(path):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append(text)
        total += len(text)
        if total >= max_bytes:
            break
    return docs


def load_tokenizer(folder: Path) -> Any:
    """The fixture's tokenizer as a transformers tokenizer.

    transformer_lens reloads a tokenizer from its folder, and transformers 4 and 5 save different
    files, so each transformers version gets its own saved copy next to ``tokenizer.json``.
    """
    import transformers
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    saved = folder / f"tokenizer-transformers-{transformers.__version__}"
    if not saved.exists():
        fast = PreTrainedTokenizerFast(
            tokenizer_file=str(folder / "tokenizer.json"),
            bos_token=SPECIAL[0],
            pad_token=SPECIAL[1],
        )
        tmp = Path(tempfile.mkdtemp(prefix=".tokenizer-", dir=folder))
        fast.save_pretrained(str(tmp))
        tmp.rename(saved)
    return AutoTokenizer.from_pretrained(str(saved))


def load_model(folder: str | Path, model_class: type | None = None) -> Any:
    """The fixture's model with its saved weights, in eval mode on the CPU.

    ``model_class`` is ``HookedTransformer`` by default; sae_vis needs SAELens's subclass
    ``HookedSAETransformer``.
    """
    import torch
    from safetensors.torch import load_file
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    folder = Path(folder)
    cfg = json.loads((folder / "model_cfg.json").read_text())
    cls = model_class or HookedTransformer
    model = cls(HookedTransformerConfig(**cfg), tokenizer=load_tokenizer(folder))
    missing, unexpected = model.load_state_dict(load_file(folder / "model.safetensors"), False)
    buffers = {name for name, _ in model.named_buffers()}
    if unexpected or set(missing) - buffers:
        raise RuntimeError(f"model weights do not match: {missing=} {unexpected=}")
    torch.set_grad_enabled(False)
    return model.eval()


def load_tokens(folder: str | Path, n_tokens: int) -> np.ndarray:
    """The first ``n_tokens // CONTEXT`` sequences of the fixture: int64 ``[n_seq, CONTEXT]``."""
    tokens = np.load(Path(folder) / "tokens.npy")
    n_seq = n_tokens // CONTEXT
    if n_seq < 1 or n_seq > len(tokens):
        raise ValueError(f"{n_tokens} tokens asked, the fixture has {tokens.size}.")
    return tokens[:n_seq]


def sae_folder(folder: str | Path) -> Path:
    """The SAELens-format SAE folder inside the fixture."""
    return Path(folder) / "sae"


def build(folder: Path, n_tokens: int, d_sae: int = 4096, seed: int = 0) -> Path:
    """Write the fixture into ``folder`` (reused when it exists with the same parameters)."""
    params = {"n_tokens": n_tokens, "d_sae": d_sae, "seed": seed, "model": MODEL_CFG}
    stamp = folder / "fixture.json"
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return folder
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    docs = stdlib_documents(max_bytes=max(8 * n_tokens, TOKENIZER_TEXT))  # ~3 bytes per token
    _train_tokenizer(stdlib_documents(max_bytes=TOKENIZER_TEXT), folder)
    tok = load_tokenizer(folder)
    tokens = _pack(tok, docs, n_tokens)
    np.save(folder / "tokens.npy", tokens)
    _write_model(folder, seed)
    model = load_model(folder)
    sample = torch.from_numpy(tokens[: max(1, 8192 // CONTEXT)])
    acts = model.run_with_cache(sample, names_filter=HOOK, stop_at_layer=1)[1][HOOK]
    _write_sae(sae_folder(folder), acts.reshape(-1, acts.shape[-1]), d_sae, seed)
    stamp.write_text(json.dumps(params, indent=1))
    return folder


def _train_tokenizer(docs: list[str], folder: Path) -> None:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB,
        special_tokens=list(SPECIAL),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(docs, trainer)
    tok.save(str(folder / "tokenizer.json"))


def _pack(tok: Any, docs: list[str], n_tokens: int) -> np.ndarray:
    body = CONTEXT - 1
    n_seq = math.ceil(n_tokens / CONTEXT)
    stream: list[int] = []
    for doc in docs:
        stream.extend(tok(doc, add_special_tokens=False)["input_ids"])
        stream.append(tok.bos_token_id)
        if len(stream) >= n_seq * body:
            break
    if len(stream) < n_seq * body:
        raise ValueError(f"not enough text for {n_tokens} tokens")
    rows = np.asarray(stream[: n_seq * body], dtype=np.int64).reshape(n_seq, body)
    return np.concatenate([np.full((n_seq, 1), tok.bos_token_id), rows], axis=1)


def _write_model(folder: Path, seed: int) -> None:
    from safetensors.torch import save_file
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    model = HookedTransformer(HookedTransformerConfig(**MODEL_CFG, seed=seed))
    params = {k: v.detach().contiguous() for k, v in model.named_parameters()}
    save_file(params, str(folder / "model.safetensors"))
    (folder / "model_cfg.json").write_text(json.dumps(MODEL_CFG, indent=1))


def _write_sae(folder: Path, acts: Any, d_sae: int, seed: int) -> None:
    import torch
    from safetensors.torch import save_file

    g = torch.Generator().manual_seed(seed)
    d_in = acts.shape[-1]
    W_dec = torch.randn(d_sae, d_in, generator=g)
    W_dec = W_dec / W_dec.norm(dim=1, keepdim=True)  # unit rows: folding is a no-op
    b_dec = acts.mean(0)
    pre = (acts - b_dec) @ W_dec.T  # [n, d_sae] with W_enc = W_dec.T
    lo, hi = (math.log10(d) for d in DENSITY_RANGE)
    density = 10 ** (lo + (hi - lo) * torch.rand(d_sae, generator=g))
    k = (density * pre.shape[0]).round().clamp(1, pre.shape[0] - 1).long()
    ranked = pre.sort(dim=0, descending=True).values
    # threshold halfway between the k-th and (k+1)-th largest: no sample sits on the boundary
    kth = (ranked.gather(0, (k - 1)[None]) + ranked.gather(0, k[None])).squeeze(0) / 2
    weights = {
        "W_enc": W_dec.T.contiguous(),
        "W_dec": W_dec.contiguous(),
        "b_enc": (-kth).contiguous(),
        "b_dec": b_dec.contiguous(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    save_file(weights, str(folder / "sae_weights.safetensors"))
    cfg = {
        "architecture": "standard",
        "d_in": d_in,
        "d_sae": d_sae,
        "dtype": "float32",
        "device": "cpu",
        "apply_b_dec_to_input": True,
        "normalize_activations": "none",
        "reshape_activations": "none",
        "metadata": {
            "model_name": MODEL_CFG["model_name"],
            "hook_name": HOOK,
            "hook_layer": 0,
            "hook_head_index": None,
            "prepend_bos": True,
            "context_size": CONTEXT,
            "dataset_path": "python-stdlib-sources",
            "sae_lens_version": "6.54.12",
        },
    }
    (folder / "cfg.json").write_text(json.dumps(cfg, indent=1))
