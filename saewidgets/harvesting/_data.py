"""Turn harvest input (strings, token tensors, tables, or iterables of those) into token sequences.

Tables (a ``datasets.Dataset`` or ``IterableDataset``, a pandas DataFrame, a list of dicts) are
read from one column: ``column=`` names it, else the first of ``input_ids``, ``tokens``, ``text``
present. A column of strings is packed like a list of strings; a column of token-id lists is
used row by row as given.

Strings are packed as SAELens's ``ActivationsStore`` packs a text dataset (its
``concat_and_batch_sequences``, with the SAE's ``sequence_separator_token`` and
``disable_concat_sequences`` when its SAELens config records them): each document's tokens (no
special tokens) are appended to the current sequence, after the separator (BOS by default) when
the sequence is not empty; sequences of ``context_size`` tokens start with BOS when the SAE
prepends it, and a document that does not fit continues in the next sequence. SAELens drops
the last, shorter sequence; it is kept here. Token tensors ``[n_seq, seq_len]``
are used row by row exactly as given. See docs/models.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np

from saewidgets._errors import DataError

AUTO_COLUMNS = ("input_ids", "tokens", "text")


def select_column(data: Any, column: str | None) -> Any:
    """The values of one column when ``data`` is a table (see module doc), else ``data``."""
    table = _table_rows(data, column)
    if table is None and column is not None:
        raise DataError(
            f"column={column!r} applies to tables (a datasets.Dataset, a pandas DataFrame or a "
            f"list of dicts), not to {type(data).__name__}."
        )
    return data if table is None else table


def iter_sequences(lens: Any, data: Any, n_tokens: int | None) -> Iterator[np.ndarray]:
    """Yield int64 token sequences from ``data`` until ``n_tokens`` tokens (None: all) are given."""
    given = 0
    for seq in _sequences(lens, data):
        if n_tokens is not None:
            if given >= n_tokens:
                return
            seq = seq[: n_tokens - given]
        if len(seq) == 0:
            continue
        given += len(seq)
        yield seq
    if given == 0:
        raise DataError(
            "No tokens to harvest: the data is empty (or every text is empty). Pass a list of "
            "non-empty strings, an int tensor [n_seq, seq_len], or an iterable of those."
        )


_EXPECTED = (
    "each item must be a string (one document) or an int token array/tensor [n_seq, seq_len]; "
    "data is a list or iterable of those, one token array, or a table (datasets.Dataset, "
    "DataFrame, list of dicts) with column="
)


def _refuse(thing: Any, what: str) -> DataError:
    return DataError(f"Cannot harvest {what} of type {type(thing).__name__}: {_EXPECTED}.")


def _sequences(lens: Any, data: Any, depth: int = 0) -> Iterator[np.ndarray]:
    if isinstance(data, str):
        raise DataError("Pass a list of strings, not a bare string (harvest([text]) for one text).")
    if _is_token_array(data):
        yield from _rows(lens, data)
        return
    if not isinstance(data, Iterable) or isinstance(data, (Mapping, bytes, bytearray, memoryview)):
        raise _refuse(data, "data" if depth == 0 else "an item")
    packer = _Packer(lens)
    for item in data:
        if isinstance(item, list) and item and all(isinstance(t, (int, np.integer)) for t in item):
            item = np.asarray(item, dtype=np.int64)
        if isinstance(item, str):
            yield from packer.add(item)
        elif _is_token_array(item):
            yield from packer.flush()
            yield from _rows(lens, item)
        elif depth == 0 and isinstance(item, Iterable) and not isinstance(item, Mapping):
            for sub in _sequences(lens, item, depth + 1):  # a batch of items
                yield from packer.flush()
                yield sub
        else:
            raise _refuse(item, "an item")
    yield from packer.flush()


def _table_rows(data: Any, column: str | None) -> Iterator[Any] | None:
    """The chosen column's values when ``data`` is a table, else None."""
    if _is_dataframe(data):
        name = _pick_column(list(data.columns), column)
        return (v for v in data[name])
    if _is_hf_dataset(data):
        names = data.column_names
        if names is None:  # an IterableDataset with unknown features: look at the first row
            first = next(iter(data), None)
            names = list(first) if isinstance(first, Mapping) else []
        name = _pick_column(list(names), column)
        return (row[name] for row in data)
    if isinstance(data, (list, tuple)) and data and isinstance(data[0], Mapping):
        name = _pick_column(list(data[0]), column)
        return (_cell(row, name, i) for i, row in enumerate(data))
    return None


def _cell(row: Any, name: str, i: int) -> Any:
    if not isinstance(row, Mapping) or name not in row:
        raise DataError(f"Row {i} of the list of dicts has no {name!r} key.")
    return row[name]


def _is_dataframe(data: Any) -> bool:
    return type(data).__name__ == "DataFrame" and hasattr(data, "columns") and hasattr(data, "iloc")


def _is_hf_dataset(data: Any) -> bool:
    return type(data).__module__.startswith("datasets.") and hasattr(data, "column_names")


def _pick_column(names: list[str], column: str | None) -> str:
    if column is not None:
        if column not in names:
            raise DataError(f"No column {column!r}; the columns are {names}.")
        return column
    for name in AUTO_COLUMNS:
        if name in names:
            return name
    raise DataError(
        f"None of the columns {names} is {' or '.join(map(repr, AUTO_COLUMNS))}; pass "
        "column= the one holding text or token ids."
    )


def _is_token_array(x: Any) -> bool:
    if hasattr(x, "detach") and hasattr(x, "dtype"):  # a torch tensor
        if x.dtype.is_floating_point or x.dtype.is_complex or str(x.dtype) == "torch.bool":
            raise DataError(f"Token tensors must hold integer ids, got dtype {x.dtype}.")
        return True
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "iu":
            raise DataError(f"Token arrays must hold integer ids, got dtype {x.dtype}.")
        return True
    return False


def _rows(lens: Any, tokens: Any) -> Iterator[np.ndarray]:
    arr = tokens.detach().cpu().numpy() if hasattr(tokens, "detach") else np.asarray(tokens)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise DataError(f"Token tensors must be [n_seq, seq_len], got shape {arr.shape}.")
    n_ctx = lens.adapter.n_ctx
    if arr.shape[1] > n_ctx:
        raise DataError(
            f"Token rows are {arr.shape[1]} long but the model's context is {n_ctx}; "
            f"cut them to at most {n_ctx} tokens."
        )
    d_vocab = lens.adapter.d_vocab
    if arr.size and (arr.min() < 0 or arr.max() >= d_vocab):
        raise DataError(f"Token ids must lie in 0..{d_vocab - 1}; got {arr.min()}..{arr.max()}.")
    for row in arr:
        yield row.astype(np.int64)


class _Packer:
    """Packs documents into sequences of ``lens.context_size`` tokens as SAELens's
    ``ActivationsStore`` does (``concat_and_batch_sequences``): each sequence starts with BOS
    when the SAE prepends it, a document joining a non-empty sequence is preceded by the
    separator (BOS unless the SAE's SAELens config names another ``sequence_separator_token``),
    and a document is continued in the next sequence. Unlike SAELens, the last, shorter
    sequence is kept. With ``disable_concat_sequences`` each document is one sequence, cut to
    ``context_size``, and documents shorter than that are skipped, as SAELens does."""

    def __init__(self, lens: Any) -> None:
        self.lens = lens
        self.size = int(lens.context_size)
        bos = lens.bos_token_id
        self.begin = bos if lens.prepend_bos else None
        self.sep, self.one_per_document = _saelens_packing(lens)
        if self.begin is not None and self.size < 2:
            raise DataError(
                f"context_size={self.size} leaves no room for text after the BOS token; "
                "pass context_size of 2 or more."
            )
        self.buf: list[int] = []

    def add(self, text: str) -> Iterator[np.ndarray]:
        ids = self.lens.tokenize_document(text)
        if self.one_per_document:
            if self.begin is not None and len(ids) >= self.size - 1 and ids[0] != self.begin:
                ids = [self.begin, *ids[: self.size - 1]]
            if len(ids) >= self.size:
                yield np.asarray(ids[: self.size], dtype=np.int64)
            return
        if ids and self.buf and self.sep is not None and ids[0] != self.sep:
            ids = [self.sep, *ids]
        while ids:
            if not self.buf and self.begin is not None and ids[0] != self.begin:
                self.buf = [self.begin]
            take = self.size - len(self.buf)
            self.buf.extend(ids[:take])
            ids = ids[take:]
            if len(self.buf) == self.size:
                yield self._take()

    def flush(self) -> Iterator[np.ndarray]:
        if self.buf:
            yield self._take()

    def _take(self) -> np.ndarray:
        seq, self.buf = np.asarray(self.buf, dtype=np.int64), []
        return seq


_SPECIAL = {"bos": "bos_token_id", "eos": "eos_token_id", "sep": "sep_token_id"}


def _saelens_packing(lens: Any) -> tuple[int | None, bool]:
    """(separator token id, one sequence per document) from a SAELens SAE's training settings
    ``sequence_separator_token`` (default ``"bos"``) and ``disable_concat_sequences``."""
    sae = getattr(lens, "sae", None)
    cfg = getattr(sae, "cfg", None) if getattr(sae, "format", None) == "saelens" else None
    flat = {**(cfg.get("metadata") or {}), **cfg} if isinstance(cfg, dict) else {}
    token = flat.get("sequence_separator_token", "bos")
    one = flat.get("disable_concat_sequences", False)
    if not isinstance(one, bool):
        raise DataError(f"The SAE's disable_concat_sequences is {one!r}; it must be true or false.")
    if token is None or (isinstance(token, int) and not isinstance(token, bool)):
        return token, one
    if token not in _SPECIAL:
        raise DataError(
            f"The SAE's sequence_separator_token is {token!r}; SAELens accepts a token id, "
            '"bos", "eos", "sep" or null. Fix its cfg.json.'
        )
    tokenizer = lens.adapter.tokenizer
    return (None if tokenizer is None else getattr(tokenizer, _SPECIAL[token], None)), one


def batches(seqs: Iterable[np.ndarray], batch_size: int) -> Iterator[np.ndarray]:
    """Stack up to ``batch_size`` consecutive sequences of equal length into ``[b, len]`` arrays."""
    batch: list[np.ndarray] = []
    for seq in seqs:
        if batch and (len(seq) != len(batch[0]) or len(batch) >= batch_size):
            yield np.stack(batch)
            batch = []
        batch.append(seq)
    if batch:
        yield np.stack(batch)
