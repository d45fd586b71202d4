"""Which tokens of a Hugging Face tokenizer hold part of a UTF-8 character (see ``_tokenbytes``)."""

from __future__ import annotations

from typing import Any

from saewidgets._tokenbytes import partial_pieces


def is_byte_level(tokenizer: Any) -> bool:
    """Whether the tokenizer's pieces are byte-level BPE (GPT-2's byte → character table)."""
    if hasattr(tokenizer, "byte_decoder"):  # transformers' slow GPT-2 style tokenizers
        return True
    backend = getattr(tokenizer, "backend_tokenizer", None)
    return backend is not None and "ByteLevel" in repr(backend.decoder)


def tokenizer_partial_tokens(tokenizer: Any | None, d_vocab: int) -> dict[int, bytes]:
    """``{id: raw bytes}`` of the ids below ``d_vocab`` whose bytes are not valid UTF-8 alone;
    empty without a tokenizer or when its pieces are neither byte-level nor byte fallback."""
    if tokenizer is None or not hasattr(tokenizer, "convert_ids_to_tokens"):
        return {}
    n = min(d_vocab, len(tokenizer))
    pieces = tokenizer.convert_ids_to_tokens(list(range(n)))
    return partial_pieces(pieces, is_byte_level(tokenizer))
