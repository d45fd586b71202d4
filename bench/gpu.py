"""GPU benchmarks: what the CPU tests only run through the same code, timed on a GPU.

    python bench/gpu.py                    # on a CUDA machine (~5 min on one GPU)
    python bench/gpu.py --cpu-smoke        # the same script on CPU, tiny sizes, seconds

Four measurements, on a random 2-layer HookedTransformer and a calibrated random TopK SAE
(bench/harvest.py's fixture, ``blocks.0.hook_resid_post``):

1. harvest throughput vs the bare forward to the hook + the SAE's dense encode (same tokens and
   batch, alternating runs, best of ``--repeats``);
2. the on-device bookkeeping alone: ``DeviceAccumulator.update`` (count, sum, max, histogram,
   top-k merge in torch) on synthetic sparse batches, in non-zeros per second;
3. ``geometry_grid(device=...)`` of the harvested store, all pairs;
4. a harvest under ``torchrun`` with one rank per GPU (NCCL + gloo; skipped with fewer than 2
   GPUs). ``--cpu-smoke`` runs 2 gloo ranks on CPU instead.

``--cpu-smoke`` also routes the harvest's statistics through the on-device accumulator on CPU
tensors, so every path above runs. Prints a table; writes bench/results/gpu.json (or ``--json``).
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
sys.path.insert(0, str(ROOT / "bench"))

from harvest import build, load_average, tokens  # noqa: E402

SIZES = {  # d_sae, d_model, tokens, batch (sequences), grid d_sae
    "gpu": (65_536, 768, 1_048_576, 64, 65_536),
    "smoke": (512, 64, 2_048, 4, 512),
}


def sync(device: str) -> None:
    """Wait for queued device work (CUDA); nothing on CPU."""
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def use_device_accumulator(device: str) -> None:
    """On CPU (the smoke run), keep the harvest's statistics in torch like on a GPU."""
    from saewidgets.harvesting import _pass

    if device == "cpu":
        _pass.DEVICE_TYPES = ("cuda", "cpu")


def throughput(lens, toks, batch: int, repeats: int, tmp: Path, device: str) -> dict:
    """Tokens/s of harvest vs the bare forward + dense encode, alternating runs; best of each."""
    import torch

    import saewidgets as sw

    def bare() -> float:
        t = time.perf_counter()
        with torch.no_grad():
            for i in range(0, len(toks), batch):
                x = lens.hook_activations(toks[i : i + batch].to(device))
                lens.sae.encode(x.reshape(-1, x.shape[-1]))
        sync(device)
        return time.perf_counter() - t

    def ours(k: int) -> float:
        t = time.perf_counter()
        sw.harvest(lens, toks, batch_size=batch, out=tmp / f"s{k}", progress=False)
        return time.perf_counter() - t

    bare()  # warm-up (kernels, allocator)
    b_runs, h_runs = [], []
    for k in range(repeats):
        b_runs.append(bare())
        h_runs.append(ours(k))
    n = toks.numel()
    b, h = min(b_runs), min(h_runs)
    return {"n_tokens": n, "bare_tok_s": n / b, "harvest_tok_s": n / h, "ratio": b / h}


def bookkeeping(d_sae: int, n_tokens: int, device: str, l0: int = 32) -> dict:
    """Non-zeros per second through ``DeviceAccumulator.update`` alone (batches of 4,096
    tokens x ``l0`` random features, log-normal values)."""
    import torch

    from saewidgets.harvesting._device import DeviceAccumulator

    g = torch.Generator(device=device).manual_seed(0)
    acc = DeviceAccumulator(d_sae, 20, torch.device(device))
    per = 4096
    feat = torch.randint(0, d_sae, (per * l0,), generator=g, device=device)
    val = torch.exp(torch.randn(per * l0, generator=g, device=device))
    tok = torch.arange(per, device=device).repeat_interleave(l0)
    acc.update(feat, val, tok)  # warm-up
    sync(device)
    steps = max(1, n_tokens // per)
    t = time.perf_counter()
    for s in range(steps):
        acc.update(feat, val, tok + (s + 1) * per)
    sync(device)
    secs = time.perf_counter() - t
    return {"nnz": steps * per * l0, "seconds": secs, "nnz_s": steps * per * l0 / secs}


def grid(store_path: Path, device: str) -> dict:
    """Seconds of ``geometry_grid(device=...)`` over all pairs of the store."""
    import saewidgets as sw

    store = sw.FeatureStore.open(store_path)
    t = time.perf_counter()
    g = store.geometry_grid(device=device, progress=False)
    sync(device)
    return {"d_sae": store.d_sae, "pairs": int(g.count.sum()), "seconds": time.perf_counter() - t}


def distributed(args: argparse.Namespace, tmp: Path, n_gpus: int) -> dict:
    """A harvest under torchrun, one rank per GPU (2 gloo ranks on CPU in the smoke run)."""
    nproc = 2 if args.cpu_smoke else n_gpus
    if nproc < 2:
        return {"skipped": f"{n_gpus} GPU(s): the NCCL run needs at least 2"}
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone"]
    cmd += [f"--nproc-per-node={nproc}", __file__, "--rank-run", str(tmp)]
    cmd += ["--cpu-smoke"] if args.cpu_smoke else []
    t = time.perf_counter()
    done = subprocess.run(
        cmd, capture_output=True, text=True, env=os.environ | {"OMP_NUM_THREADS": "1"}
    )
    if done.returncode:
        raise RuntimeError(f"torchrun failed:\n{done.stderr[-3000:]}")
    secs = time.perf_counter() - t
    result = json.loads((tmp / "rank-0.json").read_text())
    backend = "gloo" if args.cpu_smoke else "nccl + gloo"
    return result | {"ranks": nproc, "backend": backend, "wall_s": secs}


def rank_run(tmp: Path, smoke: bool) -> None:
    """One torchrun rank: the same model and SAE as every rank, a harvest of the shared tokens."""
    import saewidgets as sw

    rank = int(os.environ["RANK"])
    d_sae, d_model, n_tok, batch, _ = SIZES["smoke" if smoke else "gpu"]
    device = "cpu" if smoke else f"cuda:{os.environ.get('LOCAL_RANK', '0')}"
    use_device_accumulator(device)
    model = build(d_sae, "topk", tmp / f"sae-rank-{rank}", d_model=d_model)
    lens = sw.Lens(model, tmp / f"sae-rank-{rank}", device=device)
    t = time.perf_counter()
    store = sw.harvest(lens, tokens(n_tok), batch_size=batch, out=tmp / "dist", progress=False)
    secs = time.perf_counter() - t
    if rank == 0:
        out = {"n_tokens": store.n_tokens, "harvest_s": secs, "tok_s": store.n_tokens / secs}
        (tmp / "rank-0.json").write_text(json.dumps(out))


def run_all(args: argparse.Namespace, tmp: Path) -> dict:
    """The four measurements; returns the results (also the JSON written)."""
    import torch

    import saewidgets as sw

    device = "cpu" if args.cpu_smoke else "cuda"
    d_sae, d_model, n_tok, batch, _ = SIZES["smoke" if args.cpu_smoke else "gpu"]
    n_tok = args.tokens or n_tok
    use_device_accumulator(device)
    name = "CPU (smoke run)" if args.cpu_smoke else torch.cuda.get_device_name(0)
    res: dict = {"device": name, "load_avg_1m": [load_average()], "d_sae": d_sae}
    model = build(d_sae, "topk", tmp / "sae", d_model=d_model)
    lens = sw.Lens(model, tmp / "sae", device=device)
    res["throughput"] = throughput(lens, tokens(n_tok), batch, args.repeats, tmp, device)
    res["bookkeeping"] = bookkeeping(d_sae, n_tok, device)
    res["grid"] = grid(tmp / "s0", device)
    n_gpus = 0 if args.cpu_smoke else torch.cuda.device_count()
    res["distributed"] = distributed(args, tmp / "dist-run", n_gpus)
    res["load_avg_1m"].append(load_average())
    return res


def table(res: dict, command: str) -> str:
    """The results as a markdown table."""
    t, b, g, d = res["throughput"], res["bookkeeping"], res["grid"], res["distributed"]
    rows = [
        f"{command}  ({res['device']}, load {res['load_avg_1m']})",
        "",
        "| measure | value |",
        "|---|---|",
        f"| bare forward + encode, d_sae {res['d_sae']:,}, {t['n_tokens']:,} tokens "
        f"| {t['bare_tok_s']:,.0f} tok/s |",
        f"| harvest, same tokens and batch | {t['harvest_tok_s']:,.0f} tok/s |",
        f"| harvest / bare | {t['ratio']:.2f} |",
        f"| on-device bookkeeping (DeviceAccumulator.update) | {b['nnz_s']:,.0f} non-zeros/s |",
        f"| geometry_grid(device=...), {g['pairs']:,} pairs | {g['seconds']:.2f} s |",
    ]
    if "skipped" in d:
        rows.append(f"| torchrun harvest | skipped: {d['skipped']} |")
    else:
        rows.append(
            f"| torchrun harvest, {d['ranks']} ranks ({d['backend']}), {d['n_tokens']:,} tokens "
            f"| {d['tok_s']:,.0f} tok/s (rank 0), {d['wall_s']:.1f} s wall |"
        )
    return "\n".join(rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--cpu-smoke", action="store_true", help="tiny sizes on CPU (seconds)")
    p.add_argument("--tokens", type=int, default=None, help="tokens of the throughput run")
    p.add_argument("--repeats", type=int, default=2, help="alternating runs (best of)")
    p.add_argument("--json", default=str(ROOT / "bench" / "results" / "gpu.json"))
    p.add_argument("--scratch", default=None, help="folder for the stores (default: system temp)")
    p.add_argument("--rank-run", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.rank_run:
        rank_run(Path(a.rank_run), a.cpu_smoke)
        return
    import torch

    if not a.cpu_smoke and not torch.cuda.is_available():
        sys.exit(
            "bench/gpu.py: torch sees no CUDA device; run it on a GPU machine, or pass "
            "--cpu-smoke to check the script on CPU"
        )
    command = " ".join(["python bench/gpu.py", *sys.argv[1:]])
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-gpu-", dir=a.scratch))
    try:
        res = run_all(a, tmp) | {"command": command}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(table(res, command))
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
