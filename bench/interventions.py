"""Interventions on the demo model (CPU): steering cost vs plain generation, attribution vs forward.

    python bench/interventions.py   # targets: steer <= 1.2x generate, attribute <= 3x forward
    python bench/interventions.py --repeats 9

One steer with 20 new tokens (clean and steered continuations, both greedy) is timed against
``HookedTransformer.generate`` of the same 20 tokens (greedy, key-value cache); attribution of
every active (pos, feature) of a 64-token prompt against one no-grad forward pass of that prompt.
Runs alternate between the timed calls and report medians (the machine may be shared). Prints a
table and writes bench/results/interventions.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"steer_over_generate": 1.2, "attribute_over_forward": 3.0}
PROMPT = "The old castle stood on the hill above the village, and every night"
LONG = (
    "The river rose in the mountains to the north and ran for many miles through forests and "
    "farmland before it reached the sea. Along its banks stood small towns whose people fished, "
    "traded and built boats, and in spring the water carried snow from the high passes down "
    "to the coast, where the fishermen waited for the first warm days of the year."
)


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _timings(fns: dict, repeats: int) -> dict[str, list[float]]:
    """Seconds of each function over ``repeats`` rounds of all of them in turn, after one
    warm-up call of each (vocab, allocator, caches)."""
    for fn in fns.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            times[name].append(_timed(fn))
    return times


def run(repeats: int, new_tokens: int, feature: int, strength: float) -> dict:
    import torch

    import saewidgets as sw

    torch.manual_seed(0)
    lens = sw.demo_lens(device="cpu")
    model = lens.model
    tokens = lens.to_tokens(PROMPT)
    long = lens.to_tokens(LONG)[0, :64]
    assert long.shape[0] == 64, long.shape

    def generate():
        model.generate(
            tokens,
            max_new_tokens=new_tokens,
            do_sample=False,
            use_past_kv_cache=True,
            verbose=False,
            stop_at_eos=False,
        )

    def steer():
        lens.steer(tokens[0], {feature: strength}, max_new_tokens=new_tokens)

    def forward():
        with torch.no_grad():
            model(long[None])

    def attribute():
        lens.attribute(long)

    fns = {"generate": generate, "steer": steer, "forward": forward, "attribute": attribute}
    times = _timings(fns, repeats)
    med = {k: float(np.median(v)) for k, v in times.items()}
    n_active = len(lens.attribute(long))
    r = lens.steer(tokens[0], {feature: strength}, max_new_tokens=new_tokens)
    return {
        "model": lens.model_name,
        "hook": lens.hook,
        "threads": torch.get_num_threads(),
        "repeats": repeats,
        "new_tokens": new_tokens,
        "median_s": med,
        "all_s": times,
        "attributed_pairs": n_active,
        "steer_over_generate": med["steer"] / med["generate"],
        "attribute_over_forward": med["attribute"] / med["forward"],
        "example": {"feature": feature, "strength": strength, "clean": r.text_clean},
        "example_after": r.text_after,
        "targets": TARGETS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--new-tokens", type=int, default=20)
    parser.add_argument("--feature", type=int, default=0)
    parser.add_argument("--strength", type=float, default=8.0)
    args = parser.parse_args()
    res = run(args.repeats, args.new_tokens, args.feature, args.strength)
    med = res["median_s"]
    print(f"{res['model']} at {res['hook']}, {res['threads']} threads, {res['repeats']} repeats")
    print(f"{'measure':<34}{'median s':>10}{'ratio':>8}{'target':>8}")
    print(f"{'generate (20 new tokens)':<34}{med['generate']:>10.3f}")
    ok1 = res["steer_over_generate"] <= TARGETS["steer_over_generate"]
    ok2 = res["attribute_over_forward"] <= TARGETS["attribute_over_forward"]
    print(
        f"{'steer (clean + steered, 20 new)':<34}{med['steer']:>10.3f}"
        f"{res['steer_over_generate']:>8.2f}{'<= 1.2':>8} {'ok' if ok1 else 'MISSED'}"
    )
    print(f"{'forward (64 tokens)':<34}{med['forward']:>10.3f}")
    print(
        f"{'attribute (' + str(res['attributed_pairs']) + ' pairs)':<34}{med['attribute']:>10.3f}"
        f"{res['attribute_over_forward']:>8.2f}{'<= 3':>8} {'ok' if ok2 else 'MISSED'}"
    )
    out = ROOT / "bench" / "results" / "interventions.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2))
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
