"""The token index: for every token id, the features whose top examples peak on it, and how
many of their top examples do (CSR by token id). Written at harvest as ``token_index.safetensors``;
built in memory on first use for stores written before it existed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

FILE = "token_index.safetensors"


def build_token_index(top_tok: np.ndarray, tokens: np.ndarray, n_ids: int) -> dict[str, np.ndarray]:
    """``indptr`` int64 [n_ids + 1], ``feature`` and ``count`` int32: the (token id, feature)
    pairs of every top example (``top_tok``: global token indices, -1 where empty), counted and
    sorted by token id then feature; ``n_ids`` exceeds every token id."""
    d_sae, k = top_tok.shape
    keep = top_tok >= 0
    feature = np.repeat(np.arange(d_sae, dtype=np.int64), k).reshape(d_sae, k)[keep]
    token_id = np.asarray(tokens)[top_tok[keep]].astype(np.int64)
    pairs, count = np.unique(token_id * d_sae + feature, return_counts=True)
    indptr = np.searchsorted(pairs // d_sae, np.arange(n_ids + 1, dtype=np.int64))
    return {
        "indptr": indptr.astype(np.int64),
        "feature": (pairs % d_sae).astype(np.int32),
        "count": count.astype(np.int32),
    }


def write_token_index(folder: Path, top_tok: np.ndarray, max_token_id: int) -> None:
    """Write the index of a finished harvest (``tokens.bin`` already written) into its folder."""
    path = folder / "tokens.bin"
    tokens = np.memmap(path, dtype=np.int32, mode="r") if max_token_id >= 0 else np.zeros(0)
    save_file(build_token_index(top_tok, np.asarray(tokens), max_token_id + 1), folder / FILE)
