"""Merge benchmark: peak memory of merge_stores over 8 shards of 1,048,576 tokens each.

    python bench/merge.py            # 8 x 1M tokens, L0 32, d_sae 16,384 (~20 GB of disk)
    python bench/merge.py --quick    # 4 x 65,536 tokens

Each shard is a real store whose token and record files are filled with random tokens and
activations (the merge reads files, not a model): one shard is written, the others are hard links
to it, each with its own meta.json (a distinct dataset fingerprint). The merge runs in its own
subprocess, so its peak RSS is its own. Prints a table and writes bench/results/merge.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CTX, L0 = 128, 32


def make_shard(folder: Path, d_sae: int, n_tokens: int) -> None:
    """A store of ``n_tokens`` random tokens with ``L0`` random activations each."""
    import numpy as np
    from harvest import build, tokens

    import saewidgets as sw
    from saewidgets.harvesting._accumulate import FeatureAccumulator
    from saewidgets.harvesting._finish import finish_store
    from saewidgets.harvesting._merge import _LENS_FIELDS

    tmp = Path(tempfile.mkdtemp())
    model = build(d_sae, "standard", tmp / "sae")
    lens = sw.Lens(model, tmp / "sae")
    small = sw.harvest(lens, tokens(2 * CTX), out=folder, progress=False)
    base = {k: getattr(small.meta, k) for k in _LENS_FIELDS}
    rng = np.random.default_rng(0)
    acc = FeatureAccumulator.empty(d_sae, small.meta.top_k)
    n_seq = n_tokens // CTX
    np.full(n_seq, CTX, np.int32).tofile(folder / "seq_len.bin")
    rec = folder / "record"
    with (
        open(folder / "tokens.bin", "wb") as tok,
        open(rec / "tok_nnz.bin", "wb") as nnz,
        open(rec / "tok_feature.bin", "wb") as feat,
        open(rec / "tok_value.bin", "wb") as val,
    ):
        step = 65_536
        for t0 in range(0, n_tokens, step):
            n = min(step, n_tokens - t0)
            tok.write(rng.integers(0, 4096, n, dtype=np.int32).tobytes())
            nnz.write(np.full(n, L0, np.int32).tobytes())
            f = np.sort(rng.integers(0, d_sae, (n, L0), dtype=np.int32), axis=1).ravel()
            v = rng.exponential(1.0, n * L0).astype(np.float32)
            feat.write(f.tobytes())
            val.write(v.tobytes())
            acc.update(f.astype(np.int64), v, np.repeat(np.arange(t0, t0 + n), L0))
    finish_store(
        folder,
        base,
        acc,
        n_tokens=n_seq * CTX,
        n_seq=n_seq,
        top_k=small.meta.top_k,
        dataset_fingerprint="random",
    )


def merge(out: str, *shards: str) -> dict:
    """merge_stores of ``shards``: seconds and this process's peak RSS."""
    import resource

    import saewidgets as sw

    t = time.perf_counter()
    store = sw.merge_stores(list(shards), out, overwrite=True)
    secs = time.perf_counter() - t
    return {
        "shards": len(shards),
        "n_tokens": store.n_tokens,
        "nnz": store.record.nnz,
        "d_sae": store.d_sae,
        "seconds": secs,
        "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    p.add_argument("--json", default=str(ROOT / "bench" / "results" / "merge.json"))
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(merge(*a.child)))
        return
    n_shards, n_tok, d_sae = (4, 65_536, 2048) if a.quick else (8, 1_048_576, 16_384)
    root = Path(tempfile.mkdtemp(prefix="saewidgets-merge-"))
    try:
        t = time.perf_counter()
        make_shard(root / "s0", d_sae, n_tok)
        print(f"shard of {n_tok:,} tokens written in {time.perf_counter() - t:.0f} s", flush=True)
        meta = json.loads((root / "s0" / "meta.json").read_text())
        for i in range(1, n_shards):
            shutil.copytree(root / "s0", root / f"s{i}", copy_function=os.link)
            (root / f"s{i}" / "meta.json").unlink()  # its own meta: a distinct fingerprint
            meta["dataset_fingerprint"] = f"random-{i}"
            (root / f"s{i}" / "meta.json").write_text(json.dumps(meta))
        shards = [str(root / f"s{i}") for i in range(n_shards)]
        cmd = [sys.executable, __file__, "--child", str(root / "merged"), *shards]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(done.stderr[-3000:])
        r = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("\n| measure | value | target |\n|---|---|---|")
    print(
        f"| merge_stores, {r['shards']} shards x {n_tok:,} tokens ({r['nnz']:,} non-zeros, "
        f"d_sae {r['d_sae']:,}) | {r['seconds']:.0f} s, peak RSS {r['peak_rss_gb']:.2f} GB "
        "| <= 2 GB |"
    )
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(r, indent=1))
    print(f"\nwrote {a.json}")


if __name__ == "__main__":
    main()
