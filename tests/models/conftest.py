"""A tiny random Hugging Face Llama over the shared test tokenizer."""

from __future__ import annotations

import pytest

from tests import helpers


@pytest.fixture(scope="session")
def hf_llama(tokenizer):
    return helpers.build_hf_llama(tokenizer)
