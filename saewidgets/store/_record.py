"""The sparse record: every non-zero activation (token, feature, value), on disk.

Written token-major in chunks while harvesting (``tok_nnz`` int32 per token, ``tok_feature``
int32, ``tok_value`` float32, raw little-endian files); then indexed feature-major
(``feat_indptr`` int64 [d_sae+1], ``feat_token`` int64, ``feat_value`` float32) with a bounded
pass over the token-major files, so per-feature queries read only that feature's entries.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_FILES = {
    "tok_nnz": np.int32,
    "tok_feature": np.int32,
    "tok_value": np.float32,
    "feat_indptr": np.int64,
    "feat_token": np.int64,
    "feat_value": np.float32,
}
CHUNK = 1 << 22  # entries handled at once when indexing or merging


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


def build_feature_index(folder: Path, d_sae: int) -> None:
    """Write the feature-major files from the token-major ones, ``CHUNK`` entries at a time."""
    tok_nnz = np.fromfile(folder / "tok_nnz.bin", dtype=np.int32)
    tok_indptr = np.concatenate([[0], np.cumsum(tok_nnz, dtype=np.int64)])
    feat, val = _read(folder, "tok_feature"), _read(folder, "tok_value")
    nnz = len(feat)
    count = np.zeros(d_sae, dtype=np.int64)
    for s in range(0, nnz, CHUNK):
        count += np.bincount(feat[s : s + CHUNK], minlength=d_sae)
    indptr = np.concatenate([[0], np.cumsum(count)])
    indptr.astype(np.int64).tofile(folder / "feat_indptr.bin")
    for name in ("feat_token", "feat_value"):
        with open(folder / f"{name}.bin", "wb") as out:
            out.truncate(nnz * np.dtype(_FILES[name]).itemsize)
    if nnz == 0:
        return
    out_tok, out_val = _read(folder, "feat_token", "r+"), _read(folder, "feat_value", "r+")
    cursor = indptr[:-1].copy()
    for s in range(0, nnz, CHUNK):
        f = np.asarray(feat[s : s + CHUNK])
        tok = np.searchsorted(tok_indptr, np.arange(s, s + len(f)), side="right") - 1
        order = np.argsort(f, kind="stable")
        fs = f[order]
        uniq, first, cnt = np.unique(fs, return_index=True, return_counts=True)
        dest = cursor[fs] + (np.arange(len(fs)) - np.repeat(first, cnt))
        out_tok[dest] = tok[order]
        out_val[dest] = np.asarray(val[s : s + CHUNK])[order]
        cursor[uniq] += cnt
    for done in (out_tok, out_val):
        if isinstance(done, np.memmap):
            done.flush()


def concat_records(sources: Sequence[Path], folder: Path) -> None:
    """Join the token-major files of several records (in order); index with build_feature_index."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("tok_nnz", "tok_feature", "tok_value"):
        with open(folder / f"{name}.bin", "wb") as out:
            for src in sources:
                with open(src / f"{name}.bin", "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 24)


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
