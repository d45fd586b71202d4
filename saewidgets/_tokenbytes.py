"""Tokens that hold part of a UTF-8 character, shown as the character they make together.

Byte-level BPE (GPT-2, SmolLM2) and SentencePiece byte fallback (``<0xE6>``) split a character
the vocabulary lacks over several tokens; each decoded alone is U+FFFD. Harvest records the raw
bytes of just those *partial* tokens (the ones whose bytes are not valid UTF-8 on their own). A
character split over tokens is made only of partial tokens, so a run of consecutive partial
tokens is decoded together: the character goes on the token that completes it, each earlier
token shows ``◌`` where its bytes of that character are (its own activation stays visible), and
bytes that make no character show as ``<0xE6>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

#: The mark a token shows for its bytes of a character that a later token completes.
PART = "\u25cc"
_BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


@cache
def _unicode_to_byte() -> dict[str, int]:
    """Inverse of byte-level BPE's byte → printable character table (GPT-2's bytes_to_unicode)."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    printable += range(ord("®"), ord("ÿ") + 1)
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[chr(b)] = b
        else:
            table[chr(256 + extra)] = b
            extra += 1
    return table


def piece_bytes(piece: str, byte_level: bool) -> bytes | None:
    """Raw bytes of a vocabulary piece: byte-level BPE's characters mapped back to bytes, or a
    byte-fallback piece ``<0xE6>``; None when the piece is neither (its text is its meaning)."""
    if byte_level:
        table = _unicode_to_byte()
        if piece and all(c in table for c in piece):
            return bytes(table[c] for c in piece)
        return None
    m = _BYTE_PIECE.fullmatch(piece)
    return bytes([int(m.group(1), 16)]) if m else None


def partial_pieces(pieces: Iterable[str | None], byte_level: bool) -> dict[int, bytes]:
    """``{token id: raw bytes}`` of the pieces whose bytes are not valid UTF-8 on their own."""
    out = {}
    for i, piece in enumerate(pieces):
        raw = None if piece is None else piece_bytes(piece, byte_level)
        if raw is None:
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            out[i] = raw
    return out


def _byte_label(b: int) -> str:
    return f"<0x{b:02X}>"


def _chars(raw: bytes) -> list[tuple[str, int, bool]]:
    """(text, end offset, complete) for each character or stray byte of ``raw``."""
    out, at = [], 0
    for ch in raw.decode("utf-8", errors="surrogateescape"):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that is no part of a valid character
            at += 1
            out.append((_byte_label(code - 0xDC00), at, False))
        else:
            at += len(ch.encode("utf-8"))
            out.append((ch, at, True))
    return out


def _decode_run(parts: Sequence[bytes]) -> list[str]:
    """Display strings of consecutive partial tokens (see the module doc)."""
    ends, at = [], 0
    for p in parts:
        at += len(p)
        ends.append(at)
    shown = [""] * len(parts)
    k, start = 0, 0
    for text, end, complete in _chars(b"".join(parts)):
        first = k
        while ends[k] < end:  # the character's last byte lies in token k
            k += 1
        if complete:
            for j in range(first, k):
                if ends[j] > start and not shown[j].endswith(PART):
                    shown[j] += PART
            shown[k] += text
        else:  # a stray byte lies inside one token
            shown[k] += text
        start = end
    return shown


def display_tokens(
    ids: Iterable[int], texts: Iterable[str], partial: Mapping[int, bytes]
) -> list[str]:
    """The text to show for each token of a sequence (``texts``: each token decoded alone),
    partial tokens decoded together."""
    ids = [int(i) for i in ids]
    out = list(texts)
    if not partial:
        return out
    i = 0
    while i < len(ids):
        if ids[i] not in partial:
            i += 1
            continue
        j = i
        while j < len(ids) and ids[j] in partial:
            j += 1
        out[i:j] = _decode_run([partial[t] for t in ids[i:j]])
        i = j
    return out


def token_label(token_id: int, vocab: Sequence[str], partial: Mapping[int, bytes]) -> str:
    """One token on its own (logit tables): its characters, and ``<0xE6>`` for each stray byte."""
    raw = partial.get(int(token_id))
    if raw is None:
        return vocab[int(token_id)]
    return "".join(text for text, _, _ in _chars(raw))


def to_json(partial: Mapping[int, bytes]) -> dict[str, str]:
    """``{id: hex}``, as stored in a store's ``token_bytes.json``."""
    return {str(i): raw.hex() for i, raw in sorted(partial.items())}


def from_json(data: Mapping[str, str]) -> dict[int, bytes]:
    """The inverse of ``to_json``."""
    return {int(i): bytes.fromhex(h) for i, h in data.items()}
