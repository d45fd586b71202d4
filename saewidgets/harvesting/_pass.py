"""One streaming pass of token batches through a Lens: the record, tokens and statistics."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from tqdm.auto import tqdm

from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._data import batches, iter_sequences
from saewidgets.harvesting._device import DeviceAccumulator, to_host
from saewidgets.harvesting._finish import finish_harvest
from saewidgets.models._lens import check_finite
from saewidgets.store._record import RecordWriter

if TYPE_CHECKING:
    from saewidgets.models._lens import Lens

DEVICE_TYPES = ("cuda",)  # SAE devices whose statistics are kept in torch on the device
ACTS_BUDGET_BYTES = 1 << 28  # dense activations held per batch (256 MiB) when batch_size=None


def default_batch_size(d_sae: int, seq_len: int) -> int:
    """Sequences per batch so a batch's dense activations stay near ``ACTS_BUDGET_BYTES``."""
    tokens = min(8192, max(256, ACTS_BUDGET_BYTES // (4 * d_sae)))
    return max(1, tokens // max(1, seq_len))


def harvest_into(
    lens: Lens,
    data: Any,
    n_tokens: int | None,
    batch_size: int | None,
    top_k: int,
    folder: Path,
    progress: bool,
    excluded: Sequence[int] = (),
) -> None:
    seqs, size = sized_sequences(lens, data, n_tokens, batch_size)
    bar = tqdm(total=n_tokens, unit="tok", desc="harvest", disable=not progress, unit_scale=True)
    raw = harvest_raw(lens, batches(seqs, size), top_k, folder, bar.update, excluded)
    bar.close()
    finish_harvest(
        folder,
        lens,
        raw.acc,
        n_tokens=raw.n_tokens,
        n_seq=raw.n_seq,
        top_k=top_k,
        dataset_fingerprint=raw.fingerprint,
        excluded=excluded,
    )


@dataclass
class RawHarvest:
    """What ``harvest_raw`` wrote: the statistics, sizes and the dataset fingerprint."""

    acc: FeatureAccumulator
    n_tokens: int
    n_seq: int
    fingerprint: str


def harvest_raw(
    lens: Lens,
    token_batches: Iterable[np.ndarray],
    top_k: int,
    folder: Path,
    advance: Callable[[int], Any],
    excluded: Sequence[int] = (),
) -> RawHarvest:
    """Run batches ``[b, len]`` through ``lens``; write ``tokens.bin``, ``seq_len.bin`` and the
    record into ``folder``; return the statistics (not saved; ``excluded`` ids left out)."""
    sae = lens.sae
    on_device = sae.W_enc.device.type in DEVICE_TYPES
    dev = DeviceAccumulator(sae.d_sae, top_k, sae.W_enc.device) if on_device else None
    acc = FeatureAccumulator.empty(sae.d_sae, top_k)
    writer = RecordWriter(folder / "record")
    hasher = hashlib.sha256()
    seq_lens: list[int] = []
    offset = 0
    # Bookkeeping of batch i (numpy, mostly GIL-free) overlaps the model and SAE on batch i+1;
    # waiting for it before queueing the next keeps at most two batches in memory, in order.
    # With the SAE on a GPU the statistics are updated there and this thread only writes the
    # record, once the asynchronous copy to the host has landed.
    pending: Future[None] | None = None

    def record(batch: np.ndarray, sparse: tuple[torch.Tensor, ...], ready: Any, at: int) -> None:
        if ready is not None:
            ready.synchronize()
        rows, feat, val = (t.numpy() for t in sparse)
        where = f"batch tokens {at}..{at + batch.size - 1}"
        check_finite(sparse[2], where, "SAE")
        val = val.astype(np.float32)
        if dev is None:
            acc.update(*_kept(batch.ravel()[rows], excluded, feat, val, rows + at))
        writer.add(batch.size, rows, feat, val)
        flat = batch.astype(np.int32).ravel()
        tok_file.write(flat.tobytes())
        hasher.update(flat.tobytes())

    with open(folder / "tokens.bin", "wb") as tok_file, ThreadPoolExecutor(1) as pool:
        for i, batch in enumerate(token_batches):
            n = batch.size
            x = lens.hook_activations(torch.from_numpy(batch)).reshape(n, -1)
            check_finite(x, f"batch {i} (tokens {offset}..{offset + n - 1})")
            rows, feat, val = sae.encode_sparse(x)
            if dev is not None:
                dev.update(*_kept_on_device(batch, excluded, feat, val, rows, offset))
            sparse, ready = to_host((rows, feat, val))
            if pending is not None:
                pending.result()
            pending = pool.submit(record, batch, tuple(t.cpu() for t in sparse), ready, offset)
            seq_lens.extend([batch.shape[1]] * batch.shape[0])
            offset += n
            advance(n)
        if pending is not None:
            pending.result()
    if dev is not None:
        acc = dev.to_host()
    writer.close()
    np.asarray(seq_lens, dtype=np.int32).tofile(folder / "seq_len.bin")
    return RawHarvest(acc, offset, len(seq_lens), hasher.hexdigest())


def _kept(ids: np.ndarray, drop: Sequence[int], *arrays: np.ndarray) -> list[np.ndarray]:
    """``arrays`` (one entry per activation) without the activations on ``drop`` token ids."""
    kept = ~np.isin(ids, np.asarray(list(drop), np.int64))
    return [a[kept] for a in arrays]


def _kept_on_device(
    batch: np.ndarray,
    drop: Sequence[int],
    feat: torch.Tensor,
    val: torch.Tensor,
    rows: torch.Tensor,
    offset: int,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(feature, value, global token) of a batch's activations not on ``drop`` token ids."""
    ids = torch.from_numpy(batch).to(rows.device).reshape(-1)[rows]
    kept = ~torch.isin(ids, torch.tensor(list(drop), dtype=ids.dtype, device=rows.device))
    return feat[kept], val[kept], rows[kept] + offset


def sized_sequences(
    lens: Lens, data: Any, n_tokens: int | None, batch_size: int | None
) -> tuple[Iterator[np.ndarray], int]:
    """The token sequences of ``data`` and the batch size in sequences (default: from d_sae and
    the first sequence's length)."""
    seqs = iter_sequences(lens, data, n_tokens)
    first = next(seqs)
    size = batch_size if batch_size is not None else default_batch_size(lens.sae.d_sae, len(first))

    def chain() -> Iterator[np.ndarray]:
        yield first
        yield from seqs

    return chain(), size
