"""bench/peers: the driver's --help, a --smoke run of saewidgets' path, and the agreement logic.

The peers' virtual environment is never needed here: the smoke run asks for saewidgets only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "peers"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / "run.py"), *args],
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_help_lists_the_options() -> None:
    done = _run("--help")
    assert done.returncode == 0, done.stderr
    for option in ("--smoke", "--tokens", "--features", "--peer-python", "--json"):
        assert option in done.stdout


@pytest.mark.slow
def test_smoke_run_measures_saewidgets(tmp_path: Path) -> None:
    out = tmp_path / "peers.json"
    done = _run(
        "--smoke", "--tools", "saewidgets", "--fixture", str(tmp_path / "fx"), "--json", str(out)
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    doc = json.loads(out.read_text())
    runs = doc["runs"]
    assert [(r["tokens"], r["features"]) for r in runs] == [
        (1024, "8"),
        (1024, "all"),
        (2048, "8"),
        (2048, "all"),
    ]
    for r in runs:
        assert r["status"] == "ok" and r["tool"] == "saewidgets"
        assert r["wall_s"] > 0 and r["peak_rss_bytes"] > 2**20
        res = r["result"]
        assert res["output_bytes"] > 0 and res["n_features"] == 256
        # the top example's activation is the feature's maximum (no example: a dead feature)
        for f, best in res["top"].items():
            expected = best[0][0] if best else 0.0
            assert expected == pytest.approx(res["max_act"][f], rel=1e-6)
    assert "saewidgets" in done.stdout and "peak RSS" in done.stdout
    _check_fixture_sae(tmp_path / "fx")


def _check_fixture_sae(folder: Path) -> None:
    """The fixture's SAE loads in SAELens and has unit-norm decoder rows (folding is a no-op)."""
    sae_lens = pytest.importorskip("sae_lens")
    sae = sae_lens.SAE.load_from_disk(str(folder / "sae"), device="cpu")
    norms = sae.W_dec.detach().norm(dim=1)
    assert float((norms - 1).abs().max()) < 1e-5
    assert sae.cfg.metadata.hook_name == "blocks.0.hook_resid_post"


def test_agreement_accounts_for_saedashboard_edge_buffer() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from protocol import Measurement, RunResult
        from report import agreement
    finally:
        sys.path.remove(str(BENCH))

    def measured(tool: str, max_act: dict[str, float], top: dict[str, list]) -> Measurement:
        result = RunResult(1, 3, 0.0, 0.0, 0.0, max_act=max_act, top=top)
        return Measurement(tool, 1024, "3", "ok", 1.0, 1, result)

    ours = measured(
        "saewidgets",
        {"0": 2.0, "1": 3.0, "2": 1.0},
        {
            "0": [[2.0, 4, 50]],
            "1": [[3.0, 7, 2], [2.5, 1, 40]],  # best at pos 2: inside SAEDashboard's buffer
            "2": [[1.0, 0, 10]],
        },
    )
    theirs = measured(
        "saedashboard",
        {"0": 2.0, "1": 3.0, "2": 1.5},
        {"0": [[2.0, 4, 50]], "1": [[2.5, 1, 40]], "2": [[1.5, 3, 9]]},
    )
    got = agreement(ours, theirs)
    assert (got.features, got.max_act_agree, got.top_same, got.top_same_in_window) == (3, 2, 1, 1)
    assert any("feature 2: max_act" in d for d in got.differences)
    assert any("feature 2: top" in d for d in got.differences)
