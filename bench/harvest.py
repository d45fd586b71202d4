"""Harvest benchmarks: throughput against the bare forward + encode, memory at scale, the grid.

    python bench/harvest.py                 # all three, default sizes (~10 min on 2 cores)
    python bench/harvest.py --quick         # small sizes, a minute
    python bench/harvest.py --ratio-tokens 65536 --only throughput   # the 65,536-token rows
    python bench/harvest.py --only grid     # geometry_grid of all pairs of d_sae 65,536
    python bench/harvest.py --only width    # d_sae 131,072, d_model 768: harvest, card, map

Prints a table and writes bench/results/harvest.json. Each measurement of memory runs in its
own subprocess so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

D_MODEL, N_LAYERS, VOCAB, CTX = 256, 2, 4096, 128
ARCHS = ("topk", "standard")


def build(d_sae: int, arch: str, folder: Path, seed: int = 0, d_model: int = D_MODEL):
    """A random 2-layer model (d_model 256 unless given) and a calibrated random SAE
    (blocks.0.hook_resid_post)."""
    import torch
    from safetensors.torch import save_file
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    torch.manual_seed(seed)
    cfg = HookedTransformerConfig(
        n_layers=N_LAYERS,
        d_model=d_model,
        n_heads=d_model // 64,
        d_head=64,
        d_mlp=4 * d_model,
        d_vocab=VOCAB,
        n_ctx=CTX,
        act_fn="gelu",
        normalization_type="LN",
        seed=seed,
        model_name=f"bench-2l-{d_model}",
    )
    model = HookedTransformer(cfg).eval()
    hook = "blocks.0.hook_resid_post"
    W_dec = torch.randn(d_sae, d_model)
    W_dec /= W_dec.norm(dim=1, keepdim=True)
    W_enc = W_dec.T.clone()
    sample = torch.randint(0, VOCAB, (16, CTX))
    _, cache = model.run_with_cache(sample, names_filter=hook, stop_at_layer=1)
    rows = 4096 if d_sae <= 16_384 else 1024  # calibration sample: rows x d_sae floats
    pre = cache[hook].reshape(-1, d_model)[:rows] @ W_enc
    target_l0 = 64
    b_enc = -torch.quantile(pre, 1 - target_l0 / d_sae, dim=0)
    state = {"W_enc": W_enc, "W_dec": W_dec, "b_enc": b_enc, "b_dec": torch.zeros(d_model)}
    sae_cfg = {
        "architecture": arch,
        "d_in": d_model,
        "d_sae": d_sae,
        "dtype": "float32",
        "apply_b_dec_to_input": False,
        "normalize_activations": "none",
        "metadata": {"model_name": f"bench-2l-{d_model}", "hook_name": hook, "context_size": CTX},
    }
    if arch == "topk":
        sae_cfg["k"] = 32
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cfg.json").write_text(json.dumps(sae_cfg))
    save_file(
        {k: v.contiguous() for k, v in state.items()}, str(folder / "sae_weights.safetensors")
    )
    return model


def tokens(n_tokens: int, seed: int = 1):
    """Random token ids ``[n_tokens // CTX, CTX]``."""
    import torch

    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, VOCAB, (n_tokens // CTX, CTX), generator=g)


def throughput(d_sae: int, arch: str, n_tokens: int, batch: int, repeats: int) -> dict:
    """Tokens/s of harvest vs the bare forward-to-hook + dense SAE encode, alternating runs, on
    the random 2-layer model (a stress case: its forward to block 0 costs next to nothing)."""
    import saewidgets as sw

    tmp = Path(tempfile.mkdtemp())
    model = build(d_sae, arch, tmp / "sae")
    lens = sw.Lens(model, tmp / "sae")
    return _compare(lens, tokens(n_tokens), batch, repeats, tmp) | {"model": "random 2L-256"}


def throughput_demo(kind: str, n_tokens: int, batch: int, repeats: int) -> dict:
    """The same comparison on the embedded demo model (SmolLM2-135M to block 6) and SAE."""
    import numpy as np
    import torch

    import saewidgets as sw
    from saewidgets.harvesting._data import iter_sequences

    lens = sw.demo_lens(kind)
    seqs = [s for s in iter_sequences(lens, sw.demo_texts(), n_tokens) if len(s) == CTX]
    toks = torch.from_numpy(np.stack(seqs))
    res = _compare(lens, toks, batch, repeats, Path(tempfile.mkdtemp()))
    return res | {"model": "SmolLM2-135M (demo)"}


def _compare(lens, toks, batch: int, repeats: int, tmp: Path) -> dict:
    """Alternate bare forward + dense encode and harvest on the same tokens; best of each."""
    import torch

    import saewidgets as sw

    torch.set_num_threads(2)

    def bare() -> tuple[float, float]:
        t, c = time.perf_counter(), cpu_s()
        with torch.no_grad():
            for i in range(0, len(toks), batch):
                x = lens.hook_activations(toks[i : i + batch])
                lens.sae.encode(x.reshape(-1, x.shape[-1]))
        return time.perf_counter() - t, cpu_s() - c

    def ours(k: int) -> tuple[float, float]:
        t, c = time.perf_counter(), cpu_s()
        sw.harvest(lens, toks, batch_size=batch, out=tmp / f"s{k}", progress=False)
        return time.perf_counter() - t, cpu_s() - c

    bare()  # warm-up
    b_runs, h_runs, loads = [], [], [load_average()]
    for k in range(repeats):
        b_runs.append(bare())
        h_runs.append(ours(k))
        loads.append(load_average())
    n = len(toks) * CTX
    b, h = min(t for t, _ in b_runs), min(t for t, _ in h_runs)
    return {
        "arch": lens.sae.architecture,
        "d_sae": lens.d_sae,
        "n_tokens": n,
        "batch_seqs": batch,
        "bare_tok_s": n / b,
        "harvest_tok_s": n / h,
        "cpu_ratio": min(c for _, c in b_runs) / min(c for _, c in h_runs),
        "load_avg_1m": loads,
        "ratio": b / h,
    }


def big_harvest(d_sae: int, n_tokens: int, out: str, d_model: int = D_MODEL) -> dict:
    """One harvest of ``n_tokens`` at ``d_sae``: seconds and this process's peak RSS."""
    import torch

    import saewidgets as sw

    torch.set_num_threads(2)
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-sae-"))
    try:
        model = build(d_sae, "topk", tmp / "sae", d_model=d_model)
        lens = sw.Lens(model, tmp / "sae")
        t, c, load = time.perf_counter(), cpu_s(), load_average()
        store = sw.harvest(lens, tokens(n_tokens), out=out, overwrite=True)
        secs = time.perf_counter() - t
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    disk = sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())
    return {
        "d_sae": d_sae,
        "d_model": d_model,
        "n_tokens": store.n_tokens,
        "seconds": secs,
        "cpu_s": cpu_s() - c,
        "load_avg_1m": [load, load_average()],
        "tok_s": store.n_tokens / secs,
        "peak_rss_gb": peak_rss_gb(),
        "store_gb": disk / 1e9,
        "mean_l0": float(store.features["count"].sum() / store.n_tokens),
    }


def cards(store_path: str) -> dict:
    """A FeatureCard of several features of a freshly opened store (the first one pays for
    opening the store's caches), and the FeatureMap of every feature: milliseconds and RSS."""
    import numpy as np

    import saewidgets as sw
    from saewidgets.widgets._carddata import CardService

    _ = sw.FeatureCard  # the widget modules' import is a once-per-process cost, not the card's
    t = time.perf_counter()
    store = sw.FeatureStore.open(store_path)
    counts = store.features["count"].to_numpy()
    picks = [int(counts.argmax()), *np.random.default_rng(0).choice(store.d_sae, 9, replace=False)]
    t_card = time.perf_counter()
    card = sw.FeatureCard(store, feature=picks[0])
    first_ms = (time.perf_counter() - t_card) * 1000
    open_ms = (t_card - t) * 1000
    service = CardService(store)
    later = []
    for f in picks[1:]:
        t = time.perf_counter()
        service.payload(int(f))
        later.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    fmap = sw.FeatureMap(store)
    map_ms = (time.perf_counter() - t) * 1000
    return {
        "d_sae": store.d_sae,
        "open_ms": open_ms,
        "first_card_ms": first_ms,
        "card_ms": later,
        "card_max_ms": max(later),
        "map_points": len(fmap.ids),
        "map_ms": map_ms,
        "peak_rss_gb": peak_rss_gb(),
        "card_feature": card.feature,
    }


def grid(store_path: str) -> dict:
    """geometry_grid over all pairs of a stored SAE: seconds and peak RSS."""
    import saewidgets as sw

    store = sw.FeatureStore.open(store_path)
    t, c, load = time.perf_counter(), cpu_s(), load_average()
    g = store.geometry_grid()
    secs = time.perf_counter() - t
    q = g.quadrants()
    return {
        "d_sae": store.d_sae,
        "n_tokens": store.n_tokens,
        "pairs": int(g.count.sum()),
        "seconds": secs,
        "cpu_s": cpu_s() - c,
        "load_avg_1m": [load, load_average()],
        "peak_rss_gb": peak_rss_gb(),
        "quadrant_mean_cos": {
            f"{a} / {b}": float(q.loc[a, ("mean_cos", b)])
            for a in q.index
            for b in ("co-occur", "do not co-occur")
        },
    }


def cpu_s() -> float:
    """CPU seconds (user + system, all threads) this process has used so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_average() -> float:
    """The machine's 1-minute load average (the measurement's context on a shared machine)."""
    return os.getloadavg()[0]


def peak_rss_gb() -> float:
    """Peak resident set size of this process, in GB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9


def _child(fn: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", fn, *args], capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    p.add_argument("--json", default=str(ROOT / "bench" / "results" / "harvest.json"))
    p.add_argument(
        "--ratio-tokens", type=int, default=None, help="tokens per throughput run (262,144)"
    )
    p.add_argument(
        "--only",
        choices=("throughput", "stress", "scale", "width", "grid"),
        help="only the throughput ratios; only those of the random 2-layer model; only the "
        "d_sae 16,384 harvest and its grid; only the "
        "width run (d_sae 131,072 on a d_model 768 model, 65,536 tokens: harvest, cards, map); "
        "only geometry_grid of all pairs of d_sae 65,536 (not in the default run)",
    )
    p.add_argument(
        "--width-tokens", type=int, default=65_536, help="tokens of the width run (65,536)"
    )
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    return p


def _run_child(child: list[str]) -> None:
    """One measurement in this (fresh) process; its result as the last line of stdout."""
    fn, *args = child
    res = {
        "big": lambda: big_harvest(int(args[0]), int(args[1]), args[2], *map(int, args[3:])),
        "grid": lambda: grid(args[0]),
        "cards": lambda: cards(args[0]),
    }[fn]()
    print(json.dumps(res))


def _width(results: dict, scratch: Path, quick: bool, width_tokens: int) -> None:
    d_w, n_w = (8192, 4096) if quick else (131_072, width_tokens)
    w_dir = str(scratch / "w")
    w = results["width"] = _child("big", str(d_w), str(n_w), w_dir, "768")
    print(
        f"width    d_sae {w['d_sae']:,}, d_model 768, {w['n_tokens']:,} tokens: "
        f"{w['seconds']:.0f} s wall, {w['cpu_s']:.0f} s CPU, peak RSS "
        f"{w['peak_rss_gb']:.2f} GB, L0 {w['mean_l0']:.0f}, load {w['load_avg_1m']}",
        flush=True,
    )
    c = results["cards"] = _child("cards", w_dir)
    print(
        f"cards    store open {c['open_ms']:.0f} ms, first card {c['first_card_ms']:.0f} ms, "
        f"next 9 cards max {c['card_max_ms']:.0f} ms; map of {c['map_points']:,} points "
        f"built in {c['map_ms']:.0f} ms; peak RSS {c['peak_rss_gb']:.2f} GB",
        flush=True,
    )


def _grid_only(results: dict, scratch: Path, quick: bool) -> None:
    d_g = 4096 if quick else 65_536
    g_dir = str(scratch / "g")
    results["grid_store"] = _child("big", str(d_g), "65536", g_dir)
    g = results["grid"] = _child("grid", g_dir)
    print(
        f"grid     d_sae {g['d_sae']:,} ({g['pairs']:,} pairs): {g['seconds']:.0f} s wall, "
        f"{g['cpu_s']:.0f} s CPU, peak RSS {g['peak_rss_gb']:.2f} GB, load {g['load_avg_1m']}",
        flush=True,
    )


def _throughputs(results: dict, runs: list) -> None:
    for run in runs:
        r = run()
        results["throughput"].append(r)
        print(
            f"throughput {r['model']}, {r['arch']}, d_sae {r['d_sae']}: bare "
            f"{r['bare_tok_s']:,.0f} tok/s, harvest {r['harvest_tok_s']:,.0f} tok/s, "
            f"ratio {r['ratio']:.2f} (CPU time ratio {r['cpu_ratio']:.2f}, load "
            f"{', '.join(f'{x:.1f}' for x in r['load_avg_1m'])})",
            flush=True,
        )


def _scale(results: dict, scratch: Path, d_big: int, n_big: int) -> None:
    store_dir = str(scratch / "big")
    results["scale"] = _child("big", str(d_big), str(n_big), store_dir)
    s = results["scale"]
    print(
        f"harvest  d_sae {s['d_sae']:,} x {s['n_tokens']:,} tokens: {s['seconds']:.0f} s, "
        f"peak RSS {s['peak_rss_gb']:.2f} GB, store {s['store_gb']:.2f} GB",
        flush=True,
    )
    results["grid"] = _child("grid", store_dir)
    g = results["grid"]
    print(
        f"grid     d_sae {g['d_sae']:,} ({g['pairs']:,} pairs): {g['seconds']:.0f} s, "
        f"peak RSS {g['peak_rss_gb']:.2f} GB",
        flush=True,
    )


def _table(results: dict, only: str | None) -> None:
    """The results as a markdown table, each row with its target."""
    print(f"\n{results['command']}\n\n| measure | value | target |\n|---|---|---|")
    for r in results["throughput"]:
        print(
            f"| harvest / bare throughput ({r['model']}, {r['arch']}, {r['n_tokens']:,} tokens) "
            f"| {r['ratio']:.2f} | >= 0.8 |"
        )
    if only == "width":
        w, c = results["width"], results["cards"]
        print(
            f"| width: d_sae {w['d_sae']:,}, d_model 768, {w['n_tokens']:,} tokens | "
            f"{w['seconds']:.0f} s, peak RSS {w['peak_rss_gb']:.2f} GB | bounded by batch, d_sae |"
        )
        print(
            f"| FeatureCard at d_sae {c['d_sae']:,}: first (cold store) / next 9 max | "
            f"{c['first_card_ms']:.0f} ms / {c['card_max_ms']:.0f} ms | <= 200 ms |"
        )
        print(f"| FeatureMap points | {c['map_points']:,} of {c['d_sae']:,} | all |")
    g = results["grid"]
    if only == "grid":
        print(
            f"| geometry_grid, d_sae {g['d_sae']:,} all pairs | {g['seconds']:.0f} s wall "
            f"({g['cpu_s']:.0f} s CPU), {g['peak_rss_gb']:.2f} GB | <= 900 s, <= 6 GB |"
        )
    if only in (None, "scale"):
        s = results["scale"]
        print(
            f"| peak RSS, d_sae {s['d_sae']:,} x {s['n_tokens']:,} tokens | "
            f"{s['peak_rss_gb']:.2f} GB | <= 3 GB |"
        )
        print(
            f"| geometry_grid, d_sae {g['d_sae']:,} all pairs | {g['seconds']:.0f} s, "
            f"{g['peak_rss_gb']:.2f} GB | <= 120 s, <= 4 GB |"
        )


def main() -> None:
    a = _parser().parse_args()
    if a.child:
        _run_child(a.child)
        return
    scratch = Path(tempfile.mkdtemp(prefix="sw-bench-"))  # the stores; removed at exit
    atexit.register(shutil.rmtree, scratch, True)
    d_big, n_big = (2048, 65_536) if a.quick else (16_384, 1_048_576)
    n_ratio, repeats = (16_384, 1) if a.quick else (262_144, 2)
    n_ratio = a.ratio_tokens or n_ratio
    command = " ".join(["python bench/harvest.py", *sys.argv[1:]])
    print(f"reproduce: {command}", flush=True)
    results = {"command": command, "throughput": [], "scale": {}, "grid": {}}
    runs = [lambda arch=arch: throughput(4096, arch, n_ratio, 32, repeats) for arch in ARCHS]
    if not a.quick and a.only != "stress":
        runs += [lambda k=k: throughput_demo(k, n_ratio, 32, repeats) for k in ("topk", "relu")]
    if a.only in ("scale", "width", "grid"):
        runs = []
    if a.only == "width":
        _width(results, scratch, a.quick, a.width_tokens)
    if a.only == "grid":
        _grid_only(results, scratch, a.quick)
    _throughputs(results, runs)
    if a.only in (None, "scale"):
        _scale(results, scratch, d_big, n_big)
    _table(results, a.only)
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(results, indent=1))
    print(f"\nwrote {a.json}")


if __name__ == "__main__":
    main()
