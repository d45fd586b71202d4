"""Harvest under torch.distributed (torchrun): each rank harvests its share, rank 0 merges.

Every rank reads the same data and keeps blocks of ``batch_size`` sequences in turn (block j
goes to rank j mod world size), so the merged store equals a single-process harvest batch for
batch. Ranks talk only at start-up (rank 0 checks ``out`` and makes the shard folder beside it)
and at the end (gather each rank's outcome, rank 0 merges, broadcast the result): no collective
per batch. Shards live in a hidden sibling of ``out``, so ``out`` must be on a file system that
every rank sees.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import torch.distributed as dist
from safetensors.numpy import save_file
from tqdm.auto import tqdm

from saewidgets._errors import DataError, DistributedError
from saewidgets.harvesting._data import batches
from saewidgets.harvesting._finish import finish_harvest
from saewidgets.harvesting._merge import assemble
from saewidgets.harvesting._pass import harvest_raw, sized_sequences
from saewidgets.store._write import (
    check_target,
    clean_stale_temps,
    make_temp_folder,
    store_path,
    write_store_atomically,
)

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.models._lens import Lens

TIMEOUT = _dt.timedelta(days=1)  # rank 0's merge of a big store may take a while


@dataclass(frozen=True)
class Group:
    """This process's place in the run and the gloo group the ranks coordinate over."""

    rank: int
    world: int
    gloo: Any


def process_group() -> Group | None:
    """The running process group, or one initialised from torchrun's environment (RANK,
    WORLD_SIZE, MASTER_ADDR); None in a single process."""
    if not dist.is_available():
        return None
    if not dist.is_initialized():  # kept for the process's lifetime, for later harvests too
        env = os.environ
        if int(env.get("WORLD_SIZE", "1")) <= 1 or "RANK" not in env or "MASTER_ADDR" not in env:
            return None
        if torch.cuda.is_available():
            torch.cuda.set_device(int(env.get("LOCAL_RANK", "0")))
            dist.init_process_group("cuda:nccl,cpu:gloo", timeout=TIMEOUT)
        else:
            dist.init_process_group("gloo", timeout=TIMEOUT)
    if dist.get_world_size() <= 1:
        return None
    gloo = dist.new_group(backend="gloo", timeout=TIMEOUT)
    return Group(dist.get_rank(), dist.get_world_size(), gloo)


def share(
    seqs: Iterator[np.ndarray], block: int, group: Group, seen: list[int], digest: Any = None
) -> Iterator:
    """This rank's sequences: block j of ``block`` sequences when j mod world == rank.
    ``seen[0]`` counts every sequence read, this rank's or not; ``digest`` (a hashlib object)
    takes every one of them, so that ranks can check they read the same data."""
    for i, seq in enumerate(seqs):
        seen[0] = i + 1
        if digest is not None:
            digest.update(len(seq).to_bytes(8, "little"))
            digest.update(np.ascontiguousarray(seq, dtype=np.int64).tobytes())
        if (i // block) % group.world == group.rank:
            yield seq


def layout(n_seq: int, block: int, world: int) -> list[tuple[int, int]]:
    """Merge order: (rank, number of sequences) for each block, in data order."""
    return [(j % world, min(block, n_seq - s)) for j, s in enumerate(range(0, n_seq, block))]


def harvest_distributed(
    group: Group,
    lens: Lens,
    data: Any,
    n_tokens: int | None,
    batch_size: int | None,
    top_k: int,
    out: str | os.PathLike[str] | None,
    overwrite: bool,
    progress: bool,
    excluded: Sequence[int] = (),
) -> FeatureStore:
    """``harvest`` on every rank of ``group``; every rank returns the merged store."""
    from saewidgets.analysis._featurestore import FeatureStore

    try:
        target, shards = _start(group, out, overwrite)
        try:
            outcome = _harvest_share(
                group, lens, data, n_tokens, batch_size, top_k, shards, progress, excluded
            )
            outcomes = _gather(group, outcome)
            _raise_first(group, outcomes, outcome)
            own: Exception | None = None
            merged: list[Any] = [None]
            if group.rank == 0:
                own = _merge(group, lens, outcomes, shards, target, top_k, overwrite, excluded)
                merged = [None if own is None else _failure(0, own)]
            dist.broadcast_object_list(merged, src=0, group=group.gloo)
            _raise_first(group, merged, own)
        finally:
            if group.rank == 0:
                shutil.rmtree(shards, ignore_errors=True)
        return FeatureStore.open(target)
    finally:
        dist.destroy_process_group(group.gloo)


@dataclass(frozen=True)
class _Failure:
    """A rank's error, as the other ranks report it."""

    rank: int
    text: str


@dataclass(frozen=True)
class _Share:
    """What a rank harvested: its sequence count, the sequences it read in all, block size."""

    n_seq: int
    seen: int
    block: int
    data: str  # sha256 of every sequence read, this rank's or not


def _start(group: Group, out: Any, overwrite: bool) -> tuple[Path, Path]:
    """Rank 0 checks ``out``, tidies shard folders of killed runs and makes the shard folder
    (marked as ours, like a store's temporary folder); every rank learns both paths."""
    sent: list[Any] = [None]
    error: BaseException | None = None
    if group.rank == 0:
        try:
            target = (
                store_path(out)
                if out is not None
                else Path(tempfile.mkdtemp(prefix="saewidgets-")) / "store"
            )
            check_target(target, overwrite)
            target.parent.mkdir(parents=True, exist_ok=True)
            clean_stale_temps(target.parent, target.name)
            shards = make_temp_folder(target, "shards")
            sent = [(str(target.resolve()), str(shards))]
        except Exception as exc:
            error, sent = exc, [_failure(0, exc)]
    dist.broadcast_object_list(sent, src=0, group=group.gloo)
    _raise_first(group, sent, error)
    return Path(sent[0][0]), Path(sent[0][1])


def _harvest_share(
    group: Group,
    lens: Lens,
    data: Any,
    n_tokens: int | None,
    batch_size: int | None,
    top_k: int,
    shards: Path,
    progress: bool,
    excluded: Sequence[int],
) -> _Share | BaseException:
    """Harvest this rank's share into ``shards/rank-N``; an error is returned, not raised, so
    that every rank still reaches the final gather."""
    try:
        folder = shards / f"rank-{group.rank}"
        folder.mkdir()
        seqs, size = sized_sequences(lens, data, n_tokens, batch_size)
        seen, digest = [0], hashlib.sha256()
        desc = f"harvest (rank {group.rank} of {group.world})"
        total = None if n_tokens is None else -(-n_tokens // group.world)
        bar = tqdm(total=total, unit="tok", desc=desc, disable=not progress, unit_scale=True)
        mine = share(seqs, size, group, seen, digest)
        launcher = os.getppid()

        def step(n: int) -> None:
            check_launcher(launcher)
            bar.update(n)

        raw = harvest_raw(lens, batches(mine, size), top_k, folder, step, excluded)
        bar.close()
        save_file(raw.acc.to_numpy(), folder / "accumulators.safetensors")
        return _Share(n_seq=raw.n_seq, seen=seen[0], block=size, data=digest.hexdigest())
    except Exception as exc:
        return exc


def check_launcher(pid: int) -> None:
    """DistributedError once this rank's launcher (torchrun, pid ``pid``) is gone: a rank
    whose launcher was killed stops at its next batch instead of writing on alone."""
    if os.getppid() != pid:
        raise DistributedError(
            f"The launcher of this rank (pid {pid}) has exited, so this rank stops; nothing is "
            "written to out. Run the harvest again."
        )


def _gather(group: Group, outcome: _Share | BaseException) -> list[Any]:
    sent = _failure(group.rank, outcome) if isinstance(outcome, BaseException) else outcome
    outcomes: list[Any] = [None] * group.world
    dist.all_gather_object(outcomes, sent, group=group.gloo)
    return outcomes


def _merge(
    group: Group,
    lens: Lens,
    outcomes: list[_Share],
    shards: Path,
    target: Path,
    top_k: int,
    overwrite: bool,
    excluded: Sequence[int],
) -> Exception | None:
    """Rank 0: merge the shards into ``target`` (atomically); an error is returned."""
    try:
        seen = {o.seen for o in outcomes}
        if len(seen) != 1 or len({o.block for o in outcomes}) != 1:
            raise DataError(
                f"The ranks read different data (sequences per rank: {[o.seen for o in outcomes]})"
                "; give every rank the same data in the same order."
            )
        if len({o.data for o in outcomes}) != 1:
            ranks = [r for r, o in enumerate(outcomes) if o.data != outcomes[0].data]
            raise DataError(
                f"Rank 0 and rank(s) {ranks} read different data (the same number of sequences, "
                "other tokens), so their shards cannot be merged into one store; give every rank "
                "the same data in the same order. Nothing was written to out."
            )
        n_seq, block = seen.pop(), outcomes[0].block
        pieces = layout(n_seq, block, group.world)
        expected = [sum(k for r, k in pieces if r == rank) for rank in range(group.world)]
        if expected != [o.n_seq for o in outcomes]:
            raise DataError(f"The ranks' shares {[o.n_seq for o in outcomes]} != {expected}.")
        dirs = [shards / f"rank-{r}" for r in range(group.world)]

        def fill(folder: Path) -> None:
            merged = assemble(dirs, pieces, folder)
            finish_harvest(
                folder,
                lens,
                merged.acc,
                n_tokens=merged.n_tokens,
                n_seq=merged.n_seq,
                top_k=top_k,
                dataset_fingerprint=merged.fingerprint,
                excluded=excluded,
            )

        write_store_atomically(target, overwrite, fill)
        return None
    except Exception as exc:
        return exc


def _failure(rank: int, exc: BaseException) -> _Failure:
    return _Failure(rank, f"{type(exc).__name__}: {exc}")


def _raise_first(group: Group, outcomes: list[Any], own: Any) -> None:
    """Raise this rank's own error if it failed, else the first other rank's error, if any."""
    if isinstance(own, BaseException):
        raise own
    for o in outcomes:
        if isinstance(o, _Failure):
            raise DistributedError(
                f"The distributed harvest failed on rank {o.rank} of {group.world}: {o.text}. "
                "Nothing was written to out; fix that error and run again."
            )
