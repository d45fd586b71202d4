"""The sparse record: every non-zero activation (token, feature, value), on disk.

Written token-major in chunks while harvesting (``tok_nnz`` int32 per token, ``tok_feature``
int32, ``tok_value`` float32, raw little-endian files); then indexed feature-major
(``feat_indptr`` int64 [d_sae+1], ``feat_token`` int64, ``feat_value`` float32) with a bounded
pass over the token-major files, so per-feature queries read only that feature's entries.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import scipy.sparse as sp

_FILES = {
    "tok_nnz": np.int32,
    "tok_feature": np.int32,
    "tok_value": np.float32,
    "feat_indptr": np.int64,
    "feat_token": np.int64,
    "feat_value": np.float32,
}
CHUNK = 1 << 22  # entries handled at once when indexing or merging
RUN_WRITES = 64  # mean entries per feature in a chunk from which its runs are written whole


class RecordWriter:
    """Appends a batch's non-zero activations to the token-major files."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._files = {
            name: open(folder / f"{name}.bin", "wb")
            for name in ("tok_nnz", "tok_feature", "tok_value")
        }

    def add(self, n_tokens: int, rows: np.ndarray, feat: np.ndarray, val: np.ndarray) -> None:
        """Write one batch: ``rows`` (batch-local token index, ascending), features and values."""
        self._files["tok_nnz"].write(
            np.bincount(rows, minlength=n_tokens).astype(np.int32).tobytes()
        )
        self._files["tok_feature"].write(feat.astype(np.int32).tobytes())
        self._files["tok_value"].write(val.astype(np.float32).tobytes())

    def close(self) -> None:
        """Flush and close the files."""
        for f in self._files.values():
            f.close()


def _read(folder: Path, name: str, mode: str = "r") -> np.ndarray:
    path = folder / f"{name}.bin"
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=_FILES[name])
    return np.memmap(path, dtype=np.dtype(_FILES[name]), mode=mode)  # type: ignore[call-overload]


def read_range(path: Path, dtype: type, start: int, count: int) -> np.ndarray:
    """``count`` items of ``dtype`` from a raw file, starting at item ``start`` (a plain read:
    unlike a memory map it leaves nothing resident once dropped)."""
    size = np.dtype(dtype).itemsize
    with open(path, "rb") as f:
        f.seek(start * size)
        return np.fromfile(f, dtype=dtype, count=count)


def _token_chunks(folder: Path) -> Iterator[tuple[int, np.ndarray, int]]:
    """(first token, its nnz per token, first entry) of token runs of about ``CHUNK`` entries."""
    path = folder / "tok_nnz.bin"
    n_tokens = path.stat().st_size // 4
    t, entry = 0, 0
    while t < n_tokens:
        nnz = read_range(path, np.int32, t, min(max(1, CHUNK // 16), n_tokens - t))
        take = max(1, int(np.searchsorted(np.cumsum(nnz, dtype=np.int64), CHUNK, side="right")))
        nnz = nnz[:take]
        yield t, nnz, entry
        t += len(nnz)
        entry += int(nnz.sum(dtype=np.int64))


def build_feature_index(folder: Path, d_sae: int) -> None:
    """Write the feature-major files from the token-major ones in bounded chunks: memory is
    set by ``CHUNK`` and d_sae, never by the number of tokens."""
    feat_path, val_path = folder / "tok_feature.bin", folder / "tok_value.bin"
    nnz = feat_path.stat().st_size // 4
    count = np.zeros(d_sae, dtype=np.int64)
    for s in range(0, nnz, CHUNK):
        count += np.bincount(read_range(feat_path, np.int32, s, CHUNK), minlength=d_sae)
    indptr = np.concatenate([[0], np.cumsum(count)])
    indptr.astype(np.int64).tofile(folder / "feat_indptr.bin")
    for name in ("feat_token", "feat_value"):
        with open(folder / f"{name}.bin", "wb") as out:
            out.truncate(nnz * np.dtype(_FILES[name]).itemsize)
    if nnz == 0:
        return
    cursor = indptr[:-1].copy()
    for t0, tok_nnz, e0 in _token_chunks(folder):
        n = int(tok_nnz.sum(dtype=np.int64))
        if n == 0:
            continue
        # The chunk's entries grouped by feature, tokens ascending within each: a CSR -> CSC
        # conversion (one counting pass in scipy; an argsort and gathers took 3x as long).
        ptr = np.concatenate([[0], np.cumsum(tok_nnz, dtype=np.int64)])
        f = read_range(feat_path, np.int32, e0, n)
        v = read_range(val_path, np.float32, e0, n)
        csc = sp.csr_matrix((v, f, ptr), shape=(len(tok_nnz), d_sae)).tocsc()
        cnt = np.diff(csc.indptr)
        tok = csc.indices.astype(np.int64) + t0
        if n >= RUN_WRITES * np.count_nonzero(cnt):  # long runs: one write per feature's run
            _write_runs(folder / "feat_token.bin", cursor, cnt, tok)
            _write_runs(folder / "feat_value.bin", cursor, cnt, csc.data)
        else:
            dest = np.repeat(cursor - csc.indptr[:-1], cnt) + np.arange(n, dtype=np.int64)
            _scatter(folder / "feat_token.bin", np.int64, dest, tok)
            _scatter(folder / "feat_value.bin", np.float32, dest, csc.data)
        cursor += cnt


def _write_runs(path: Path, starts: np.ndarray, counts: np.ndarray, values: np.ndarray) -> None:
    """Write ``values``, grouped in runs of ``counts``, at item positions ``starts`` of a raw
    file: one positioned write per non-empty run."""
    data = np.ascontiguousarray(values).data.cast("B")
    size = values.dtype.itemsize
    fd = os.open(path, os.O_WRONLY)
    try:
        at = 0
        for f in np.flatnonzero(counts):
            end = at + int(counts[f]) * size
            os.pwrite(fd, data[at:end], int(starts[f]) * size)
            at = end
    finally:
        os.close(fd)


def _scatter(path: Path, dtype: type, dest: np.ndarray, values: np.ndarray) -> None:
    """Write ``values`` at item positions ``dest`` of a raw file through a map made for this
    call only, with read-around off (MADV_RANDOM): each write faults in its own page, not the
    kernel's read-ahead window, so resident pages stay bounded by the chunk."""
    with open(path, "r+b") as f, mmap.mmap(f.fileno(), 0) as mm:
        if hasattr(mm, "madvise") and hasattr(mmap, "MADV_RANDOM"):
            mm.madvise(mmap.MADV_RANDOM)
        out: np.ndarray = np.frombuffer(mm, dtype=dtype)
        out[dest] = values
        del out


class Record:
    """Read access to a finished sparse record (memory-mapped, nothing loaded up front)."""

    def __init__(self, folder: Path, d_sae: int) -> None:
        self.folder = folder
        self.d_sae = d_sae
        self._indptr = np.fromfile(folder / "feat_indptr.bin", dtype=np.int64)
        self._tok_indptr: np.ndarray | None = None

    @property
    def nnz(self) -> int:
        """Number of non-zero activations recorded."""
        return int(self._indptr[-1])

    def counts(self) -> np.ndarray:
        """int64 [d_sae]: how many tokens each feature fires on in the record (every token,
        special ones included: what co-occurrence, counted from the record, is relative to)."""
        return np.diff(self._indptr)

    def feature(self, f: int) -> tuple[np.ndarray, np.ndarray]:
        """Token indices (ascending) and values of every non-zero activation of feature ``f``."""
        a, b = self._indptr[f], self._indptr[f + 1]
        if a == b:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        tok, val = _read(self.folder, "feat_token"), _read(self.folder, "feat_value")
        return np.asarray(tok[a:b]), np.asarray(val[a:b])

    def token_indptr(self) -> np.ndarray:
        """int64 [n_tokens + 1]: where each token's entries start in the token-major files."""
        if self._tok_indptr is None:
            nnz = np.fromfile(self.folder / "tok_nnz.bin", dtype=np.int32)
            self._tok_indptr = np.concatenate([[0], np.cumsum(nnz, dtype=np.int64)])
        return self._tok_indptr

    def tokens(self, t0: int, t1: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Entries of tokens ``t0..t1-1``: (token index, feature, value), token-major."""
        ptr = self.token_indptr()
        a, b = int(ptr[t0]), int(ptr[t1])
        if a == b:
            return np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32)
        tok = np.repeat(np.arange(t0, t1), np.diff(ptr[t0 : t1 + 1]))
        feat, val = _read(self.folder, "tok_feature"), _read(self.folder, "tok_value")
        return tok, np.asarray(feat[a:b]), np.asarray(val[a:b])

    def token_features(self) -> tuple[np.ndarray, np.ndarray]:
        """Token-major (indptr, feature ids) arrays, memory-mapped, for sparse matrix products."""
        return self.token_indptr(), _read(self.folder, "tok_feature")
