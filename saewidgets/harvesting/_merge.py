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
    "model_fingerprint",
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
    if isinstance(stores, (str, os.PathLike, FeatureStore)):
        raise StoreError("merge_stores takes a list of stores (or paths), not a single one.")
    opened = [s if isinstance(s, FeatureStore) else FeatureStore.open(s) for s in stores]
    if not opened:
        raise StoreError("merge_stores needs at least one store.")
    _check_mergeable(opened)
    target = Path(out)
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


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
