"""Benchmark saewidgets against SAEDashboard and sae_vis on the same model, SAE and tokens.

Each measurement is a fresh subprocess (``run_<tool>.py``): wall time and peak RSS are taken from
outside (``os.wait4``), output bytes and agreement data come back as JSON. For every token count
and feature count the tools run one after another (saewidgets, SAEDashboard, sae_vis), so the
ratios compare runs made under the same machine load. Peers run with the Python of the virtual
environment made by ``setup_env.sh`` and are skipped when it is missing. Peer runs above a
features x tokens budget are skipped (they take minutes each); the table says so.

    python bench/peers/run.py            # full run, table + bench/results/peers.json
    python bench/peers/run.py --smoke    # about a minute: tiny fixture, checks the pipeline
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import report  # noqa: E402  (needs HERE on sys.path)
from protocol import Measurement, RunResult, read_result  # noqa: E402

TOOLS = ("saewidgets", "saedashboard", "saevis")
DEFAULT_RESULTS = HERE.parent / "results" / "peers.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The driver's command line."""
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Set up the peers first: bash bench/peers/setup_env.sh",
    )
    p.add_argument("--smoke", action="store_true", help="tiny fixture and sizes (CI check)")
    p.add_argument("--tokens", type=int, nargs="+", default=[32768, 131072])
    p.add_argument("--features", nargs="+", default=["32", "128", "512", "all"])
    p.add_argument("--d-sae", type=int, default=4096, help="SAE width of the fixture")
    p.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    p.add_argument(
        "--peer-python",
        type=Path,
        default=HERE / ".venv" / "bin" / "python",
        help="Python of the peers' virtual environment (default: bench/peers/.venv)",
    )
    p.add_argument(
        "--saedashboard-max",
        type=int,
        default=128 * 131072,
        help="skip SAEDashboard runs with more features x tokens than this",
    )
    p.add_argument(
        "--saevis-max",
        type=int,
        default=32 * 131072,
        help="skip sae_vis runs with more features x tokens than this",
    )
    p.add_argument("--timeout", type=float, default=1200.0, help="seconds per run")
    p.add_argument("--fixture", type=Path, help="fixture folder (default: bench/results/fixture)")
    p.add_argument("--json", type=Path, help=f"results file (default: {DEFAULT_RESULTS})")
    p.add_argument("--keep-outputs", action="store_true", help="keep the HTML files and stores")
    p.add_argument(
        "--from-json",
        type=Path,
        help="run nothing: print the table and summary of a results file (and update its summary)",
    )
    args = p.parse_args(argv)
    if args.smoke:
        args.tokens, args.features, args.d_sae = [1024, 2048], ["8", "all"], 256
        args.saedashboard_max = args.saevis_max = 8 * 1024  # peers (if set up): one tiny run
    return args


def main(argv: list[str] | None = None) -> int:
    """Build the fixture, run the plan, print the table, write the JSON."""
    args = parse_args(argv)
    if args.from_json:
        return _reprint(args.from_json)
    scratch = Path(tempfile.mkdtemp(prefix="saewidgets-bench-"))
    try:
        fixture_dir = args.fixture or (
            scratch / "fixture" if args.smoke else HERE.parent / "results" / "fixture"
        )
        _build_fixture(fixture_dir, max(args.tokens), args.d_sae)
        tools = [t for t in args.tools if t == "saewidgets" or args.peer_python.exists()]
        missing = sorted(set(args.tools) - set(tools))
        if missing:
            print(f"no peers venv at {args.peer_python}: skipping {', '.join(missing)}")
        rows = [
            _measure(args, tool, n_tok, feats, fixture_dir, scratch)
            for n_tok in args.tokens
            for feats in args.features
            for tool in tools
        ]
        fixture_params = json.loads((fixture_dir / "fixture.json").read_text())
    finally:
        if not args.keep_outputs:
            shutil.rmtree(scratch, ignore_errors=True)
    summary = report.summarise(rows, d_sae=args.d_sae)
    print(report.table(rows, d_sae=args.d_sae))
    print(report.describe(summary))
    out = args.json or (
        DEFAULT_RESULTS.with_name("peers-smoke.json") if args.smoke else DEFAULT_RESULTS
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "command": " ".join(["python", "bench/peers/run.py", *(argv or sys.argv[1:])]),
        "machine": _machine(),
        "fixture": fixture_params,
        "runs": [asdict(r) for r in rows],
        "summary": asdict(summary),
    }
    out.write_text(json.dumps(doc, indent=1))
    print(f"wrote {out}")
    return 0 if all(not r.status.startswith("failed") for r in rows) else 1


def _reprint(path: Path) -> int:
    doc = json.loads(path.read_text())
    rows = [
        Measurement(**{**r, "result": RunResult(**r["result"]) if r["result"] else None})
        for r in doc["runs"]
    ]
    d_sae = doc["fixture"]["d_sae"]
    summary = report.summarise(rows, d_sae=d_sae)
    print(report.table(rows, d_sae=d_sae))
    print(report.describe(summary))
    doc["summary"] = asdict(summary)
    path.write_text(json.dumps(doc, indent=1))
    return 0


def _build_fixture(folder: Path, n_tokens: int, d_sae: int) -> None:
    code = (
        "import sys, pathlib, fixture; "
        "fixture.build(pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(folder), str(n_tokens), str(d_sae)],
        cwd=HERE,
        check=True,
    )


def _skip_reason(args: argparse.Namespace, tool: str, n_tok: int, feats: str) -> str | None:
    if tool == "saewidgets":
        return None
    n = args.d_sae if feats == "all" else min(int(feats), args.d_sae)
    budget = args.saedashboard_max if tool == "saedashboard" else args.saevis_max
    if n * n_tok > budget:
        return f"skipped: {n} x {n_tok} over the --{tool}-max budget"
    return None


def _measure(
    args: argparse.Namespace, tool: str, n_tok: int, feats: str, fixture_dir: Path, scratch: Path
) -> Measurement:
    reason = _skip_reason(args, tool, n_tok, feats)
    if reason:
        return Measurement(tool, n_tok, feats, reason)
    run_dir = scratch / f"{tool}-{n_tok}-{feats}"
    run_dir.mkdir(parents=True)
    python = sys.executable if tool == "saewidgets" else str(args.peer_python)
    cmd = [python, str(HERE / f"run_{tool}.py"), "--fixture", str(fixture_dir)]
    cmd += ["--tokens", str(n_tok), "--features", feats]
    cmd += ["--out", str(run_dir / "out"), "--result", str(run_dir / "result.json")]
    print(f"[{time.strftime('%H:%M:%S')}] {tool}: {feats} features x {n_tok} tokens", flush=True)
    wall, rss, code = _run(cmd, run_dir / "log.txt", args.timeout)
    if code != 0:
        tail = (run_dir / "log.txt").read_text(errors="replace").strip().splitlines()[-3:]
        return Measurement(tool, n_tok, feats, f"failed: exit {code}: {' | '.join(tail)}", wall)
    result = read_result(run_dir / "result.json")
    if not args.keep_outputs:
        shutil.rmtree(run_dir / "out", ignore_errors=True)
    return Measurement(tool, n_tok, feats, "ok", wall, rss, result)


def _run(cmd: list[str], log: Path, timeout: float) -> tuple[float, int, int]:
    """Run ``cmd``; return (wall seconds, peak RSS in bytes, exit code) of that process alone."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, cwd=HERE, env=env)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        killer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss * 1024, proc.returncode


def _machine() -> dict[str, object]:
    return {
        "cpus": os.cpu_count(),
        "load_avg_at_end": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


if __name__ == "__main__":
    raise SystemExit(main())
