"""Finding and publishing benchmarks: ``store.find`` on a 131,072-latent store once its token
index exists (and the first call on an older store, which builds it), and the peak memory of
``store.to_neuronpedia`` of every feature against a tenth of them (bounded by the batch).

    python bench/search.py                    # d_sae 131,072 for find, 4,096 for the export
    python bench/search.py --quick            # small sizes, a minute

Prints a table and writes bench/results/search.json. Stores live in a temporary folder that
is removed at exit; each memory measurement runs in its own subprocess.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harvest import build, load_average, peak_rss_gb, tokens  # noqa: E402


def make_store(d_sae: int, n_tokens: int, out: Path) -> Path:
    """A harvested store of a calibrated random TopK SAE on the random 2-layer model."""
    import saewidgets as sw

    model = build(d_sae, "topk", out.parent / f"sae-{d_sae}")
    lens = sw.Lens(model, out.parent / f"sae-{d_sae}")
    sw.harvest(lens, tokens(n_tokens), n_tokens=n_tokens, out=out, progress=False)
    return out


def find_times(path: Path, n_queries: int = 50) -> dict:
    """Median / p95 / max ms of ``store.find`` over the most frequent tokens, index on disk;
    and the first call on a copy without the index file (built in memory)."""
    import numpy as np

    import saewidgets as sw

    store = sw.FeatureStore.open(path)
    ids = np.argsort(-np.bincount(store.tokens))[:n_queries]
    store.find(int(ids[0]))  # maps the index and the accumulators
    times = []
    for i in ids:
        t = time.perf_counter()
        store.find(store.vocab[int(i)])
        times.append((time.perf_counter() - t) * 1e3)
    old = path.parent / "old"
    shutil.copytree(path, old)
    (old / "token_index.safetensors").unlink()  # a store from before the index (and before
    (old / "manifest.json").unlink()  # manifests, which would call the missing file damage)
    t = time.perf_counter()
    sw.FeatureStore.open(old).find(int(ids[0]))
    build_ms = (time.perf_counter() - t) * 1e3
    times.sort()
    return {
        "d_sae": store.d_sae,
        "find_median_ms": statistics.median(times),
        "find_p95_ms": times[int(0.95 * (len(times) - 1))],
        "find_max_ms": times[-1],
        "first_find_without_index_ms": build_ms,
    }


def export_child(path: str, n_features: str) -> None:
    """(subprocess) Export the first ``n_features`` features; print seconds and peak RSS."""
    import saewidgets as sw

    store = sw.FeatureStore.open(path)
    out = Path(tempfile.mkdtemp(dir=Path(path).parent)) / "np"
    t = time.perf_counter()
    paths = store.to_neuronpedia(
        out, model_id="bench", source="0-res", features=range(int(n_features))
    )
    size = sum(p.stat().st_size for p in paths)
    secs = time.perf_counter() - t
    print(
        json.dumps(
            {
                "features": int(n_features),
                "seconds": secs,
                "peak_rss_gb": peak_rss_gb(),
                "bytes": size,
            }
        )
    )


def export_memory(path: Path, d_sae: int) -> list[dict]:
    rows = []
    for n in (d_sae // 10, d_sae):
        cmd = [sys.executable, __file__, "--child", str(path), str(n)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        export_child(*args.child)
        return
    wide, narrow, n_tok = (8192, 1024, 4096) if args.quick else (131_072, 4096, 16_384)
    root = Path(tempfile.mkdtemp(prefix="saewidgets-bench-search-"))
    try:
        find = find_times(make_store(wide, n_tok, root / "wide" / "store"))
        export = export_memory(make_store(narrow, n_tok, root / "narrow" / "store"), narrow)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    result = {
        "find": find,
        "export": export,
        "load_average": load_average(),
        "date": time.strftime("%Y-%m-%d"),
        "machine": "2-core CPU, no GPU",
    }
    print(json.dumps(result, indent=1))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
