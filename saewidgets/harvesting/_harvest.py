"""harvest: one streaming pass of tokens through a Lens into a FeatureStore on disk."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saewidgets._checks import flag_arg
from saewidgets._errors import ArgumentError, count_arg
from saewidgets.harvesting._data import select_column
from saewidgets.harvesting._distributed import harvest_distributed, process_group
from saewidgets.harvesting._pass import harvest_into
from saewidgets.store._write import check_overwrite, store_path, write_store_atomically

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.models._lens import Lens

MAX_TOP_K = 1000  # top examples kept per feature: d_sae x top_k x 12 bytes in memory


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
    column: str | None = None,
    exclude_special_tokens: bool | Sequence[int] = True,
) -> FeatureStore:
    """Run ``data`` through ``lens`` once and write a FeatureStore folder.

    ``data``: a list of strings (packed into BOS-started sequences of ``lens.context_size``
    tokens), an int tensor ``[n_seq, seq_len]`` (rows used as given), an iterable of either, or
    a table (``datasets.Dataset``/``IterableDataset``, pandas DataFrame, list of dicts) read from
    ``column`` (default: the first of ``input_ids``, ``tokens``, ``text`` it has).
    ``n_tokens`` caps the tokens read; ``batch_size`` is in sequences (default: sized from
    d_sae). ``out`` is the store folder (default: a new temporary folder). The store is written
    to a temporary sibling and renamed into place when complete.
    ``exclude_special_tokens`` (as in SAELens's activation store): True leaves the tokenizer's
    special tokens (BOS, EOS, PAD, ...) out of the statistics, densities and top examples, a
    list of ids leaves those out, False counts every token; the record keeps every activation
    (views show BOS greyed in context) and ``store.meta.excluded_token_ids`` says which.
    """
    from saewidgets.analysis._featurestore import FeatureStore

    if not (hasattr(lens, "sae") and hasattr(lens, "encode_tokens")):
        raise ArgumentError(
            f"lens must be an sw.Lens, got {type(lens).__name__}; make one with "
            "sw.Lens(model, sae)."
        )
    progress = flag_arg(progress, "progress")
    top_k = count_arg(top_k, "top_k", 1, MAX_TOP_K)
    n_tokens = None if n_tokens is None else count_arg(n_tokens, "n_tokens")
    batch_size = None if batch_size is None else count_arg(batch_size, "batch_size")
    check_overwrite(overwrite)
    data = select_column(data, column)
    excluded = excluded_ids(lens, exclude_special_tokens)
    group = process_group()
    if group is not None:
        return harvest_distributed(
            group, lens, data, n_tokens, batch_size, top_k, out, overwrite, progress, excluded
        )
    target = (
        store_path(out)
        if out is not None
        else Path(tempfile.mkdtemp(prefix="saewidgets-")) / "store"
    )
    write_store_atomically(
        target,
        overwrite,
        lambda tmp: harvest_into(lens, data, n_tokens, batch_size, top_k, tmp, progress, excluded),
    )
    return FeatureStore.open(target)


def excluded_ids(lens: Lens, exclude: bool | Sequence[int]) -> list[int]:
    """The token ids ``exclude_special_tokens`` names: the Lens's special tokens for True."""
    if isinstance(exclude, bool):
        return lens.special_token_ids() if exclude else []
    if isinstance(exclude, (str, bytes)) or not isinstance(exclude, Sequence):
        raise ArgumentError(
            f"exclude_special_tokens must be True, False or a list of token ids, got {exclude!r}"
        )
    d_vocab = lens.adapter.d_vocab
    bad = [
        t for t in exclude if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t < d_vocab
    ]
    if bad:
        raise ArgumentError(
            f"exclude_special_tokens has {bad[:5]}, not token ids in 0..{d_vocab - 1}; "
            "pass ids of the model's vocabulary."
        )
    return sorted({int(t) for t in exclude})
