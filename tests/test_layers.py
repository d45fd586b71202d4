"""The package's layers import only downwards, and no modules import each other in a circle.

Every import counts: module level, inside functions, and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "saewidgets"

# bottom to top; a module may import its own layer and the layers before it
LAYERS = ["ground", "annotations", "saes", "models", "store", "analysis", "harvesting", "widgets"]
LAYERS += ["demo", "top"]
GROUND = {"saewidgets._errors", "saewidgets._version", "saewidgets._tokenbytes"}
GROUND |= {"saewidgets._checks"}
TOP = {"saewidgets", "saewidgets._cli"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in GROUND:
        return "ground"
    if module in TOP:
        return "top"
    return module.split(".")[1]


def imports(path: Path) -> set[str]:
    """The saewidgets modules ``path`` imports, resolved to module names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("saewidgets")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("saewidgets"):
                for a in node.names:  # `from pkg import _mod` imports a module
                    sub = f"{node.module}.{a.name}"
                    sub_path = PACKAGE.parent / Path(*sub.split("."))
                    is_mod = sub_path.with_suffix(".py").exists() or sub_path.is_dir()
                    found.add(sub if is_mod else node.module)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {m: {i for i in imports(p) if i in modules and i != m} for m, p in modules.items()}


def test_every_module_is_in_a_known_layer() -> None:
    unknown = sorted(m for m in graph() if layer(m) not in LAYERS)
    assert not unknown, f"modules outside the layers {LAYERS}: {unknown}"


def test_layers_import_only_downwards() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = [
        f"{m} ({layer(m)}) imports {i} ({layer(i)})"
        for m, deps in graph().items()
        for i in deps
        if rank[layer(i)] > rank[layer(m)]
    ]
    assert not upward, "imports that go up a layer:\n" + "\n".join(sorted(upward))


def test_no_import_circles() -> None:
    g = graph()
    # a package's __init__ re-exporting its children is not a circle with them
    g = {m: {i for i in deps if not i.startswith(m + ".")} for m, deps in g.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
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
    assert not circles, f"modules that import each other in a circle: {circles}"


def test_the_checker_sees_an_upward_import_and_a_circle(tmp_path: Path) -> None:
    src = "from saewidgets.widgets._base import SaeWidget\nimport saewidgets.store._meta\n"
    f = tmp_path / "x.py"
    f.write_text(src)
    assert imports(f) == {"saewidgets.widgets._base", "saewidgets.store._meta"}
    assert layer("saewidgets.widgets._base") == "widgets"
    assert layer("saewidgets.store._meta") == "store"
