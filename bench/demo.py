"""The demo job's wall time and peak RSS: ``saewidgets demo`` run in a child process.

    python bench/demo.py                       # default size (200,000 tokens, TopK SAE)
    python bench/demo.py --n-tokens 20000      # a quick run

Peak RSS is the child's own (``getrusage(RUSAGE_CHILDREN)``, the largest child). Prints a table
and writes bench/results/demo.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sae", choices=("topk", "relu"), default="topk")
    parser.add_argument("--n-tokens", type=int, default=None)
    args = parser.parse_args()
    command = " ".join(["python bench/demo.py", *sys.argv[1:]])
    print(f"reproduce: {command}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        cli = [sys.executable, "-m", "saewidgets._cli", "demo", "--out", f"{tmp}/demo"]
        cli += ["--sae", args.sae]
        if args.n_tokens:
            cli += ["--n-tokens", str(args.n_tokens)]
        t0 = time.perf_counter()
        subprocess.run(cli, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
    rss_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / 1e9
    out = {
        "command": command,
        "sae": args.sae,
        "n_tokens": args.n_tokens or 200_000,
        "wall_s": round(wall, 1),
        "peak_rss_gb": round(rss_gb, 2),
    }
    print("\n| measure | value |\n|---|---|")
    print(f"| `saewidgets demo` ({out['sae']}, {out['n_tokens']:,} tokens): wall | {wall:.0f} s |")
    print(f"| peak RSS | {rss_gb:.2f} GB |")
    dest = ROOT / "bench" / "results" / "demo.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {dest.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
