"""Shared fixtures: seeding, a tiny tokenizer + model, and SAE folders of each architecture."""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from tests import helpers

pytest_plugins = ["tests.browser.chromium"]  # one Chromium for every test that draws

_TEMP: dict[str, object] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Point the temporary folder (TMPDIR, so child processes, kernels and torchrun follow,
    and pytest's own tmp_path base) at one new folder, removed when the run passes: the suite
    leaves nothing in the system temporary folder."""
    if os.environ.get("SAEWIDGETS_TEST_TMP"):  # a pytest started by a test: share the parent's
        return
    folder = tempfile.mkdtemp(prefix="saewidgets-tests-")
    _TEMP.update(folder=folder, old=os.environ.get("TMPDIR"), failed=False)
    os.environ["TMPDIR"] = os.environ["SAEWIDGETS_TEST_TMP"] = folder
    tempfile.tempdir = folder


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _TEMP["failed"] = exitstatus not in (0, 5)  # 5: no tests collected


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = _TEMP.get("folder")
    if not isinstance(folder, str):
        return
    tempfile.tempdir = None
    os.environ.pop("SAEWIDGETS_TEST_TMP", None)
    old = _TEMP["old"]
    if isinstance(old, str):
        os.environ["TMPDIR"] = old
    else:
        os.environ.pop("TMPDIR", None)
    if _TEMP["failed"]:
        print(f"\ntemporary files of the failed run kept in {folder}", file=sys.stderr)
    else:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _seed() -> None:
    random.seed(0)
    np.random.seed(0)
    try:
        import torch
    except ImportError:
        return
    torch.manual_seed(0)


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory: pytest.TempPathFactory):
    return helpers.build_tokenizer(tmp_path_factory.mktemp("tokenizer"))


@pytest.fixture(scope="session")
def model(tokenizer):
    return helpers.build_model(tokenizer)


@pytest.fixture(scope="session")
def texts() -> list[str]:
    return helpers.corpus()


@pytest.fixture(scope="session")
def sae_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("saes")
    return {
        arch: helpers.write_sae(root / arch, seed=i, **over)
        for i, (arch, over) in enumerate(helpers.ARCH_OVERRIDES.items())
    }


@pytest.fixture(scope="session")
def small_store(model, sae_dirs, texts, tmp_path_factory):
    """A tiny real FeatureStore (standard SAE, 3000 tokens) for widget and browser tests."""
    import saewidgets as sw

    lens = sw.Lens(model, sae_dirs["standard"])
    out = tmp_path_factory.mktemp("small_store") / "store"
    return sw.harvest(lens, texts, n_tokens=3000, out=out, progress=False)


UNICODE_TEXT = "café 🙂 日本語 and (🙂x"


@pytest.fixture(scope="session")
def unicode_store(model, sae_dirs, tmp_path_factory):
    """A store harvested from text full of characters the tests' tokenizer spells in bytes."""
    import saewidgets as sw

    lens = sw.Lens(model, sae_dirs["standard"])
    texts = [f"{UNICODE_TEXT} número {i} — ünïcödé ✓ 東京 {'🙂' * (i % 3)}" for i in range(60)]
    out = tmp_path_factory.mktemp("unicode") / "store"
    return sw.harvest(lens, texts, n_tokens=1500, out=out, progress=False)


#: Special tokens of a Llama-style tokenizer: BOS ``<s>`` is not id 0, EOS differs from BOS.
LLAMA_SPECIAL = {
    "unk_token": "<unk>",
    "bos_token": "<s>",
    "eos_token": "</s>",
    "pad_token": "<pad>",
}


@pytest.fixture(scope="session")
def llama_sae(tmp_path_factory):
    """A top-k SAE folder (SAELens format) on layer 1 of ``llama_lens``'s model."""
    root = tmp_path_factory.mktemp("llama_sae")
    return helpers.write_sae(
        root / "sae", seed=3, hook_name="model.layers.1", k=6, architecture="topk"
    )


@pytest.fixture(scope="session")
def llama_lens(llama_sae, tmp_path_factory):
    """A Lens on a tiny Hugging Face Llama whose tokenizer has UNK, BOS ``<s>`` (id 1), EOS
    ``</s>`` and PAD (a top-k SAE: every token, special ones included, fires 6 features)."""
    import saewidgets as sw

    root = tmp_path_factory.mktemp("llama_special")
    tok = helpers.build_tokenizer(root / "tok", special=LLAMA_SPECIAL)
    model = helpers.build_hf_llama(tok)  # 3 layers: layer 1's output is not the final norm's
    return sw.Lens(model, llama_sae, tokenizer=tok)


@pytest.fixture(scope="session")
def special_store(llama_lens, tmp_path_factory):
    """A store of ``llama_lens`` over rows that start with BOS and hold EOS, PAD and UNK inside
    (harvest's default leaves all four out of the statistics)."""
    import torch

    import saewidgets as sw

    tok = llama_lens.adapter.tokenizer
    gen = torch.Generator().manual_seed(11)
    rows = torch.randint(4, len(tok), (24, 16), generator=gen)
    rows[:, 0] = tok.bos_token_id
    for r in range(24):
        at = torch.randperm(15, generator=gen)[:3] + 1
        rows[r, at] = torch.tensor([tok.eos_token_id, tok.pad_token_id, tok.unk_token_id])
    out = tmp_path_factory.mktemp("special_store") / "store"
    return sw.harvest(llama_lens, rows, out=out, progress=False)
