"""The offline demo corpus."""

from __future__ import annotations

import random

import numpy as np

from saewidgets.demo import demo_texts
from saewidgets.demo._activations import split_rows, token_rows
from saewidgets.demo._text import _chunks


def test_corpus_is_real_varied_and_deterministic() -> None:
    docs = demo_texts()
    assert len(docs) > 12_000 and all(doc.strip() for doc in docs)
    assert sum(map(len, docs)) > 10_000_000  # ~3M SmolLM2 tokens
    assert docs[0].startswith("0 is a number representing an empty quantity.")  # titles sorted
    joined = "\n".join(docs)
    for phrase in ("To be, or not to be", "Of Mans First Disobedience", "Paris is the capital"):
        assert phrase in joined
    words = joined.lower().split()
    assert words.count("the") / len(words) > 0.03  # English prose, not markup or numbers
    assert demo_texts(5) == docs[:5] and demo_texts() == docs


def test_chunks_keep_every_paragraph() -> None:
    text = "\r\n\r\n".join(f"para {i} " + "x" * 700 for i in range(7))
    chunks = _chunks("\ufeff" + text)
    assert all(len(c) < 3000 for c in chunks) and len(chunks) == 3
    assert "\n\n".join(chunks) == text.replace("\r\n", "\n")


class _WordTokenizer:
    bos_token_id = 0

    def __call__(self, texts: list[str], add_special_tokens: bool) -> dict:
        return {"input_ids": [[len(w) for w in t.split()] for t in texts]}


def test_token_rows_start_with_bos_and_keep_order() -> None:
    texts = ["a bb ccc", "dddd", "ee f"]
    rows = token_rows(texts, _WordTokenizer(), context=3, seed=0)
    order = list(range(3))
    random.Random(0).shuffle(order)
    stream = [t for i in order for t in [0, *(len(w) for w in texts[i].split())]]
    assert rows.dtype == np.int32 and rows.shape == (4, 3) and (rows[:, 0] == 0).all()
    assert rows[:, 1:].ravel().tolist() == stream[:8]
    assert np.array_equal(rows, token_rows(texts, _WordTokenizer(), context=3, seed=0))
    train, held_out = split_rows(rows, 2, 1)
    assert np.array_equal(train.tokens, rows[:2]) and np.array_equal(held_out.tokens, rows[-1:])
