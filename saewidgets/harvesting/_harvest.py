"""harvest: one streaming pass of tokens through a Lens into a FeatureStore on disk."""

from __future__ import annotations

import hashlib
import os
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from tqdm.auto import tqdm

from saewidgets._errors import count_arg
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._data import batches, iter_sequences
from saewidgets.harvesting._finish import finish_store, write_sae_arrays
from saewidgets.models._lens import check_finite
from saewidgets.store._record import RecordWriter
from saewidgets.store._write import write_store_atomically

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.models._lens import Lens

MAX_TOP_K = 1000  # top examples kept per feature: d_sae x top_k x 12 bytes in memory
ACTS_BUDGET_BYTES = 1 << 28  # dense activations held per batch (256 MiB) when batch_size=None


def default_batch_size(d_sae: int, seq_len: int) -> int:
    """Sequences per batch so a batch's dense activations stay near ``ACTS_BUDGET_BYTES``."""
    tokens = min(8192, max(256, ACTS_BUDGET_BYTES // (4 * d_sae)))
    return max(1, tokens // max(1, seq_len))


def harvest(
    lens: Lens,
    data: Any,
    n_tokens: int | None = None,
    batch_size: int | None = None,
    top_k: int = 20,
    out: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
    progress: bool = True,
) -> FeatureStore:
    """Run ``data`` through ``lens`` once and write a FeatureStore folder.

    ``data``: a list of strings (packed into BOS-started sequences of ``lens.context_size``
    tokens), an int tensor ``[n_seq, seq_len]`` (rows used as given), or an iterable of either.
    ``n_tokens`` caps the tokens read; ``batch_size`` is in sequences (default: sized from
    d_sae). ``out`` is the store folder (default: a new temporary folder). The store is written
    to a temporary sibling and renamed into place when complete.
    """
    from saewidgets.analysis._featurestore import FeatureStore

    top_k = count_arg(top_k, "top_k", 1, MAX_TOP_K)
    n_tokens = None if n_tokens is None else count_arg(n_tokens, "n_tokens")
    batch_size = None if batch_size is None else count_arg(batch_size, "batch_size")
    target = (
        Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="saewidgets-")) / "store"
    )
    write_store_atomically(
        target,
        overwrite,
        lambda tmp: _harvest_into(lens, data, n_tokens, batch_size, top_k, tmp, progress),
    )
    return FeatureStore.open(target)


def _harvest_into(
    lens: Lens,
    data: Any,
    n_tokens: int | None,
    batch_size: int | None,
    top_k: int,
    folder: Path,
    progress: bool,
) -> None:
    sae = lens.sae
    acc = FeatureAccumulator.empty(sae.d_sae, top_k)
    writer = RecordWriter(folder / "record")
    hasher = hashlib.sha256()
    seq_lens: list[int] = []
    offset = 0
    bar = tqdm(total=n_tokens, unit="tok", desc="harvest", disable=not progress, unit_scale=True)
    seqs = iter_sequences(lens, data, n_tokens)
    # Bookkeeping of batch i (numpy, mostly GIL-free) overlaps the model and SAE on batch i+1;
    # waiting for it before queueing the next keeps at most two batches in memory, in order.
    pending: Future[None] | None = None

    def record(batch: np.ndarray, rows: np.ndarray, feat: np.ndarray, val: np.ndarray, at: int):
        acc.update(feat, val, rows + at)
        writer.add(batch.size, rows, feat, val)
        flat = batch.astype(np.int32).ravel()
        tok_file.write(flat.tobytes())
        hasher.update(flat.tobytes())

    with open(folder / "tokens.bin", "wb") as tok_file, ThreadPoolExecutor(1) as pool:
        for i, batch in enumerate(_batched(seqs, batch_size, sae.d_sae, lens.context_size)):
            n = batch.size
            x = lens.hook_activations(torch.from_numpy(batch)).reshape(n, -1)
            check_finite(x, f"batch {i} (tokens {offset}..{offset + n - 1})")
            rows, feat, val = (t.cpu().numpy() for t in sae.encode_sparse(x))
            check_finite(
                torch.from_numpy(val), f"batch {i} (tokens {offset}..{offset + n - 1})", "SAE"
            )
            if pending is not None:
                pending.result()
            pending = pool.submit(record, batch, rows, feat, val.astype(np.float32), offset)
            seq_lens.extend([batch.shape[1]] * batch.shape[0])
            offset += n
            bar.update(n)
        if pending is not None:
            pending.result()
    bar.close()
    writer.close()
    np.asarray(seq_lens, dtype=np.int32).tofile(folder / "seq_len.bin")
    write_sae_arrays(lens, folder)
    finish_store(
        folder,
        lens,
        acc,
        n_tokens=offset,
        n_seq=len(seq_lens),
        top_k=top_k,
        dataset_fingerprint=hasher.hexdigest(),
    )


def _batched(seqs: Any, batch_size: int | None, d_sae: int, ctx: int) -> Any:
    first = next(seqs)
    size = batch_size if batch_size is not None else default_batch_size(d_sae, max(len(first), 1))

    def chain() -> Any:
        yield first
        yield from seqs

    return batches(chain(), size)
