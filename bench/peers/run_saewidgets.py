"""Runner: saewidgets on the fixture (system Python). See protocol.py for the contract.

saewidgets harvests every feature in one pass whatever ``--features`` says, and writes a
FeatureStore folder (the output measured). Then, for the requested features, it computes what a
feature dashboard shows — top-20 examples, 10 quantile intervals x 5 examples, the activation
histogram, top/bottom-10 logits and the 10 nearest decoder neighbours — so the work matches the
peers', which compute those panels and render them into HTML.
"""

from __future__ import annotations

import time

import fixture
from protocol import AGREEMENT_FEATURES, RunResult, parse_args, tree_bytes, write_result


def main() -> None:
    """Harvest, compute the dashboard panels, report."""
    args = parse_args(__doc__ or "")
    t0 = time.perf_counter()
    import torch

    import saewidgets as sw

    model = fixture.load_model(args.fixture)
    tokens = torch.from_numpy(fixture.load_tokens(args.fixture, args.tokens))
    lens = sw.Lens(model, str(fixture.sae_folder(args.fixture)))
    t1 = time.perf_counter()
    store = sw.harvest(lens, tokens, out=args.out / "store", overwrite=True, progress=False)
    t2 = time.perf_counter()
    ids = args.feature_ids(store.d_sae)
    for f in ids:
        store.top_examples(f, n=20)
        store.quantile_examples(f, n_intervals=10, per_interval=5)
        store.histogram(f)
        store.logit_weights(f, k=10)
        store.neighbours(f, by="cosine", k=10)
    t3 = time.perf_counter()
    features = store.features
    max_act = {str(f): float(features["max_act"][f]) for f in ids[:AGREEMENT_FEATURES]}
    top: dict[str, list[list[float]]] = {}
    for f in ids[:AGREEMENT_FEATURES]:
        ex = store.top_examples(f, n=20)
        rows = zip(ex.act, ex.seq, ex.pos, strict=True)
        top[str(f)] = [[float(a), int(s), int(p)] for a, s, p in rows]
    write_result(
        args.result,
        RunResult(
            output_bytes=tree_bytes(args.out / "store"),
            n_features=store.d_sae,
            setup_s=t1 - t0,
            compute_s=t2 - t1,
            render_s=t3 - t2,
            max_act=max_act,
            top=top,
            notes="output = FeatureStore folder (all features; no per-feature HTML export yet)",
        ),
    )


if __name__ == "__main__":
    main()
