"""Token rows of the demo corpus for the demo SAE trainer (scripts/demo_training)."""

from __future__ import annotations

import random

import numpy as np
from demo_training.activations import split_rows, token_rows


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
