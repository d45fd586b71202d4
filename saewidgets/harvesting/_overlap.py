"""Do stores hold some of the same documents or rows? Merging them would count those twice.

A store's token stream is cut into units that every harvest of the same data reproduces
whatever the packing: its sequences (token rows harvested as given), and, where BOS separates
documents (``prepend_bos``), the documents (the sequences' bodies joined, split at BOS).
Units of at least ``MIN_UNIT`` tokens are hashed; stores overlap when the units they share hold
more than ``SHARED`` of the smaller one's tokens (a corpus may repeat a short text or two).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from saewidgets.store._record import read_range

MIN_UNIT = 32  # tokens: shorter units (a heading, a one-line text) repeat in real corpora
SHARED = 0.005  # fraction of the smaller store's tokens in shared units that is refused
_SEQS = 1 << 16  # sequences read at once


def _blocks(folder: Path, n_seq: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(tokens, sequence lengths) of ``_SEQS`` sequences at a time."""
    tok = 0
    for s in range(0, n_seq, _SEQS):
        lens = read_range(folder / "seq_len.bin", np.int32, s, _SEQS)
        n = int(lens.sum(dtype=np.int64))
        yield read_range(folder / "tokens.bin", np.int32, tok, n), lens
        tok += n


def _digest(tokens: np.ndarray) -> bytes:
    return hashlib.blake2b(np.ascontiguousarray(tokens).tobytes(), digest_size=16).digest()


def units(folder: Path, n_seq: int, bos: int | None) -> dict[bytes, int]:
    """``{hash: token count}`` of a store's rows and (with ``bos``) documents (module doc)."""
    found: dict[bytes, int] = {}
    carry = np.zeros(0, np.int32)  # the start of a document that goes on in the next block
    for tokens, lens in _blocks(folder, n_seq):
        starts = np.concatenate([[0], np.cumsum(lens[:-1], dtype=np.int64)])
        for a, n in zip(starts, lens, strict=True):
            if n >= MIN_UNIT:
                found[_digest(tokens[a : a + n])] = int(n)
        if bos is None:
            continue
        heads = np.zeros(len(tokens), bool)
        heads[starts] = tokens[starts] == bos
        body = np.concatenate([carry, tokens[~heads]])
        cuts = np.flatnonzero(body == bos)
        for a, b in zip(np.concatenate([[0], cuts + 1]), cuts, strict=False):
            if b - a >= MIN_UNIT:
                found[_digest(body[a:b])] = int(b - a)
        carry = body[cuts[-1] + 1 :] if len(cuts) else body
    if bos is not None and len(carry) >= MIN_UNIT:
        found[_digest(carry)] = len(carry)
    return found


def overlapping(stores: list[tuple[Path, int, int, int | None]]) -> tuple[int, int, float] | None:
    """The first pair ``(i, j, shared fraction)`` of stores ``(folder, n_seq, n_tokens, bos)``
    that overlap (see module doc), or None."""
    found = [units(folder, n_seq, bos) for folder, n_seq, _, bos in stores]
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            small, big = sorted((i, j), key=lambda k: len(found[k]))
            shared = sum(n for h, n in found[small].items() if h in found[big])
            fraction = shared / max(1, min(stores[i][2], stores[j][2]))
            if fraction > SHARED:
                return i, j, fraction
    return None
