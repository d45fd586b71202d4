"""Merging harvest shards into the store of the whole, streamed in bounded chunks.

A shard is a folder with ``tokens.bin``, ``seq_len.bin``, the token-major record files and
``accumulators.safetensors`` (a finished store is one). The merged order of sequences is given
by pieces ``(shard, n_seq)``: the next ``n_seq`` sequences of that shard. Consecutive shards are
one piece each; a distributed harvest interleaves blocks of sequences across ranks. Memory is
bounded by ``COPY_BYTES`` and d_sae, never by the number of tokens.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from safetensors.numpy import load_file

from saewidgets._errors import StoreError
from saewidgets.analysis._featurestore import FeatureStore
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._finish import finish_store
from saewidgets.harvesting._overlap import overlapping
from saewidgets.store._record import read_range
from saewidgets.store._write import check_overwrite, store_path, write_store_atomically

_LENS_FIELDS = (
    "sae_id",
    "model_name",
    "hook",
    "d_sae",
    "d_in",
    "d_model",
    "d_vocab",
    "architecture",
    "sae_fingerprint",
    "model_fingerprint",
    "context_size",
    "prepend_bos",
    "excluded_token_ids",
    "normalisation",
    "sae_config",
)
_COPIED = ("weights.safetensors", "logits.safetensors", "vocab.json", "token_bytes.json")
_RECORD = ("tok_nnz", "tok_feature", "tok_value")
COPY_BYTES = 1 << 24  # bytes copied at once
SEQ_STEP = 1 << 16  # sequences handled at once within a piece


def merge_stores(
    stores: Sequence[FeatureStore | str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> FeatureStore:
    """Merge stores harvested on consecutive token shards (in order) into one store at ``out``."""
    if isinstance(stores, (str, os.PathLike, FeatureStore)):
        raise StoreError("merge_stores takes a list of stores (or paths), not a single one.")
    check_overwrite(overwrite)
    opened = [s if isinstance(s, FeatureStore) else FeatureStore.open(s) for s in stores]
    if not opened:
        raise StoreError("merge_stores needs at least one store.")
    _check_mergeable(opened)
    target = store_path(out)
    write_store_atomically(target, overwrite, lambda tmp: _merge_into(opened, tmp))
    return FeatureStore.open(target)


def _check_mergeable(stores: list[FeatureStore]) -> None:
    """StoreError unless every store has the first one's model, SAE, hook and settings, and
    no token shard appears twice."""
    first = stores[0]
    seen = {first.meta.dataset_fingerprint: first.path}
    for s in stores[1:]:
        for name in sorted((*_LENS_FIELDS, "top_k"), key=lambda n: n == "sae_id"):  # id last
            mine, theirs = getattr(s.meta, name), getattr(first.meta, name)
            if mine != theirs:
                what = "model weights or vocabulary" if name == "model_fingerprint" else name
                raise StoreError(
                    f"Cannot merge {s.path} with {first.path}: their {what} differ "
                    f"({_short(mine)} vs {_short(theirs)}). Merge only shards harvested with "
                    "the same Lens and top_k."
                )
        if s.meta.dataset_fingerprint in seen:
            raise StoreError(
                f"{s.path} holds the same tokens as {seen[s.meta.dataset_fingerprint]} (same "
                "dataset fingerprint): merging a store with itself would count every token "
                "twice. Pass each shard once."
            )
        seen[s.meta.dataset_fingerprint] = s.path
        _check_same_tokens(first, s)
    _check_disjoint(stores)


def _check_same_tokens(first: FeatureStore, other: FeatureStore) -> None:
    """StoreError unless both stores' tokenizers give every id the same bytes: decoded
    strings alone hide byte tokens (every stray byte decodes to U+FFFD)."""
    if other.vocab == first.vocab and other.partial_tokens == first.partial_tokens:
        return
    ids = [
        i
        for i in range(max(len(first.vocab), len(other.vocab)))
        if _token(first, i) != _token(other, i)
    ]
    raise StoreError(
        f"Cannot merge {other.path} with {first.path}: their tokenizers differ (token ids "
        f"{ids[:5]} have other bytes), so the same id is not the same token. Merge only shards "
        "harvested with the same tokenizer."
    )


def _token(store: FeatureStore, i: int) -> object:
    if i >= len(store.vocab):
        return None
    return store.partial_tokens.get(i, store.vocab[i])


def _check_disjoint(stores: list[FeatureStore]) -> None:
    """StoreError when two stores hold some of the same documents or rows (``_overlap``)."""
    if len(stores) < 2:
        return
    described = [(s.path, s.meta.n_seq, s.n_tokens, _bos(s)) for s in stores]
    found = overlapping(described)
    if found is not None:
        i, j, fraction = found
        raise StoreError(
            f"{stores[j].path} and {stores[i].path} hold some of the same documents or token "
            f"rows ({fraction:.1%} of the smaller one's tokens): merging them would count those "
            "tokens twice. Harvest shards from disjoint parts of the data, and merge each once."
        )


def _bos(store: FeatureStore) -> int | None:
    """The BOS id that separates documents in a packed store (None without BOS)."""
    if not store.meta.prepend_bos or store.n_tokens == 0:
        return None
    return int(read_range(store.path / "tokens.bin", np.int32, 0, 1)[0])


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _merge_into(stores: list[FeatureStore], folder: Path) -> None:
    first = stores[0]
    for name in _COPIED:
        if (first.path / name).exists():
            shutil.copyfile(first.path / name, folder / name)
    pieces = [(i, s.meta.n_seq) for i, s in enumerate(stores)]
    merged = assemble([s.path for s in stores], pieces, folder)
    finish_store(
        folder,
        {k: getattr(first.meta, k) for k in _LENS_FIELDS},
        merged.acc,
        n_tokens=merged.n_tokens,
        n_seq=merged.n_seq,
        top_k=first.meta.top_k,
        dataset_fingerprint=merged.fingerprint,
    )


@dataclass
class Assembled:
    """What ``assemble`` wrote: merged statistics, sizes and the dataset fingerprint."""

    acc: FeatureAccumulator
    n_tokens: int
    n_seq: int
    fingerprint: str


@dataclass
class _Cursor:
    """Where the next unread sequence of a shard starts, and where its pieces went."""

    seq: int = 0
    tok: int = 0
    entry: int = 0
    local_starts: list[int] = field(default_factory=list)
    global_starts: list[int] = field(default_factory=list)


def assemble(shards: Sequence[Path], pieces: Sequence[tuple[int, int]], folder: Path) -> Assembled:
    """Write tokens, sequence lengths, token-major record and merged statistics of ``shards``
    into ``folder``, taking sequences in the order ``pieces`` gives (see the module doc)."""
    cursors = [_Cursor() for _ in shards]
    hasher = hashlib.sha256()
    (folder / "record").mkdir(parents=True, exist_ok=True)
    n_tok = n_seq = 0
    with ExitStack() as stack:
        out = {
            "tokens": stack.enter_context(open(folder / "tokens.bin", "wb")),
            "seq_len": stack.enter_context(open(folder / "seq_len.bin", "wb")),
        }
        for name in _RECORD:
            out[name] = stack.enter_context(open(folder / "record" / f"{name}.bin", "wb"))
        src = [
            {
                name: stack.enter_context(open(path / rel, "rb"))
                for name, rel in (
                    ("tokens", "tokens.bin"),
                    ("seq_len", "seq_len.bin"),
                    *((n, f"record/{n}.bin") for n in _RECORD),
                )
            }
            for path in shards
        ]
        for i, k in pieces:
            cur, files = cursors[i], src[i]
            cur.local_starts.append(cur.tok)
            cur.global_starts.append(n_tok)
            for s in range(0, k, SEQ_STEP):
                lens = _read_at(files["seq_len"], np.int32, cur.seq, min(SEQ_STEP, k - s))
                if len(lens) < min(SEQ_STEP, k - s):
                    raise StoreError(f"{shards[i]} holds fewer sequences than its pieces need.")
                out["seq_len"].write(lens.tobytes())
                t = int(lens.sum(dtype=np.int64))
                _copy(files["tokens"], out["tokens"], 4 * cur.tok, 4 * t, hasher)
                entries = _copy_nnz(files["tok_nnz"], out["tok_nnz"], cur.tok, t)
                for name in ("tok_feature", "tok_value"):
                    _copy(files[name], out[name], 4 * cur.entry, 4 * entries)
                cur.seq += len(lens)
                cur.tok += t
                cur.entry += entries
                n_tok += t
                n_seq += len(lens)
    for path, cur in zip(shards, cursors, strict=True):
        _check_used_up(path, cur)
    acc = _merged_statistics(shards, cursors)
    return Assembled(acc=acc, n_tokens=n_tok, n_seq=n_seq, fingerprint=hasher.hexdigest())


def _merged_statistics(shards: Sequence[Path], cursors: Sequence[_Cursor]) -> FeatureAccumulator:
    """The shards' accumulated statistics merged, their top-k token positions made global."""
    acc = None
    for path, cur in zip(shards, cursors, strict=True):
        part = FeatureAccumulator.from_numpy(load_file(path / "accumulators.safetensors"))
        if acc is not None and part.top_val.shape != acc.top_val.shape:
            raise StoreError(
                f"{path} has statistics of shape {part.top_val.shape} (d_sae, top_k), not "
                f"{acc.top_val.shape} like {shards[0]}: merge only shards of one harvest setup."
            )
        _globalise(part.top_tok, np.asarray(cur.local_starts), np.asarray(cur.global_starts))
        if acc is None:
            acc = part
        else:
            acc.merge(part, token_offset=0)
    if acc is None:
        raise StoreError("Nothing to merge: no shards were given.")
    return acc


def _check_used_up(path: Path, cur: _Cursor) -> None:
    """StoreError unless the pieces took every sequence, token and record entry of a shard."""
    sizes = {
        "seq_len.bin": (cur.seq, 4),
        "tokens.bin": (cur.tok, 4),
        "record/tok_nnz.bin": (cur.tok, 4),
        "record/tok_feature.bin": (cur.entry, 4),
        "record/tok_value.bin": (cur.entry, 4),
    }
    for rel, (used, size) in sizes.items():
        if (path / rel).stat().st_size != used * size:
            raise StoreError(
                f"{path / rel} holds {(path / rel).stat().st_size // size} items but the merge "
                f"took {used}: the shard and the sequence counts given for it disagree. Harvest "
                "the shard again."
            )


def _globalise(top_tok: np.ndarray, local_starts: np.ndarray, global_starts: np.ndarray) -> None:
    """Map a shard's token indices to merged ones, in place (-1 stays -1)."""
    filled = top_tok >= 0
    if not filled.any():
        return
    t = top_tok[filled]
    piece = np.searchsorted(local_starts, t, side="right") - 1
    top_tok[filled] = t - local_starts[piece] + global_starts[piece]


def _read_at(f: BinaryIO, dtype: type, start: int, count: int) -> np.ndarray:
    size = np.dtype(dtype).itemsize
    f.seek(start * size)
    return np.frombuffer(f.read(count * size), dtype=dtype)


def _copy(
    src: BinaryIO, dst: BinaryIO, start: int, n: int, hasher: hashlib._Hash | None = None
) -> None:
    """Append ``n`` bytes of ``src`` from byte ``start`` to ``dst``, ``COPY_BYTES`` at a time."""
    src.seek(start)
    while n > 0:
        data = src.read(min(n, COPY_BYTES))
        if not data:
            raise StoreError(f"{src.name} is shorter than its store says; harvest it again.")
        dst.write(data)
        if hasher is not None:
            hasher.update(data)
        n -= len(data)


def _copy_nnz(src: BinaryIO, dst: BinaryIO, tok: int, n: int) -> int:
    """Copy the per-token entry counts of ``n`` tokens from ``tok``; returns their sum."""
    total = 0
    for s in range(0, n, COPY_BYTES // 4):
        nnz = _read_at(src, np.int32, tok + s, min(COPY_BYTES // 4, n - s))
        dst.write(nnz.tobytes())
        total += int(nnz.sum(dtype=np.int64))
    return total
