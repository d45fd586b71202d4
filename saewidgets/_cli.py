"""The ``saewidgets`` command line: ``demo`` (the embedded job) and ``harvest`` (any model)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from saewidgets._checks import device_arg
from saewidgets._errors import DataError, SaeWidgetsError


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``saewidgets``; returns the exit status."""
    parser = argparse.ArgumentParser(prog="saewidgets", description="SAE feature widgets.")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="harvest the embedded demo model + SAE and write a report")
    demo.add_argument(
        "--out", default="saewidgets-demo", help="output folder (default: %(default)s)"
    )
    demo.add_argument("--sae", choices=("topk", "relu"), default="topk", help="which demo SAE")
    demo.add_argument("--n-tokens", type=int, default=None, help="tokens to harvest (default 100k)")
    demo.add_argument(
        "--explain",
        type=int,
        default=None,
        help="features the embedded LLM explains and scores (default 4; 0: none)",
    )
    _harvest_parser(sub)
    args = parser.parse_args(argv)
    try:
        return _run_demo(args) if args.command == "demo" else _run_harvest(args)
    except SaeWidgetsError as exc:
        print(f"saewidgets {args.command}: {exc}", file=sys.stderr)
        return 2


def _harvest_parser(sub: Any) -> None:
    h = sub.add_parser(
        "harvest",
        help="harvest a model + SAE over a dataset into a FeatureStore (works under torchrun)",
        description="Harvest a FeatureStore. Under `torchrun --nproc-per-node N` every rank "
        "harvests its share (one GPU per rank) and rank 0 merges the shards into --out.",
    )
    h.add_argument("--model", required=True, help="transformer_lens model name, or 'demo'")
    h.add_argument(
        "--sae", default=None, help="SAELens folder or 'release/sae_id' (default with demo: topk)"
    )
    h.add_argument("--hook", default=None, help="hook name (default: the SAE's own)")
    h.add_argument(
        "--dataset",
        required=True,
        help="'demo', a .txt file (documents split at blank lines), a folder of .txt files, "
        "a .jsonl file (a 'text' field per line) or a .npy int array [n_seq, seq_len]",
    )
    h.add_argument("--n-tokens", type=int, default=None, help="tokens to harvest (default: all)")
    h.add_argument("--out", required=True, help="store folder to write")
    h.add_argument("--batch-size", type=int, default=None, help="sequences per batch")
    h.add_argument("--top-k", type=int, default=20, help="top examples kept per feature")
    h.add_argument("--context-size", type=int, default=None, help="tokens per sequence")
    h.add_argument("--device", default=None, help="default: this rank's GPU if any, else cpu")
    h.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    h.add_argument("--no-progress", action="store_true", help="no progress bars")


def _run_demo(args: argparse.Namespace) -> int:
    from saewidgets._job import run_demo
    from saewidgets.autointerp._report import DEMO_FEATURES
    from saewidgets.demo._job import DEFAULT_TOKENS

    start = time.perf_counter()
    explain = DEMO_FEATURES if args.explain is None else args.explain
    store = run_demo(
        args.out, sae=args.sae, n_tokens=args.n_tokens or DEFAULT_TOKENS, explain=explain
    )
    for name in ("summary.txt", "compare.txt", "trajectory.txt"):
        if (store.path.parent / name).is_file():
            print((store.path.parent / name).read_text())
    folder = store.path.parent
    print(f"done in {time.perf_counter() - start:.0f} s; report in {folder}/")
    print(f"open first: {folder / 'index.html'} (every view, what it shows, what it answers)")
    return 0


def _run_harvest(args: argparse.Namespace) -> int:
    import torch

    from saewidgets.harvesting._harvest import harvest
    from saewidgets.models._lens import Lens

    start = time.perf_counter()
    data = _dataset(args.dataset)
    device_arg(args.device)
    device = args.device or (
        f"cuda:{os.environ.get('LOCAL_RANK', '0')}" if torch.cuda.is_available() else "cpu"
    )
    if args.model == "demo":
        from saewidgets.demo import demo_sae_path, load_demo_model

        model: Any = load_demo_model(device=device)
        sae: Any = args.sae or demo_sae_path("topk")
    elif args.sae is None:
        raise DataError("--sae is required unless --model is 'demo'.")
    else:
        model, sae = args.model, args.sae
    lens = Lens(model, sae, hook=args.hook, device=device, context_size=args.context_size)
    store = harvest(
        lens,
        data,
        n_tokens=args.n_tokens,
        batch_size=args.batch_size,
        top_k=args.top_k,
        out=args.out,
        overwrite=args.overwrite,
        progress=not args.no_progress,
    )
    if int(os.environ.get("RANK", "0")) == 0:
        f = store.features
        print(
            f"{store.path}: {store.n_tokens:,} tokens, {store.d_sae:,} features "
            f"({int(f['dead'].sum()):,} dead, {int(f['dense'].sum()):,} dense), "
            f"{time.perf_counter() - start:.0f} s"
        )
    return 0


def _dataset(spec: str) -> Any:
    """The harvest input that ``--dataset`` names, read lazily where it is text."""
    if spec == "demo":
        from saewidgets.demo import demo_texts

        return demo_texts()
    path = Path(spec)
    if not path.exists():
        raise DataError(f"--dataset {spec!r} is neither 'demo' nor an existing file or folder.")
    if path.is_dir():
        files = sorted(path.rglob("*.txt"))
        if not files:
            raise DataError(f"The folder {path} holds no .txt files.")
        return (doc for p in files for doc in [_read_text(p)])
    if path.suffix == ".npy":
        return _token_array(path)
    if path.suffix == ".jsonl":
        return _jsonl_texts(path)
    if path.suffix == ".txt":
        return _paragraphs(path)
    raise DataError(f"Cannot read {path.name}: use a .txt, .jsonl or .npy file, or a folder.")


def _token_array(path: Path) -> Any:
    import numpy as np

    try:
        return np.load(path, mmap_mode="r", allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise DataError(
            f"--dataset {path} is not a plain .npy array of token ids ({exc}); save one with "
            "np.save(path, ids) where ids is an int array [n_seq, seq_len]."
        ) from exc


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of a UTF-8 text file; DataError naming the line that is not."""
    with open(path, "rb") as f:
        for i, raw in enumerate(f, 1):
            try:
                yield i, raw.decode("utf-8").replace("\r\n", "\n")
            except UnicodeDecodeError as exc:
                bad = raw[exc.start : exc.start + 1]
                raise DataError(
                    f"{path}:{i} is not UTF-8 text (byte {bad!r} at column {exc.start + 1}); "
                    "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)."
                ) from exc


def _read_text(path: Path) -> str:
    return "".join(line for _, line in _lines(path))


def _jsonl_texts(path: Path) -> Iterator[str]:
    for i, line in _lines(path):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(
                    f"{path}:{i} is not a JSON object ({exc.msg} at column {exc.colno}); each "
                    'line of a .jsonl dataset is one object such as {"text": "..."}.'
                ) from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise DataError(f"{path}:{i} has no string 'text' field.")
            yield row["text"]


def _paragraphs(path: Path) -> Iterator[str]:
    """Documents of a text file: runs of lines between blank lines."""
    doc: list[str] = []
    for _, line in _lines(path):
        if line.strip():
            doc.append(line)
        elif doc:
            yield "".join(doc).strip()
            doc = []
    if doc:
        yield "".join(doc).strip()


if __name__ == "__main__":
    sys.exit(main())
