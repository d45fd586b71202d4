"""Token rows of the demo corpus and a disk cache of the model's activations at the demo hook.

Used by ``scripts/train_demo_saes.py``: the activations are computed once into an fp16 memmap, so
the SAE epochs and the evaluation never rerun the model.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm.auto import tqdm

if TYPE_CHECKING:
    from transformer_lens import HookedTransformer


@dataclass(frozen=True)
class Split:
    """Token rows of one split: ``tokens`` is int32 [n_rows, context], BOS in column 0."""

    name: str
    tokens: np.ndarray


def token_rows(texts: list[str], tokenizer: object, context: int, seed: int = 0) -> np.ndarray:
    """Shuffle the documents, join them with BOS separators and cut rows of ``context`` tokens.

    Every row starts with BOS; documents run on across rows, as in SAELens's token streams.
    """
    bos = int(tokenizer.bos_token_id)  # type: ignore[attr-defined]
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    ids = tokenizer([texts[i] for i in order], add_special_tokens=False)["input_ids"]  # type: ignore[operator]
    stream = np.fromiter((t for doc in ids for t in ([bos, *doc])), dtype=np.int32)
    body = context - 1
    n_rows = len(stream) // body
    rows = np.empty((n_rows, context), dtype=np.int32)
    rows[:, 0] = bos
    rows[:, 1:] = stream[: n_rows * body].reshape(n_rows, body)
    return rows


def split_rows(rows: np.ndarray, n_train: int, n_eval: int) -> tuple[Split, Split]:
    """The first ``n_train`` rows for training and the last ``n_eval`` rows held out."""
    if n_train + n_eval > len(rows):
        raise ValueError(f"asked for {n_train}+{n_eval} rows but the corpus has {len(rows)}")
    return Split("train", rows[:n_train]), Split("eval", rows[len(rows) - n_eval :])


def activation_cache(
    model: HookedTransformer,
    hook: str,
    split: Split,
    folder: Path,
    batch_size: int = 32,
) -> np.memmap:
    """fp16 memmap [n_rows * (context - 1), d_model]: ``hook`` on each non-BOS token of ``split``.

    Reused when ``folder`` already holds a finished cache for the same hook and tokens.
    """
    import torch

    folder.mkdir(parents=True, exist_ok=True)
    n_rows, context = split.tokens.shape
    shape = (n_rows * (context - 1), model.cfg.d_model)
    meta = {
        "hook": hook,
        "model": model.cfg.model_name,
        "dtype": str(model.cfg.dtype),
        "shape": list(shape),
        "tokens_sha": _digest(split.tokens),
    }
    data_path, meta_path = folder / f"{split.name}.f16", folder / f"{split.name}.json"
    if meta_path.is_file() and json.loads(meta_path.read_text()) == meta:
        return np.memmap(data_path, dtype=np.float16, mode="r", shape=shape)
    meta_path.unlink(missing_ok=True)
    out = np.memmap(data_path, dtype=np.float16, mode="w+", shape=shape)
    layer = int(hook.split(".")[1])
    tokens = torch.from_numpy(split.tokens.astype(np.int64))
    with torch.inference_mode():
        for start in tqdm(range(0, n_rows, batch_size), desc=f"activations ({split.name})"):
            batch = tokens[start : start + batch_size].to(model.cfg.device)
            _, cache = model.run_with_cache(
                batch, stop_at_layer=layer + 1, names_filter=lambda name: name == hook
            )
            acts = cache[hook][:, 1:].reshape(-1, model.cfg.d_model)
            lo = start * (context - 1)
            out[lo : lo + len(acts)] = acts.to(torch.float16).cpu().numpy()
    out.flush()
    meta_path.write_text(json.dumps(meta))
    return out


def _digest(array: np.ndarray) -> str:
    import hashlib

    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()[:16]
