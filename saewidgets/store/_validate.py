"""Checking a store folder's files against its ``meta.json`` before anything is read from them.

Every file the store depends on must exist with the size, length, dtype and shape that the
metadata implies; otherwise ``StoreError`` names the file and what to do about it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from saewidgets._errors import StoreError
from saewidgets.store._meta import ARCHITECTURES, StoreMeta

_FIX = "Copy the store again from its source, or harvest it again."


def _fail(path: Path, problem: str) -> StoreError:
    return StoreError(f"{path} {problem}; the store is damaged or incomplete. {_FIX}")


def damaged(folder: Path, problems: list[str]) -> StoreError:
    """StoreError for a store whose files fail their checks, listing the problems."""
    shown = "; ".join(problems[:8]) + (
        f"; and {len(problems) - 8} more" if len(problems) > 8 else ""
    )
    return StoreError(f"The store at {folder} is damaged: {shown}. {_FIX}")


def _sized(path: Path, n_bytes: int, what: str) -> None:
    if not path.is_file():
        raise _fail(path, "is missing")
    size = path.stat().st_size
    if size != n_bytes:
        raise _fail(path, f"holds {size} bytes but {what} in meta.json needs {n_bytes}")


def _tensors(path: Path, expected: dict[str, tuple[tuple[int | None, ...], str]]) -> set[str]:
    """Check a safetensors file's header: every expected name with its shape and dtype kind."""
    from safetensors import safe_open

    if not path.is_file():
        raise _fail(path, "is missing")
    try:
        with safe_open(str(path), "np") as f:
            found = {
                k: (tuple(f.get_slice(k).get_shape()), f.get_slice(k).get_dtype()) for k in f.keys()
            }
    except Exception as exc:  # safetensors raises its own error types for damaged files
        raise _fail(path, f"cannot be read ({exc})") from exc
    for name, (shape, kind) in expected.items():
        if name not in found:
            raise _fail(path, f"lacks the array {name!r}")
        got, dtype = found[name]
        if len(got) != len(shape) or any(
            s is not None and s != g for s, g in zip(shape, got, strict=True)
        ):
            want = tuple("*" if s is None else s for s in shape)
            raise _fail(path, f"has {name!r} of shape {got}, but meta.json implies {want}")
        if dtype[0] != kind:
            raise _fail(path, f"has {name!r} of dtype {dtype}, expected {kind}*")
    return set(found)


def validate_store(folder: Path, meta: StoreMeta) -> dict[str, Any]:
    """Raise StoreError unless every file matches ``meta``; returns what was read on the way
    (``features``, ``vocab``) so it is not read twice."""
    d, k = meta.d_sae, meta.top_k
    for name in ("d_sae", "n_tokens", "n_seq", "top_k", "d_in", "d_model", "d_vocab"):
        value = getattr(meta, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise _fail(folder / "meta.json", f"has {name}={value!r}, not a count")
    if d < 1:
        raise _fail(folder / "meta.json", f"has d_sae={d}")
    if meta.architecture not in ARCHITECTURES:
        raise StoreError(
            f"{folder / 'meta.json'} names the SAE architecture {meta.architecture!r}, which "
            f"this saewidgets does not know ({', '.join(ARCHITECTURES)}). Upgrade saewidgets if "
            f"a newer one wrote the store; otherwise the file is damaged: {_FIX}"
        )
    top = meta.max_token_id
    if isinstance(top, bool) or not isinstance(top, int) or top < -1:
        raise _fail(folder / "meta.json", f"has max_token_id={top!r}, not a token id")
    _tensors(
        folder / "weights.safetensors",
        {
            "W_enc": ((meta.d_in, d), "F"),
            "W_dec": ((d, meta.d_in), "F"),
            "b_enc": ((d,), "F"),
            "b_dec": ((meta.d_in,), "F"),
            **({"W_out": ((d, None), "F")} if meta.has_output_directions else {}),
        },
    )
    _tensors(
        folder / "accumulators.safetensors",
        {
            "count": ((d,), "I"),
            "total": ((d,), "F"),
            "max": ((d,), "F"),
            "hist": ((d, None), "I"),
            "top_val": ((d, k), "F"),
            "top_tok": ((d, k), "I"),
        },
    )
    if meta.has_output_directions:
        per = {"top_ids": "I", "bottom_ids": "I", "top_values": "F", "bottom_values": "F"}
        _tensors(
            folder / "logits.safetensors",
            {
                **{name: ((d, None), kind) for name, kind in per.items()},
                "hist_counts": ((d, None), "I"),
                "hist_lo": ((d,), "F"),
                "hist_hi": ((d,), "F"),
            },
        )
    indptr = _token_files(folder, meta)
    features = _features(folder, d)
    _check_counts(folder, features["count"].to_numpy(), np.diff(indptr), meta)
    return {"features": features, "vocab": _vocab(folder, meta.d_vocab)}


def _check_counts(folder: Path, count: np.ndarray, recorded: np.ndarray, meta: StoreMeta) -> None:
    """StoreError unless the table's firing counts are the record's (at most the record's where
    the statistics leave special tokens out)."""
    excluded = bool(meta.excluded_token_ids)
    if not ((count <= recorded).all() if excluded else np.array_equal(count, recorded)):
        raise _fail(
            folder / "features.parquet",
            "has firing counts that differ from the record's (rows out of order or edited)",
        )


def _token_files(folder: Path, meta: StoreMeta) -> np.ndarray:
    """Check the tokens, sequence lengths and record files; returns the record's offsets."""
    d, n = meta.d_sae, meta.n_tokens
    _sized(folder / "tokens.bin", 4 * n, f"n_tokens={n} (int32)")
    _sized(folder / "seq_len.bin", 4 * meta.n_seq, f"n_seq={meta.n_seq} (int32)")
    seq_len = np.fromfile(folder / "seq_len.bin", dtype=np.int32)
    if (seq_len < 1).any() or int(seq_len.sum(dtype=np.int64)) != n:
        raise _fail(folder / "seq_len.bin", f"does not add up to n_tokens={n}")
    rec = folder / "record"
    _sized(rec / "feat_indptr.bin", 8 * (d + 1), f"d_sae={d} (int64 offsets)")
    _sized(rec / "tok_nnz.bin", 4 * n, f"n_tokens={n} (int32 counts)")
    indptr = np.fromfile(rec / "feat_indptr.bin", dtype=np.int64)
    if indptr[0] != 0 or (np.diff(indptr) < 0).any():
        raise _fail(rec / "feat_indptr.bin", "is not a valid offset table")
    nnz = int(indptr[-1])
    for name, size in (("tok_feature", 4), ("tok_value", 4), ("feat_token", 8), ("feat_value", 4)):
        _sized(rec / f"{name}.bin", size * nnz, f"the record's {nnz} entries")
    return indptr


def _features(folder: Path, d_sae: int) -> Any:
    import pandas as pd

    path = folder / "features.parquet"
    if not path.is_file():
        raise _fail(path, "is missing")
    try:
        table = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for damaged files
        raise _fail(path, f"cannot be read ({type(exc).__name__}: {exc})") from exc
    missing = {"count", "density", "max_act", "dead", "ultra_rare", "dense"} - set(table.columns)
    if len(table) != d_sae or missing:
        raise _fail(path, f"has {len(table)} rows (meta.json: d_sae={d_sae}) or lacks {missing}")
    if not np.array_equal(table.index.to_numpy(), np.arange(d_sae)):
        raise _fail(path, f"has rows out of order (its index is not 0..{d_sae - 1})")
    return table


def _vocab(folder: Path, d_vocab: int) -> list[str]:
    path = folder / "vocab.json"
    if not path.is_file():
        raise _fail(path, "is missing")
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _fail(path, f"is not valid JSON ({exc})") from exc
    if not isinstance(vocab, list) or len(vocab) != d_vocab:
        size = len(vocab) if isinstance(vocab, list) else type(vocab).__name__
        raise _fail(path, f"holds {size} tokens, but meta.json has d_vocab={d_vocab}")
    return [str(t) for t in vocab]
