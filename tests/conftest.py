"""Shared fixtures: seeding, a tiny tokenizer + model, and SAE folders of each architecture."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from tests import helpers


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
