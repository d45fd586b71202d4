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
#: greedy decoding never repeats a 3-token sequence (a 135M model otherwise loops:
#: "the feature of the feature of ...")
NO_REPEAT_NGRAM = 3


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
    """Generates chat replies in this process, one request at a time (greedy)."""

    def __init__(self) -> None:
        self.model, self.tokenizer = load_embedded()
        self._lock = threading.Lock()

    def send(self, request: dict[str, Any]) -> tuple[str, int, int]:
        """The reply text and its prompt and completion token counts. With ``choice`` (a list of
        answers) the reply is the answer whose first token the model ranks highest."""
        import torch

        ids = self.tokenizer.apply_chat_template(
            request["messages"], add_generation_prompt=True, return_tensors="pt", return_dict=True
        )["input_ids"]
        with self._lock, torch.no_grad():
            if request.get("choice"):
                logits = self.model(ids).logits[0, -1]
                best = max(request["choice"], key=lambda c: self._first_logit(logits, c))
                return str(best), int(ids.shape[1]), 1
            out = self.model.generate(
                ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=int(request.get("max_tokens", 64)),
                do_sample=False,
                no_repeat_ngram_size=NO_REPEAT_NGRAM,
                stop_strings=["\n"],  # the explanation is the first line
                tokenizer=self.tokenizer,
                pad_token_id=self.tokenizer.eos_token_id,
            )
        new = out[0, ids.shape[1] :]
        text = self.tokenizer.decode(new, skip_special_tokens=True)
        return text, int(ids.shape[1]), int(new.shape[0])

    def _first_logit(self, logits: Any, answer: str) -> float:
        """The best logit of the first token of ``answer`` in its spellings (Yes, yes, " yes")."""
        spellings = {answer, answer.capitalize(), " " + answer, " " + answer.capitalize()}
        firsts = {self.tokenizer.encode(s, add_special_tokens=False)[0] for s in spellings}
        return max(float(logits[i]) for i in firsts)
