"""The embedded LLM: the demo's SmolLM2-135M-Instruct run in-process by transformers (greedy).

The GGUF is dequantised once and saved as a transformers folder under ``<cache>/models``, so
later loads take seconds. No server and no network once the wheel is cached.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from saewidgets.demo._assets import cache_dir
from saewidgets.demo._model import DEMO_MODEL_NAME, load_hf_reference

EMBEDDED_NAME = f"{DEMO_MODEL_NAME} (embedded)"


def embedded_dir() -> Path:
    """Folder of the embedded model in transformers' format (may not exist yet)."""
    return cache_dir() / "models" / f"{DEMO_MODEL_NAME.lower()}-hf-v1"


def _prepare(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        model, tokenizer = load_hf_reference(Path(tmp) / "gguf")
        out = Path(tmp) / "out"
        # dequantised to fp32 on load: save it as a plain model
        model.hf_quantizer = None  # type: ignore[assignment]
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(out)
        tokenizer.save_pretrained(out)
        try:
            out.rename(target)  # atomic: readers never see a half-written folder
        except OSError:
            if not (target / "config.json").is_file():
                raise


def load_embedded() -> tuple[Any, Any]:
    """The embedded model and tokenizer (converted and cached on first use)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target = embedded_dir()
    if not (target / "config.json").is_file():
        _prepare(target)
    tokenizer = AutoTokenizer.from_pretrained(target)
    model = AutoModelForCausalLM.from_pretrained(target, dtype=torch.float32)
    return model.eval(), tokenizer


class EmbeddedTransport:
    """Generates chat replies in this process, one request at a time."""

    def __init__(self) -> None:
        self.model, self.tokenizer = load_embedded()
        self._lock = threading.Lock()

    def send(self, request: dict[str, Any]) -> tuple[str, int, int]:
        """The reply text and its prompt and completion token counts."""
        import torch

        ids = self.tokenizer.apply_chat_template(
            request["messages"], add_generation_prompt=True, return_tensors="pt", return_dict=True
        )["input_ids"]
        with self._lock, torch.no_grad():
            out = self.model.generate(
                ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=int(request.get("max_tokens", 64)),
                do_sample=False,
                pad_token_id=self.tokenizer.eos_token_id,
            )
        new = out[0, ids.shape[1] :]
        text = self.tokenizer.decode(new, skip_special_tokens=True)
        return text, int(ids.shape[1]), int(new.shape[0])
