"""The offline demo corpus."""

from __future__ import annotations

from saewidgets.demo import demo_texts
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
