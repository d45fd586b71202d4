"""A Lens and a second store for the hardening tests (tiny model, session-scoped)."""

from __future__ import annotations

import pytest

import saewidgets as sw
from tests import helpers


@pytest.fixture(scope="session")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


@pytest.fixture(scope="session")
def other_store(model, texts, tmp_path_factory):
    """A store of a narrower SAE on the same model and hook as ``small_store``."""
    root = tmp_path_factory.mktemp("hardening")
    folder = helpers.write_sae(root / "sae", seed=5, d_sae=64)
    return sw.harvest(
        sw.Lens(model, folder), texts, n_tokens=3000, out=root / "store", progress=False
    )
