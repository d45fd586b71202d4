"""What the driver and the per-tool runners agree on: arguments in, one JSON result out.

Each runner is a separate process (the peers run in their own virtual environment), started as
``PYTHON run_TOOL.py --fixture DIR --tokens N --features K --out DIR --result FILE``. It computes
features ``0..K-1`` (``all``: every feature) over the first ``N`` tokens of the fixture, writes
its output under ``--out`` and a :class:`RunResult` as JSON to ``--result``. The driver measures
wall time and peak RSS from outside. Standard library only: both environments import this.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class RunArgs:
    """A runner's parsed command line."""

    fixture: Path
    tokens: int
    features: str
    out: Path
    result: Path

    def feature_ids(self, d_sae: int) -> list[int]:
        """Features ``0..K-1`` for ``--features K`` (capped at ``d_sae``), or all of them."""
        n = d_sae if self.features == "all" else min(int(self.features), d_sae)
        return list(range(n))


@dataclass(frozen=True)
class RunResult:
    """What a runner reports: its output's size, its own timing split and agreement data.

    ``setup_s``: imports and loading; ``compute_s``: the tool's main computation; ``render_s``:
    turning it into per-feature views (the peers' HTML writing; for saewidgets the dashboard
    panels of the requested features). For the first ``AGREEMENT_FEATURES`` features,
    ``max_act`` maps a feature id (a string, for JSON) to its maximum activation and ``top`` to
    its top examples as ``[act, seq, pos]``, best first.
    """

    output_bytes: int
    n_features: int
    setup_s: float
    compute_s: float
    render_s: float
    max_act: dict[str, float] = field(default_factory=dict)
    top: dict[str, list[list[float]]] = field(default_factory=dict)
    notes: str = ""


AGREEMENT_FEATURES = 128


@dataclass(frozen=True)
class Measurement:
    """One runner process as the driver saw it: what was asked, what was measured, the result."""

    tool: str
    tokens: int
    features: str
    status: str  # "ok", "skipped: ..." or "failed: ..."
    wall_s: float = 0.0
    peak_rss_bytes: int = 0
    result: RunResult | None = None


def parse_args(description: str) -> RunArgs:
    """Parse a runner's command line."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--fixture", type=Path, required=True, help="fixture folder (fixture.build)")
    p.add_argument("--tokens", type=int, required=True, help="tokens to use (whole sequences)")
    p.add_argument("--features", required=True, help="K (features 0..K-1) or 'all'")
    p.add_argument("--out", type=Path, required=True, help="folder for the tool's output")
    p.add_argument("--result", type=Path, required=True, help="JSON file for the RunResult")
    a = p.parse_args()
    return RunArgs(a.fixture, a.tokens, a.features, a.out, a.result)


def write_result(path: Path, result: RunResult) -> None:
    """Write ``result`` as JSON."""
    path.write_text(json.dumps(asdict(result), indent=1))


def read_result(path: Path) -> RunResult:
    """Read a result written by :func:`write_result`."""
    return RunResult(**json.loads(path.read_text()))


def tree_bytes(path: Path) -> int:
    """Total size of the files under ``path`` (or of ``path`` itself when it is a file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
