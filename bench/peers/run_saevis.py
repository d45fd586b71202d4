"""Runner: sae_vis (PyPI ``sae-vis``) on the fixture, run by the peers' venv Python.

Default settings; one feature-centric HTML file. sae_vis 0.3.7 reads ``sae.cfg.hook_name`` and
``hook_layer``, which SAELens 6 keeps under ``sae.cfg.metadata``: they are copied onto ``cfg``.
It needs SAELens's ``HookedSAETransformer`` and does not fold decoder norms.
"""

from __future__ import annotations

import time

import fixture
from protocol import AGREEMENT_FEATURES, RunResult, parse_args, tree_bytes, write_result


def main() -> None:
    """Load, run SaeVisData.create, save the HTML, report."""
    args = parse_args(__doc__ or "")
    t0 = time.perf_counter()
    import torch
    from sae_lens import SAE, HookedSAETransformer
    from sae_vis.data_config_classes import SaeVisConfig
    from sae_vis.data_storing_fns import SaeVisData

    model = fixture.load_model(args.fixture, HookedSAETransformer)
    tokens = torch.from_numpy(fixture.load_tokens(args.fixture, args.tokens))
    sae = SAE.load_from_disk(str(fixture.sae_folder(args.fixture)), device="cpu")
    sae.cfg.hook_name = sae.cfg.metadata.hook_name
    sae.cfg.hook_layer = sae.cfg.metadata.hook_layer
    ids = args.feature_ids(sae.cfg.d_sae)
    t1 = time.perf_counter()
    data = SaeVisData.create(sae=sae, model=model, tokens=tokens, cfg=SaeVisConfig(features=ids))
    t2 = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / "saevis.html"
    data.save_feature_centric_vis(filename=str(html))
    t3 = time.perf_counter()
    max_act = {str(f): float(data.feature_stats.max[i]) for i, f in enumerate(ids)}
    write_result(
        args.result,
        RunResult(
            output_bytes=tree_bytes(html),
            n_features=len(ids),
            setup_s=t1 - t0,
            compute_s=t2 - t1,
            render_s=t3 - t2,
            max_act=dict(list(max_act.items())[:AGREEMENT_FEATURES]),
            notes="output = one feature-centric HTML file",
        ),
    )


if __name__ == "__main__":
    main()
