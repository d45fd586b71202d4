"""Checks of the repository itself: function length, README length, who-worked-when sentences,
and a docstring on every public name (the docs site's API reference is made of them)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 60
README_MAX_LINES = 250
WHO_WORKED_WHEN = re.compile(
    r"(this|last|an earlier|earlier|previous|next) session|other engineers", re.IGNORECASE
)


def function_lengths(path: Path, text: str) -> dict[str, int]:
    """``{"path:Outer.name": lines}`` for every function, nested ones included."""
    out: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                out[f"{path}:{name}"] = (child.end_lineno or child.lineno) - child.lineno + 1
                walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)

    walk(ast.parse(text), "")
    return out


def test_function_length_counts_nested_and_methods() -> None:
    text = "class A:\n    def f(self):\n        def g():\n            return 1\n        return g\n"
    assert function_lengths(Path("x.py"), text) == {"x.py:A.f": 4, "x.py:A.f.g": 2}


def test_no_python_function_is_over_the_limit() -> None:
    over = []
    for folder in ("saewidgets", "tests", "bench", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT)
            for key, lines in function_lengths(rel, path.read_text()).items():
                if lines > MAX_LINES:
                    over.append(f"{key}: {lines} lines (limit {MAX_LINES})")
    assert not over, "functions to split:\n" + "\n".join(over)


def test_readme_is_the_users_path() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines (at most {README_MAX_LINES}): move detail to docs/"
    )


def test_no_sentence_says_who_worked_when() -> None:
    files = subprocess.run(
        [
            "git",
            "ls-files",
            "README.md",
            "docs",
            "saewidgets",
            "bench",
            "scripts",
            "js/src",
            "*.md",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert files
    found = [
        f"{name}:{i}: {line.strip()[:100]}"
        for name in files
        if (ROOT / name).suffix in {".md", ".py", ".txt", ".sh", ".ts"} and (ROOT / name).exists()
        for i, line in enumerate((ROOT / name).read_text().splitlines(), 1)
        if WHO_WORKED_WHEN.search(line)
    ]
    assert not found, "say what was measured and where, not who worked when:\n" + "\n".join(found)
    assert WHO_WORKED_WHEN.search("measured in an earlier session")


def _missing_docstrings(name: str, obj: object) -> list[str]:
    missing = [] if inspect.getdoc(obj) and obj.__doc__ else [name]
    if inspect.isclass(obj):
        for attr, value in vars(obj).items():
            if attr.startswith("_"):
                continue
            target = value.fget if isinstance(value, property) else value
            if isinstance(target, staticmethod | classmethod):
                target = target.__func__
            if inspect.isfunction(target) and not target.__doc__:
                missing.append(f"{name}.{attr}")
    return missing


@pytest.mark.slow
def test_every_public_name_has_a_docstring() -> None:
    sw = importlib.import_module("saewidgets")
    missing = [
        m for n in sw.__all__ if n != "__version__" for m in _missing_docstrings(n, getattr(sw, n))
    ]
    assert not missing, "public names without a docstring (the API reference needs one):\n" + (
        "\n".join(missing)
    )


def test_the_api_reference_lists_every_public_name() -> None:
    sw = importlib.import_module("saewidgets")
    text = (ROOT / "docs" / "api.md").read_text()
    listed = {
        line.split()[1].rsplit(".", 1)[1] for line in text.splitlines() if line.startswith("::: ")
    }
    public = set(sw.__all__) - {"__version__", "GeometryGrid"}  # an alias, named in the page
    assert listed == public, (
        f"missing from docs/api.md: {sorted(public - listed)}; "
        f"not public: {sorted(listed - public)}"
    )
