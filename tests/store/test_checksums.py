"""Damage of the right size: checksums recorded at write time catch it when a store opens
(files up to CHEAP_BYTES) or in ``verify()`` (every file); ``verify()`` also checks contents
against each other, which covers stores written before checksums existed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from safetensors.numpy import load_file, save_file

import saewidgets as sw
from saewidgets.store import _manifest
from saewidgets.store._manifest import MANIFEST


def _random_values(folder: Path) -> None:
    path = folder / "record" / "feat_value.bin"
    vals = np.fromfile(path, dtype=np.float32)
    np.random.default_rng(1).random(len(vals), dtype=np.float32).tofile(path)
    assert path.stat().st_size == 4 * len(vals)


def _random_token_major(folder: Path) -> None:
    path = folder / "record" / "tok_value.bin"
    vals = np.fromfile(path, dtype=np.float32)
    np.random.default_rng(2).permutation(vals).tofile(path)


def _nan_w_dec(folder: Path) -> None:
    arrays = load_file(folder / "weights.safetensors")
    arrays["W_dec"][3, 5] = np.nan
    save_file(arrays, folder / "weights.safetensors")


def _shuffled_features(folder: Path) -> None:
    table = pd.read_parquet(folder / "features.parquet")
    table.sample(frac=1.0, random_state=0).reset_index(drop=True).rename_axis("feature").to_parquet(
        folder / "features.parquet"
    )


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "random record values": (_random_values, "feat_value.bin"),
    "token-major values shuffled": (_random_token_major, "tok_value.bin"),
    "NaN in W_dec": (_nan_w_dec, "weights.safetensors"),
    "shuffled features.parquet": (_shuffled_features, "features.parquet"),
}


def _copy(store: sw.FeatureStore, folder: Path, manifest: bool) -> Path:
    shutil.copytree(store.path, folder)
    if not manifest:  # as written before checksums existed
        (folder / MANIFEST).unlink()
    return folder


def test_an_intact_store_verifies(small_store, tmp_path):
    sw.FeatureStore.open(small_store.path).verify()
    sw.FeatureStore.open(_copy(small_store, tmp_path / "old", manifest=False)).verify()


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damage_of_the_right_size_fails_at_open(small_store, tmp_path, case):
    damage, name = DAMAGE[case]
    folder = _copy(small_store, tmp_path / "copy", manifest=True)
    damage(folder)
    with pytest.raises(sw.StoreError, match=f"{name}.*(checksum|out of order)"):
        sw.FeatureStore.open(folder)


@pytest.mark.parametrize("case", list(DAMAGE))
def test_verify_checks_every_file_however_big(small_store, tmp_path, monkeypatch, case):
    damage, name = DAMAGE[case]
    folder = _copy(small_store, tmp_path / "copy", manifest=True)
    damage(folder)
    monkeypatch.setattr(_manifest, "CHEAP_BYTES", 0)  # as if every file were too big for open
    if case == "shuffled features.parquet":  # the row order is checked at open regardless
        with pytest.raises(sw.StoreError, match="out of order"):
            sw.FeatureStore.open(folder)
        return
    store = sw.FeatureStore.open(folder)
    with pytest.raises(sw.StoreError, match=f"{name} has other contents"):
        store.verify()


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("random record values", "disagree with the statistics' sums"),
        ("token-major values shuffled", "tok_value.bin disagrees with record/feat_value"),
        ("NaN in W_dec", "W_dec holds NaN"),
        ("shuffled features.parquet", None),
    ],
)
def test_verify_without_checksums_checks_contents(small_store, tmp_path, case, problem):
    damage, _ = DAMAGE[case]
    folder = _copy(small_store, tmp_path / "old", manifest=False)
    damage(folder)
    if case == "shuffled features.parquet":
        with pytest.raises(sw.StoreError, match="out of order"):
            sw.FeatureStore.open(folder)
        return
    store = sw.FeatureStore.open(folder)
    with pytest.raises(sw.StoreError, match=problem):
        store.verify()


def test_unknown_architecture_is_refused(small_store, tmp_path):
    folder = _copy(small_store, tmp_path / "copy", manifest=False)
    meta = json.loads((folder / "meta.json").read_text())
    meta["architecture"] = "gated-v9"
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(sw.StoreError, match="architecture 'gated-v9'.*Upgrade saewidgets"):
        sw.FeatureStore.open(folder)


def test_store_architectures_are_the_registered_ones():
    from saewidgets.saes._registry import ARCHITECTURES
    from saewidgets.store._meta import ARCHITECTURES as IN_STORE

    assert set(IN_STORE) == set(ARCHITECTURES)
