"""Builders for widget tests: a tiny duck-typed Lens that needs no model."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch


class FakeLens:
    """Splits text into words and whitespace runs; feature j fires on tokens of length j + 1."""

    prepend_bos = True

    def __init__(self, d_sae: int = 8) -> None:
        self.d_sae = d_sae
        self.calls = 0

    def to_str_tokens(self, text: str) -> list[str]:
        return ["<bos>", *re.findall(r"\s+|\S+", text)]

    def encode(self, text: str) -> torch.Tensor:
        self.calls += 1
        tokens = self.to_str_tokens(text)
        acts = torch.zeros(len(tokens), self.d_sae)
        for pos, token in enumerate(tokens):
            j = len(token) - 1
            if j < self.d_sae:
                acts[pos, j] = 1.0 + pos
        return acts


@pytest.fixture
def fake_lens() -> FakeLens:
    return FakeLens()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(0)
