"""The embedded SmolLM2-135M-Instruct in-process: a real reply, parsed, then read from the cache."""

from __future__ import annotations

import pytest

import saewidgets as sw
from saewidgets.autointerp._prompts import parse_answer, score_request


@pytest.mark.slow
def test_embedded_model_answers_and_caches(tmp_path):
    torch = pytest.importorskip("torch")
    torch.set_num_threads(2)
    llm = sw.LLM.embedded(cache=tmp_path / "calls.sqlite")
    assert llm.model == "SmolLM2-135M-Instruct-Q4_1 (embedded)"
    request = score_request("detection", "mentions of cats", "The cat sat on the mat.")
    (reply,) = llm.chat([request], progress=False)
    assert reply.error is None and reply.text and not reply.cached
    assert parse_answer(reply.text) is not None, reply.text
    assert reply.prompt_tokens > 20 and 0 < reply.completion_tokens <= 8
    (again,) = llm.chat([request], progress=False)
    assert again.cached and again.text == reply.text
