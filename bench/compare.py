"""Benchmark of sw.compare: two 16,384-latent SAEs, matches + approximate assignment.

    python bench/compare.py            # d_sae 16,384, 16,384 tokens per store (~5 min on 2 cores)
    python bench/compare.py --quick    # d_sae 2,048, a minute

Two SAEs on a random 2-layer d_model-576 model (the demo model's width): B holds 3/4 of A's
decoder directions, perturbed and shuffled, and 1/4 new ones, so matches range from near 1 to
chance. Both stores are harvested on the same tokens (so activation correlation is computed too).
``compare`` runs in a fresh subprocess so the peak RSS is its own; its CPU seconds (all
threads) and the load average are printed too, since wall time on a shared machine is
inflated. The approximation's gap is measured where the exact optimum is affordable: on the
first ``--gap-width`` features of each SAE, candidates-only vs scipy's exact assignment.
Prints a table and writes bench/results/compare.json.
Target: compare of two 16,384-latent SAEs <= 60 s and <= 3 GB.
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
sys.path.insert(0, str(ROOT))

D_MODEL, VOCAB, CTX = 576, 4096, 128
HOOK = "blocks.0.hook_resid_post"


def build_model():
    """A random 2-layer HookedTransformer with d_model 576."""
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    cfg = HookedTransformerConfig(
        n_layers=2,
        d_model=D_MODEL,
        n_heads=4,
        d_head=144,
        d_mlp=1024,
        d_vocab=VOCAB,
        n_ctx=CTX,
        act_fn="gelu",
        normalization_type="LN",
        seed=0,
        model_name="bench-2l-576",
    )
    return HookedTransformer(cfg).eval()


def write_sae(model, W_dec, folder: Path, target_l0: int = 48) -> None:
    """A ReLU SAE with encoder = decoder^T and biases set for about ``target_l0`` active."""
    import torch
    from safetensors.torch import save_file

    W_enc = W_dec.T.clone()
    sample = torch.randint(0, VOCAB, (16, CTX), generator=torch.Generator().manual_seed(9))
    _, cache = model.run_with_cache(sample, names_filter=HOOK, stop_at_layer=1)
    pre = cache[HOOK].reshape(-1, D_MODEL)[:2048] @ W_enc
    b_enc = -torch.quantile(pre, 1 - target_l0 / len(W_dec), dim=0)
    state = {"W_enc": W_enc, "W_dec": W_dec, "b_enc": b_enc, "b_dec": torch.zeros(D_MODEL)}
    cfg = {
        "architecture": "standard",
        "d_in": D_MODEL,
        "d_sae": len(W_dec),
        "dtype": "float32",
        "apply_b_dec_to_input": False,
        "normalize_activations": "none",
        "metadata": {"model_name": "bench-2l-576", "hook_name": HOOK, "context_size": CTX},
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cfg.json").write_text(json.dumps(cfg))
    save_file(
        {k: v.contiguous() for k, v in state.items()}, str(folder / "sae_weights.safetensors")
    )


def decoders(d_sae: int):
    """A's unit decoder rows, and B's: 3/4 of A's perturbed and shuffled, 1/4 new."""
    import torch

    g = torch.Generator().manual_seed(0)
    A = torch.randn(d_sae, D_MODEL, generator=g)
    A /= A.norm(dim=1, keepdim=True)
    shared = 3 * d_sae // 4
    noise = torch.rand(shared, 1, generator=g) * 0.08  # per-direction noise level
    B = torch.cat(
        [
            A[:shared] + noise * torch.randn(shared, D_MODEL, generator=g),
            torch.randn(d_sae - shared, D_MODEL, generator=g),
        ]
    )
    B = B[torch.randperm(d_sae, generator=g)]
    B /= B.norm(dim=1, keepdim=True)
    return A, B


def make_stores(d_sae: int, n_tokens: int, folder: Path) -> tuple[Path, Path, float]:
    """Harvest the two stores on the same random tokens; returns their paths and harvest seconds."""
    import torch

    import saewidgets as sw

    model = build_model()
    A, B = decoders(d_sae)
    toks = torch.randint(
        0, VOCAB, (n_tokens // CTX, CTX), generator=torch.Generator().manual_seed(1)
    )
    start = time.perf_counter()
    out = []
    for name, W in (("a", A), ("b", B)):
        write_sae(model, W, folder / f"sae_{name}")
        lens = sw.Lens(model, folder / f"sae_{name}")
        sw.harvest(lens, toks, n_tokens=n_tokens, out=folder / f"store_{name}", progress=False)
        out.append(folder / f"store_{name}")
    return out[0], out[1], time.perf_counter() - start


def child(a: str, b: str, exact_limit: int, width: int) -> None:
    """Run compare (or, with ``width``, only the assignment of the first ``width`` features)
    in this process; print seconds, peak RSS and the assignment's figures."""
    import saewidgets as sw

    sa, sb = sw.FeatureStore.open(a), sw.FeatureStore.open(b)
    start, cpu = time.perf_counter(), time.process_time()
    if width:
        total, method = _assignment_only(sa, sb, width, exact_limit)
        figures = {"total": total, "method": method}
    else:
        cmp = sw.compare(sa, sb, exact_limit=exact_limit, progress=False)
        figures = {
            "method": cmp.assignment_method,
            "total": cmp.assignment_total,
            "bound": cmp.assignment_bound,
            "matched_above_0.9": float(cmp.summary.iloc[:, 0]["matched_above_0.9"]),
            "act_corr_computed": bool(cmp.same_tokens),
        }
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    load = os.getloadavg()[0]
    print(
        json.dumps(
            {"seconds": seconds, "cpu_seconds": cpu, "load": load, "peak_rss_gb": rss_gb, **figures}
        )
    )


def _assignment_only(sa, sb, width: int, exact_limit: int) -> tuple[float, str]:
    """Total cosine of compare's assignment between the first ``width`` features of each."""
    import numpy as np

    from saewidgets.analysis import _compare
    from saewidgets.analysis._geometry import unit_decoder

    Ua = unit_decoder(sa)[:width].astype(np.float32)
    Ub = unit_decoder(sb)[:width].astype(np.float32)
    if width <= exact_limit:
        rows, cols = _compare._exact_assignment(Ua, Ub)
        method = "exact"
    else:
        scan = _compare._CosineScan(Ua, Ub, 8, 1024, False)
        rows, cols = _compare._candidate_assignment(Ua, Ub, scan)
        method = "candidates"
    total = float(np.einsum("ij,ij->", Ua[rows].astype(np.float64), Ub[cols].astype(np.float64)))
    return total, method


def run_child(a: Path, b: Path, exact_limit: int, width: int = 0) -> dict:
    cmd = [sys.executable, __file__, "--child", str(a), str(b), str(exact_limit), str(width)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--d-sae", type=int, default=16_384)
    parser.add_argument("--tokens", type=int, default=16_384)
    parser.add_argument("--gap-width", type=int, default=4096)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        a, b, limit, width = args.child
        child(a, b, int(limit), int(width))
        return
    d_sae = 2048 if args.quick else args.d_sae
    gap_width = min(args.gap_width, d_sae // 2) if args.quick else args.gap_width
    with tempfile.TemporaryDirectory() as tmp:
        a, b, harvest_s = make_stores(d_sae, args.tokens, Path(tmp))
        full = run_child(a, b, exact_limit=0)
        approx = run_child(a, b, exact_limit=0, width=gap_width)
        exact = run_child(a, b, exact_limit=gap_width, width=gap_width)
    gap = exact["total"] - approx["total"]
    rows = [
        ("d_sae (each SAE)", f"{d_sae:,}", ""),
        ("tokens per store (act_corr)", f"{args.tokens:,}", ""),
        ("compare: matches + act_corr + approx. assignment", f"{full['seconds']:.1f} s", "<= 60 s"),
        (
            "  CPU seconds (all threads), load average",
            f"{full['cpu_seconds']:.1f} s, {full['load']:.1f}",
            "",
        ),
        ("compare: peak RSS", f"{full['peak_rss_gb']:.2f} GB", "<= 3 GB"),
        ("assignment total / upper bound", f"{full['total']:.1f} / {full['bound']:.1f}", ""),
        ("bound gap (upper limit of the loss)", f"{full['bound'] - full['total']:.2f}", ""),
        (
            f"measured gap at {gap_width:,}: exact - approx. total",
            f"{gap:.3f} ({gap / exact['total']:.2e} relative)",
            "",
        ),
        ("share of A matched above 0.9", f"{full['matched_above_0.9']:.3f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>24}  {target}")
    results = {
        "d_sae": d_sae,
        "tokens": args.tokens,
        "harvest_seconds": harvest_s,
        "full": full,
        "gap_width": gap_width,
        "approx_at_gap_width": approx,
        "exact_at_gap_width": exact,
        "measured_gap": gap,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "compare.json").write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
