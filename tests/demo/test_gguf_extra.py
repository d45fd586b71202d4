"""gguf belongs to the demo extra: without it, converting the demo model names what to install."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from saewidgets.demo import _model


def test_converting_the_demo_model_without_gguf_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gguf" else real(name, *a)
    )
    with pytest.raises(ImportError, match=r"saewidgets\[demo\]"):
        _model.load_hf_reference(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_no_package_module_imports_gguf() -> None:
    package = Path(_model.__file__).resolve().parents[1]
    users = [p for p in package.rglob("*.py") if "import gguf" in p.read_text()]
    assert users == []
