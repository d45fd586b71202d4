"""The package's layers import only what they may, and no modules import each other in a circle.

Every import counts: module level, inside functions (lazy), relative (``from . import x``),
under ``TYPE_CHECKING``, and a module named by a string (``importlib.import_module("...")``, the
lazy table of ``saewidgets/__init__.py``). Imports that run may reach only the layers in
``ALLOWED``; a ``TYPE_CHECKING`` import (annotations only, never executed) may reach any lower
layer and closes no circle. ARCHITECTURE.md describes the layers.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "saewidgets"

# bottom to top
LAYERS = ["ground", "annotations", "saes", "models", "store", "analysis", "harvesting", "widgets"]
LAYERS += ["reports", "demo", "autointerp", "top"]
GROUND = {"saewidgets._errors", "saewidgets._version", "saewidgets._tokenbytes"}
GROUND |= {"saewidgets._checks"}
TOP = {"saewidgets", "saewidgets._cli", "saewidgets._job"}

_BELOW_STORE = {"ground", "annotations", "saes", "models", "store"}
# what each layer's imports that run may reach (its package docstring says the same)
ALLOWED: dict[str, set[str]] = {
    "ground": {"ground"},
    "annotations": {"ground", "annotations"},
    "saes": {"ground", "annotations", "saes"},
    "models": {"ground", "annotations", "saes", "models"},
    "store": _BELOW_STORE,
    "analysis": _BELOW_STORE | {"analysis"},
    "harvesting": _BELOW_STORE | {"analysis", "harvesting"},
    # a live view runs text through the Lens it was given (duck-typed): no saes or models
    "widgets": {"ground", "annotations", "store", "analysis", "widgets"},
}
# the report writers draw views; the demo job harvests and hands them the results
ALLOWED["reports"] = ALLOWED["widgets"] | {"reports"}
# a view calls its export lazily; the export reads only the views' wire modules, never a view
EXPORT = "saewidgets.widgets.export"
EXPORT_MAY_READ = {f"saewidgets.widgets.{m}" for m in ("_codecs", "_carddata", "_columns")}
# the layers above widgets may import every layer up to their own
for _name in LAYERS[LAYERS.index("demo") :]:
    ALLOWED[_name] = set(LAYERS[: LAYERS.index(_name) + 1])


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in GROUND:
        return "ground"
    if module in TOP:
        return "top"
    return module.split(".")[1]


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The module an ``ImportFrom`` names, relative imports resolved in ``package``."""
    if node.level == 0:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _typing_only(tree: ast.Module) -> set[int]:
    """ids of the nodes under an ``if TYPE_CHECKING:`` block."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                out |= {id(n) for n in ast.walk(child)}
    return out


def imports(path: Path, typing: bool | None = None, package: str | None = None) -> set[str]:
    """The saewidgets modules ``path`` imports, resolved to module names. ``typing=False``: only
    the imports that run; ``True``: only those under ``TYPE_CHECKING``; ``None``: all.
    ``package``: where relative imports start (default: ``path``'s package)."""
    if package is None:
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    typing_nodes = _typing_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if typing is not None and (id(node) in typing_nodes) != typing:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("saewidgets")}
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, package)
            if module.split(".")[0] != "saewidgets":
                continue
            for a in node.names:  # `from pkg import _mod` imports a module
                sub = f"{module}.{a.name}"
                found.add(sub if _is_module(sub) else module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value  # a module named by a string: import_module, the lazy table
            if name.startswith("saewidgets.") and _is_module(name):
                found.add(name)
    return found


def graph(typing: bool | None = None) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        m: {i for i in imports(p, typing) if i in modules and i != m} for m, p in modules.items()
    }


def test_every_module_is_in_a_known_layer() -> None:
    unknown = sorted(m for m in graph() if layer(m) not in LAYERS)
    assert not unknown, f"modules outside the layers {LAYERS}: {unknown}"


def test_imports_that_run_reach_only_allowed_layers() -> None:
    bad = [
        f"{m} ({layer(m)}) imports {i} ({layer(i)})"
        for m, deps in graph(typing=False).items()
        for i in deps
        if layer(i) not in ALLOWED[layer(m)]
    ]
    assert not bad, "imports a layer may not make:\n" + "\n".join(sorted(bad))


def test_widget_exports_read_no_view() -> None:
    bad = [
        f"{m} imports {i}"
        for m, deps in graph().items()
        if m.startswith(EXPORT)
        for i in deps
        if layer(i) == "widgets" and not i.startswith(EXPORT) and i not in EXPORT_MAY_READ
    ]
    assert not bad, "widgets.export imports a view (views call their export):\n" + "\n".join(bad)


_LOAD_VIEWS = """
import importlib, pkgutil, sys
import saewidgets.reports, saewidgets.widgets
for pkg in (saewidgets.widgets, saewidgets.reports):
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(m.name)
print(sorted(n for n in sys.modules if n.split(".")[0] == "torch" or n.startswith(FORBIDDEN)))
"""


def test_views_and_reports_load_no_model_code() -> None:
    """What runs, not only what is written: importing every module of ``widgets`` and
    ``reports`` loads neither torch nor the model, SAE, harvesting or demo layers."""
    forbidden = tuple(f"saewidgets.{n}" for n in ("models", "saes", "harvesting", "demo"))
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    code = f"FORBIDDEN = {forbidden!r}\n{_LOAD_VIEWS}"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]", f"loaded by widgets / reports: {out.stdout.strip()}"


def test_type_checking_imports_go_only_downwards() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = [
        f"{m} ({layer(m)}) imports {i} ({layer(i)}) for type checking"
        for m, deps in graph(typing=True).items()
        for i in deps
        if rank[layer(i)] > rank[layer(m)]
    ]
    assert not upward, "imports that go up a layer:\n" + "\n".join(sorted(upward))


def strongly_connected(g: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                circles.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return circles


def test_no_import_circles() -> None:
    g = graph(typing=False)  # a TYPE_CHECKING import never runs, so it closes no circle
    # a package's __init__ re-exporting its children is not a circle with them
    g = {m: {i for i in deps if not i.startswith(m + ".")} for m, deps in g.items()}
    circles = strongly_connected(g)
    assert not circles, f"modules that import each other in a circle: {circles}"


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    src = (
        "from typing import TYPE_CHECKING\n"
        "from saewidgets.widgets._base import SaeWidget\n"
        "import saewidgets.store._meta\n"
        "from . import _codecs\n"
        "from ..analysis import _geometry\n"
        "if TYPE_CHECKING:\n"
        "    from saewidgets.models._lens import Lens\n"
        "def f():\n"
        "    from saewidgets.harvesting._harvest import harvest\n"
        "    return importlib.import_module('saewidgets.demo._job')\n"
    )
    probe = tmp_path / "probe.py"
    probe.write_text(src)
    tree = ast.parse(src)
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 2)
    assert _absolute(node, "saewidgets.widgets") == "saewidgets.analysis"
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1)
    assert _absolute(node, "saewidgets.widgets") == "saewidgets.widgets"
    running = {
        "saewidgets.widgets._base",
        "saewidgets.store._meta",
        "saewidgets.harvesting._harvest",
        "saewidgets.demo._job",
    }
    relative = {"saewidgets.widgets._codecs", "saewidgets.analysis._geometry"}
    assert imports(probe, typing=False, package="saewidgets.widgets") == running | relative
    assert imports(probe, typing=True, package="saewidgets.widgets") == {"saewidgets.models._lens"}
    assert layer("saewidgets.widgets._base") == "widgets"
    assert "demo" not in ALLOWED["widgets"] and "models" not in ALLOWED["widgets"]
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
