"""Builders for tiny models, tokenizers and SAEs used across the tests (no network needed)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file


def corpus() -> list[str]:
    """Real English text that ships with Python: the docstrings of standard-library modules."""
    import collections
    import csv
    import difflib
    import json as json_mod
    import random
    import statistics
    import string
    import textwrap as tw

    docs = []
    for mod in (collections, csv, difflib, json_mod, random, statistics, string, tw):
        for name in dir(mod):
            doc = getattr(getattr(mod, name), "__doc__", None)
            if isinstance(doc, str) and len(doc) > 80:
                docs.append(textwrap.dedent(doc).strip())
    return sorted(set(docs))


def build_tokenizer(
    folder: Path, vocab_size: int = 300, special: dict[str, str] | None = None
) -> Any:
    """A byte-level BPE tokenizer trained on ``corpus()``, saved and reloaded from ``folder``;
    ``special``: its special tokens by role (default BOS ``<bos>`` id 0, PAD ``<pad>`` id 1),
    given ids 0, 1, ... in order."""
    special = special or {"bos_token": "<bos>", "pad_token": "<pad>"}
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(special.values()),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(corpus(), trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, **special)
    fast.save_pretrained(str(folder))
    return AutoTokenizer.from_pretrained(str(folder))


def build_model(tokenizer: Any, seed: int = 0, **overrides: Any) -> Any:
    """A 2-layer HookedTransformer with random weights over ``tokenizer``'s vocabulary."""
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    cfg = dict(
        n_layers=2,
        d_model=32,
        n_heads=2,
        d_head=16,
        d_mlp=64,
        d_vocab=len(tokenizer),
        n_ctx=64,
        act_fn="gelu",
        normalization_type="LN",
        seed=seed,
        model_name="tiny-test",
        default_prepend_bos=True,
    )
    cfg.update(overrides)
    model = HookedTransformer(HookedTransformerConfig(**cfg), tokenizer=tokenizer)
    model.eval()
    return model


def build_sae_cfg(**overrides: Any) -> dict[str, Any]:
    """A SAELens-format cfg.json dict; override any field (metadata fields at top level too)."""
    meta_keys = {
        "model_name",
        "hook_name",
        "hook_layer",
        "hook_head_index",
        "prepend_bos",
        "context_size",
        "sae_lens_version",
    }
    cfg: dict[str, Any] = {
        "architecture": "standard",
        "d_in": 32,
        "d_sae": 96,
        "dtype": "float32",
        "device": "cpu",
        "apply_b_dec_to_input": True,
        "normalize_activations": "none",
        "reshape_activations": "none",
        "metadata": {
            "model_name": "tiny-test",
            "hook_name": "blocks.0.hook_resid_post",
            "hook_layer": 0,
            "hook_head_index": None,
            "prepend_bos": True,
            "context_size": 24,
            "sae_lens_version": "6.0.0",
        },
    }
    for k, v in overrides.items():
        if k in meta_keys:
            cfg["metadata"][k] = v
        else:
            cfg[k] = v
    return cfg


def build_sae_weights(cfg: dict[str, Any], seed: int = 0) -> dict[str, torch.Tensor]:
    """Random weights for ``cfg`` whose features fire on a spread of densities."""
    g = torch.Generator().manual_seed(seed)
    d_in, d_sae = cfg["d_in"], cfg["d_sae"]
    W_dec = torch.randn(d_sae, d_in, generator=g)
    W_dec = W_dec / W_dec.norm(dim=1, keepdim=True) * (0.5 + torch.rand(d_sae, 1, generator=g))
    W_enc = (W_dec.T + 0.5 * torch.randn(d_in, d_sae, generator=g)) * 0.7
    b_enc = -torch.rand(d_sae, generator=g) * 3.0 - torch.linspace(0, 4, d_sae)
    state = {
        "W_enc": W_enc,
        "W_dec": W_dec,
        "b_enc": b_enc,
        "b_dec": 0.1 * torch.randn(d_in, generator=g),
    }
    if cfg["architecture"] == "jumprelu":
        state["threshold"] = torch.rand(d_sae, generator=g) * 0.5
    return state


def write_sae(folder: Path, seed: int = 0, **overrides: Any) -> Path:
    """Write a SAELens-format SAE folder (cfg.json + sae_weights.safetensors); returns it."""
    cfg = build_sae_cfg(**overrides)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cfg.json").write_text(json.dumps(cfg))
    weights = {k: v.contiguous() for k, v in build_sae_weights(cfg, seed).items()}
    save_file(weights, str(folder / "sae_weights.safetensors"))
    return folder


ARCH_OVERRIDES: dict[str, dict[str, Any]] = {
    "standard": {},
    "topk": {"architecture": "topk", "k": 6},
    "jumprelu": {"architecture": "jumprelu"},
}


def reference_encode(cfg: dict[str, Any], state: dict[str, Any], x: Any) -> Any:
    """Dense SAE activations in plain numpy float64, written from SAELens's equations."""
    import numpy as np

    x = np.asarray(x, dtype=np.float64)
    W_enc, b_enc = np.asarray(state["W_enc"], np.float64), np.asarray(state["b_enc"], np.float64)
    W_dec, b_dec = np.asarray(state["W_dec"], np.float64), np.asarray(state["b_dec"], np.float64)
    norm = cfg.get("normalize_activations", "none")
    if norm == "constant_norm_rescale":
        x = x * np.sqrt(x.shape[-1]) / np.linalg.norm(x, axis=-1, keepdims=True)
    elif norm == "layer_norm":
        x = x - x.mean(-1, keepdims=True)
        x = x / (x.std(-1, ddof=1, keepdims=True) + 1e-5)
    if cfg.get("apply_b_dec_to_input", True):
        x = x - b_dec
    pre = x @ W_enc + b_enc
    arch = cfg["architecture"]
    if arch == "topk":
        if cfg.get("rescale_acts_by_decoder_norm"):
            pre = pre * np.linalg.norm(W_dec, axis=1)
        out = np.zeros_like(pre)
        for idx in np.ndindex(pre.shape[:-1]):
            row = pre[idx]
            top = np.argsort(-row, kind="stable")[: cfg["k"]]
            out[idx][top] = np.maximum(row[top], 0)
        return out
    acts = np.maximum(pre, 0)
    if arch == "jumprelu":
        acts = acts * (pre > np.asarray(state["threshold"], np.float64))
    return acts


def reference_store_acts(model: Any, sae_dir: Path, store: Any) -> Any:
    """float64 [n_tokens, d_sae]: every harvested token re-encoded densely, sequence by sequence,
    with a full forward pass (no early stop) and ``reference_encode``."""
    import numpy as np
    import torch
    from safetensors.numpy import load_file

    cfg = json.loads((sae_dir / "cfg.json").read_text())
    state = load_file(str(sae_dir / "sae_weights.safetensors"))
    hook = cfg["metadata"]["hook_name"]
    out = []
    for s in range(store.meta.n_seq):
        a, b = store.seq_offsets[s], store.seq_offsets[s + 1]
        toks = torch.from_numpy(store.tokens[a:b].astype(np.int64))[None]
        _, cache = model.run_with_cache(toks, names_filter=hook)
        out.append(reference_encode(cfg, state, cache[hook][0].double().numpy()))
    return np.concatenate(out)


def build_hf_llama(tokenizer: Any, seed: int = 0, n_layers: int = 3) -> Any:
    """A transformers LlamaForCausalLM with random weights (d_model 32) over ``tokenizer``."""
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(seed)
    cfg = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=n_layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=64,
        bos_token_id=tokenizer.bos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=None,
        initializer_range=0.2,  # hidden states of norm ~12, where the test SAEs fire
    )
    return LlamaForCausalLM(cfg).eval()


def store_dense(store: Any) -> Any:
    """float32 [n_tokens, d_sae]: the store's sparse record written out densely."""
    import numpy as np

    tok, feat, val = store.record.tokens(0, store.meta.n_tokens)
    dense = np.zeros((store.meta.n_tokens, store.meta.d_sae), np.float32)
    dense[tok, feat] = val
    return dense


#: transformers (config class, model class, size settings) of each family the tests build
HF_FAMILIES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "gpt2": ("GPT2Config", "GPT2LMHeadModel", {"n_layer": 2, "n_embd": 32, "n_head": 2}),
    "gpt_neox": ("GPTNeoXConfig", "GPTNeoXForCausalLM", {}),
    "gemma2": ("Gemma2Config", "Gemma2ForCausalLM", {"head_dim": 16}),
    "gemma3": ("Gemma3TextConfig", "Gemma3ForCausalLM", {"head_dim": 16}),
    "qwen2": ("Qwen2Config", "Qwen2ForCausalLM", {}),
    "qwen3": ("Qwen3Config", "Qwen3ForCausalLM", {"head_dim": 16}),
    "mistral": ("MistralConfig", "MistralForCausalLM", {}),
    "phi3": ("Phi3Config", "Phi3ForCausalLM", {}),
}


def build_hf_family(family: str, tokenizer: Any, seed: int = 0) -> Any:
    """A 2-layer, d_model 32 causal LM of ``family`` (see ``HF_FAMILIES``) with random weights
    over ``tokenizer``'s vocabulary, in eval mode."""
    import transformers

    config_name, model_name, sizes = HF_FAMILIES[family]
    common: dict[str, Any] = (
        {"n_positions": 64}
        if family == "gpt2"
        else {
            "num_hidden_layers": 2,
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_attention_heads": 2,
            "max_position_embeddings": 64,
        }
    )
    if family not in ("gpt2", "gpt_neox"):
        common["num_key_value_heads"] = 1
    torch.manual_seed(seed)
    cfg = getattr(transformers, config_name)(
        **common,
        **sizes,
        vocab_size=len(tokenizer),
        bos_token_id=tokenizer.bos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=None,
        initializer_range=0.2,  # hidden states large enough for the test SAEs to fire
    )
    return getattr(transformers, model_name)(cfg).eval()


def counted_rows(store: Any) -> Any:
    """bool [n_tokens]: the tokens the store's statistics count (special tokens left out)."""
    import numpy as np

    return ~np.isin(store.tokens, np.asarray(store.meta.excluded_token_ids, dtype=np.int64))


def saelens_reconstruction(folder: Path, x: torch.Tensor) -> torch.Tensor:
    """SAELens's forward pass, written out from cfg.json and the saved fp16 weights."""
    cfg = json.loads((folder / "cfg.json").read_text())
    w = {name: t.float() for name, t in load_file(str(folder / "sae_weights.safetensors")).items()}
    pre = (x - w["b_dec"] if cfg["apply_b_dec_to_input"] else x) @ w["W_enc"] + w["b_enc"]
    if cfg["architecture"] == "topk":
        values, indices = pre.topk(cfg["k"], dim=-1)
        acts = torch.zeros_like(pre).scatter_(-1, indices, torch.relu(values))
    else:
        acts = torch.relu(pre)
    return acts @ w["W_dec"] + w["b_dec"]
