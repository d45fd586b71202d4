"""Runner: SAEDashboard (PyPI ``sae-dashboard``) on the fixture, run by the peers' venv Python.

Default settings except ``device="cpu"`` and float32; one feature-centric HTML file. SAEDashboard
folds decoder norms into the SAE first; the fixture's decoder rows have unit norm, so its
activations are on the same scale as saewidgets'. Its top examples are chosen only among
positions at least ``buffer = (5, 5)`` tokens from either end of a sequence (plus one on the left).
"""

from __future__ import annotations

import time

import fixture
from protocol import AGREEMENT_FEATURES, RunResult, parse_args, tree_bytes, write_result


def main() -> None:
    """Load, run SaeVisRunner, save the HTML, report."""
    args = parse_args(__doc__ or "")
    t0 = time.perf_counter()
    import torch
    from sae_dashboard.data_writing_fns import save_feature_centric_vis
    from sae_dashboard.sae_vis_data import SaeVisConfig
    from sae_dashboard.sae_vis_runner import SaeVisRunner
    from sae_lens import SAE

    model = fixture.load_model(args.fixture)
    tokens = torch.from_numpy(fixture.load_tokens(args.fixture, args.tokens))
    sae = SAE.load_from_disk(str(fixture.sae_folder(args.fixture)), device="cpu")
    ids = args.feature_ids(sae.cfg.d_sae)
    cfg = SaeVisConfig(hook_point=fixture.HOOK, features=ids, device="cpu", dtype="float32")
    t1 = time.perf_counter()
    data = SaeVisRunner(cfg).run(encoder=sae, model=model, tokens=tokens)
    t2 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / "saedashboard.html"
    save_feature_centric_vis(sae_vis_data=data, filename=html)
    t3 = time.perf_counter()
    max_act: dict[str, float] = {}
    top: dict[str, list[list[float]]] = {}
    for i, f in enumerate(ids[:AGREEMENT_FEATURES]):
        max_act[str(f)] = float(data.feature_stats.max[i])
        groups = data.feature_data_dict[f].sequence_data.seq_group_data
        if groups and groups[0].seq_data:
            best = groups[0].seq_data
            top[str(f)] = [
                [max(s.feat_acts), s.original_index, s.qualifying_token_index] for s in best
            ]
    write_result(
        args.result,
        RunResult(
            output_bytes=tree_bytes(html),
            n_features=len(ids),
            setup_s=t1 - t0,
            compute_s=t2 - t1,
            render_s=t3 - t2,
            max_act=max_act,
            top=top,
            notes="output = one feature-centric HTML file",
        ),
    )


if __name__ == "__main__":
    main()
