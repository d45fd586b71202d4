"""The ``saewidgets`` command line."""

from __future__ import annotations

import argparse
import sys
import time

from saewidgets._errors import SaeWidgetsError


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``saewidgets``; returns the exit status."""
    parser = argparse.ArgumentParser(prog="saewidgets", description="SAE feature widgets.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="harvest the embedded demo model + SAE and write a report")
    demo.add_argument(
        "--out", default="saewidgets-demo", help="output folder (default: %(default)s)"
    )
    demo.add_argument("--sae", choices=("topk", "relu"), default="topk", help="which demo SAE")
    demo.add_argument("--n-tokens", type=int, default=None, help="tokens to harvest (default 200k)")
    args = parser.parse_args(argv)
    from saewidgets.demo._job import DEFAULT_TOKENS, run_demo

    start = time.perf_counter()
    try:
        store = run_demo(args.out, sae=args.sae, n_tokens=args.n_tokens or DEFAULT_TOKENS)
    except SaeWidgetsError as exc:
        print(f"saewidgets demo: {exc}", file=sys.stderr)
        return 2
    print((store.path.parent / "summary.txt").read_text())
    print(f"done in {time.perf_counter() - start:.0f} s; report in {store.path.parent}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
