"""``verify``: every check a store allows, reading every byte once, in bounded chunks.

Files against the checksums of the manifest written with them; then contents against each
other, which also covers stores written before manifests: finite weights and values, the
record's entries against the per-feature statistics, the feature table against both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np

from saewidgets._errors import StoreError
from saewidgets.store._manifest import check_files, read_manifest
from saewidgets.store._record import CHUNK, read_range
from saewidgets.store._validate import damaged


class StoreFiles(Protocol):
    """What verification reads of a store (``_reader.StoreFiles`` has it)."""

    path: Path
    meta: Any  # StoreMeta: excluded_token_ids

    @property
    def d_sae(self) -> int: ...
    @property
    def n_tokens(self) -> int: ...
    @property
    def weights(self) -> dict[str, np.ndarray]: ...
    @property
    def accumulators(self) -> dict[str, np.ndarray]: ...
    @property
    def features(self) -> Any: ...
    @property
    def tokens(self) -> np.ndarray: ...


def verify_store(store: StoreFiles) -> None:
    """StoreError listing every problem of ``store``'s files and contents (see module doc)."""
    files = read_manifest(store.path)
    problems = [] if files is None else check_files(store.path, files, full=True)
    problems += _finite(store)
    problems += _record(store)
    try:
        store.tokens  # noqa: B018  (checked against the vocabulary when read)
    except StoreError as exc:
        problems.append(str(exc).split(";")[0])
    if problems:
        raise damaged(store.path, problems)


def _finite(store: StoreFiles) -> list[str]:
    """Arrays of the weights and statistics holding NaN or infinity (empty top-example slots
    hold -inf: allowed there)."""
    problems = []
    named = [(f"weights.safetensors {k}", v) for k, v in store.weights.items()]
    named += [(f"accumulators.safetensors {k}", v) for k, v in store.accumulators.items()]
    for name, arr in named:
        if arr.dtype.kind != "f":
            continue
        flat, empty_slots = arr.reshape(-1), name.endswith("top_val")
        for s in range(0, flat.size, CHUNK):
            part = flat[s : s + CHUNK]
            if (
                np.isnan(part).any()
                or np.isposinf(part).any()
                or (not empty_slots and np.isneginf(part).any())
            ):
                problems.append(f"{name} holds NaN or infinite values")
                break
    return problems


def _record(store: StoreFiles) -> list[str]:
    """The record's entries against the per-feature statistics and the feature table (which
    leave out the tokens the store excludes, such as BOS; the record keeps every token)."""
    d, folder = store.d_sae, store.path / "record"
    acc, table = store.accumulators, store.features
    indptr = np.fromfile(folder / "feat_indptr.bin", dtype=np.int64)
    counts = np.diff(indptr)
    excluded = np.asarray(store.meta.excluded_token_ids, dtype=np.int64)
    every, total = np.zeros(d, np.float64), np.zeros(d, np.float64)
    fired, top = np.zeros(d, np.int64), np.zeros(d, np.float32)
    nnz = int(counts.sum())
    for s in range(0, nnz, CHUNK):
        tok = read_range(folder / "feat_token.bin", np.int64, s, CHUNK)
        val = read_range(folder / "feat_value.bin", np.float32, s, CHUNK)
        if not np.isfinite(val).all():
            return [f"record/feat_value.bin holds NaN or infinite values near entry {s}"]
        if len(tok) and (tok.min() < 0 or tok.max() >= store.n_tokens):
            return [f"record/feat_token.bin holds token indices outside 0..{store.n_tokens - 1}"]
        feat = np.searchsorted(indptr, np.arange(s, s + len(val)), side="right") - 1
        every += np.bincount(feat, weights=val, minlength=d)
        keep = ~np.isin(store.tokens[tok], excluded)
        fired += np.bincount(feat[keep], minlength=d)
        total += np.bincount(feat[keep], weights=val[keep], minlength=d)
        np.maximum.at(top, feat[keep], val[keep])
    problems = _token_major(store, counts, every)
    checks = (
        ("the statistics' firing counts", np.array_equal(acc["count"], fired)),
        ("features.parquet's count column", np.array_equal(table["count"].to_numpy(), fired)),
        ("the statistics' sums", np.allclose(acc["total"], total, rtol=1e-6, atol=1e-6)),
        ("the statistics' maxima", np.array_equal(acc["max"][fired > 0], top[fired > 0])),
        ("features.parquet's max_act", np.allclose(table["max_act"], acc["max"], rtol=1e-6)),
    )
    problems += [f"the record's activations disagree with {what}" for what, ok in checks if not ok]
    return problems


def _token_major(store: StoreFiles, counts: np.ndarray, sums: np.ndarray) -> list[str]:
    """The token-major record files: entries per token add up, features lie in range, and
    each feature has as many entries, with the same sum, as in the feature-major files."""
    folder, d = store.path / "record", store.d_sae
    per_token = np.fromfile(folder / "tok_nnz.bin", dtype=np.int32)
    if (per_token < 0).any() or int(per_token.sum(dtype=np.int64)) != int(counts.sum()):
        return ["record/tok_nnz.bin does not add up to the record's entries"]
    seen, total = np.zeros(d, np.int64), np.zeros(d, np.float64)
    for s in range(0, int(counts.sum()), CHUNK):
        feat = read_range(folder / "tok_feature.bin", np.int32, s, CHUNK)
        val = read_range(folder / "tok_value.bin", np.float32, s, CHUNK)
        if len(feat) and (feat.min() < 0 or feat.max() >= d):
            return [f"record/tok_feature.bin holds feature ids outside 0..{d - 1}"]
        if not np.isfinite(val).all():
            return [f"record/tok_value.bin holds NaN or infinite values near entry {s}"]
        seen += np.bincount(feat, minlength=d)
        total += np.bincount(feat, weights=val, minlength=d)
    if not np.array_equal(seen, counts):
        return ["record/tok_feature.bin disagrees with record/feat_indptr.bin"]
    if not np.allclose(sums, total, rtol=1e-6, atol=1e-6):
        return ["record/tok_value.bin disagrees with record/feat_value.bin"]
    return []
