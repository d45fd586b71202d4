"""Harvested stores of each architecture and their dense brute-force references."""

from __future__ import annotations

import pytest

import saewidgets as sw
from tests import helpers

N_TOKENS = 6000


@pytest.fixture(scope="session")
def harvested(model, sae_dirs, texts, tmp_path_factory):
    """{arch: (lens, store, dense reference acts [n_tokens, d_sae])}."""
    out = {}
    root = tmp_path_factory.mktemp("stores")
    for arch, folder in sae_dirs.items():
        lens = sw.Lens(model, folder)
        store = sw.harvest(
            lens, texts, n_tokens=N_TOKENS, batch_size=16, top_k=8, out=root / arch, progress=False
        )
        out[arch] = (lens, store, helpers.reference_store_acts(model, folder, store))
    return out
