"""bench/gpu.py --cpu-smoke: the GPU script runs end to end on CPU (so it cannot rot)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "gpu.py"


@pytest.mark.slow
def test_cpu_smoke_runs_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "gpu.json"
    cmd = [sys.executable, str(SCRIPT), "--cpu-smoke", "--repeats", "1"]
    cmd += ["--scratch", str(tmp_path), "--json", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    res = json.loads(out.read_text())
    assert res["device"] == "CPU (smoke run)"
    assert res["throughput"]["n_tokens"] == 2048
    assert res["throughput"]["harvest_tok_s"] > 0 and res["throughput"]["bare_tok_s"] > 0
    assert res["bookkeeping"]["nnz"] > 0
    assert res["grid"]["d_sae"] == 512 and res["grid"]["pairs"] > 0
    assert res["distributed"]["ranks"] == 2 and res["distributed"]["n_tokens"] == 2048
    assert "| harvest / bare |" in done.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["gpu.json"]  # scratch removed


def test_without_cuda_it_says_how_to_run() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA: the full run would start")
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode != 0
    assert "--cpu-smoke" in done.stderr and "no CUDA device" in done.stderr
