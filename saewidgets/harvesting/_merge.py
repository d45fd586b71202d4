"""Merging harvest shards: stores of consecutive token shards merge into the store of the whole."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from safetensors.numpy import load_file

from saewidgets._errors import StoreError
from saewidgets.analysis._featurestore import FeatureStore
from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.harvesting._finish import finish_store
from saewidgets.store._record import concat_records
from saewidgets.store._write import write_store_atomically

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
    "context_size",
    "prepend_bos",
    "normalisation",
    "sae_config",
)
_COPIED = ("weights.safetensors", "logits.safetensors", "vocab.json")


def merge_stores(
    stores: Sequence[FeatureStore | str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> FeatureStore:
    """Merge stores harvested on consecutive token shards (in order) into one store at ``out``."""
    opened = [s if isinstance(s, FeatureStore) else FeatureStore.open(s) for s in stores]
    if not opened:
        raise StoreError("merge_stores needs at least one store.")
    first = opened[0].meta
    for s in opened[1:]:
        if s.meta.sae_fingerprint != first.sae_fingerprint or s.meta.hook != first.hook:
            raise StoreError(
                f"{s.path} was harvested with another SAE or hook than {opened[0].path}."
            )
        if s.meta.top_k != first.top_k:
            raise StoreError(f"{s.path} kept top_k={s.meta.top_k}, {opened[0].path} {first.top_k}.")
    target = Path(out)
    write_store_atomically(target, overwrite, lambda tmp: _merge_into(opened, tmp))
    return FeatureStore.open(target)


def _merge_into(stores: list[FeatureStore], folder: Path) -> None:
    first = stores[0]
    for name in _COPIED:
        if (first.path / name).exists():
            shutil.copyfile(first.path / name, folder / name)
    hasher = hashlib.sha256()
    with open(folder / "tokens.bin", "wb") as tok, open(folder / "seq_len.bin", "wb") as sl:
        for s in stores:
            data = (s.path / "tokens.bin").read_bytes()
            tok.write(data)
            hasher.update(data)
            sl.write((s.path / "seq_len.bin").read_bytes())
    concat_records([s.path / "record" for s in stores], folder / "record")
    acc = FeatureAccumulator.from_numpy(load_file(first.path / "accumulators.safetensors"))
    offset = first.n_tokens
    for s in stores[1:]:
        acc.merge(
            FeatureAccumulator.from_numpy(load_file(s.path / "accumulators.safetensors")), offset
        )
        offset += s.n_tokens
    base = {k: getattr(first.meta, k) for k in _LENS_FIELDS}
    finish_store(
        folder,
        base,
        acc,
        n_tokens=offset,
        n_seq=int(sum(s.meta.n_seq for s in stores)),
        top_k=first.meta.top_k,
        dataset_fingerprint=hasher.hexdigest(),
    )
