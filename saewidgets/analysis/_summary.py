"""A plain-text summary of a store: feature counts, the densest features, seeds 001 and 002."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.store._meta import StoreMeta


#: What the two seed views show, one line each.
SEED_002 = (
    "  (do the rarest features form their own cluster, with a more negative encoder bias and"
    " D/E projections spread around 0, where the dense features' sit near 1?)"
)
SEED_001 = (
    "  (are pairs that fire apart closer in direction than pairs that fire together, and pairs"
    " with similar logit effects closer than dissimilar ones?)"
)


#: Firings a density threshold needs in the harvest before seed 002's question is asked at it.
MIN_FIRINGS = 10


def cluster_lines(
    f: pd.DataFrame, rare: pd.Series | None = None, name: str = "ultra-rare"
) -> list[str]:
    """Seed 002's groups of a feature table (``dead``, ``ultra_rare``, ``enc_bias``,
    ``de_projection``): count, median encoder bias and median D/E projection with its
    interquartile range, for the rare features (``rare``, default ``ultra_rare``, named
    ``name``) and the other live features."""
    lines = ["  group          n   enc_bias  de_projection (IQR)"]
    live = ~f["dead"]
    rare = f["ultra_rare"] if rare is None else rare & live
    groups = {name: rare, "other live": live & ~rare}
    for name, mask in groups.items():
        sub = f[mask]
        if len(sub):
            q1, med, q3 = np.quantile(sub["de_projection"], [0.25, 0.5, 0.75])
            lines.append(
                f"  {name:<10} {len(sub):>6,}  {np.median(sub['enc_bias']):>9.3f}  "
                f"{med:>8.3f} ({q3 - q1:.3f})"
            )
    return lines


def seed_002_lines(f: pd.DataFrame, n_tokens: int, ultra_rare_density: float) -> list[str]:
    """Seed 002's question at the lowest density ``n_tokens`` resolves: ``ultra_rare_density``
    when it means at least ``MIN_FIRINGS`` firings, else ``MIN_FIRINGS / n_tokens``, said so."""
    lines = ["", "ultra-low density cluster (seed 002): median per group", SEED_002]
    if ultra_rare_density * n_tokens >= MIN_FIRINGS:
        return lines + cluster_lines(f)
    threshold = MIN_FIRINGS / n_tokens
    needed = int(np.ceil(MIN_FIRINGS / ultra_rare_density))
    lines += [
        f"  density < {ultra_rare_density:g} is below what {n_tokens:,} tokens resolve (one "
        f"firing is {1 / n_tokens:.1e});",
        f"  asked here at density < {threshold:.1e} (fewer than {MIN_FIRINGS} firings); harvest "
        f"{needed:,} tokens to ask it at {ultra_rare_density:g}.",
    ]
    return lines + cluster_lines(f, f["density"] < threshold, name=f"< {threshold:.0e}")


def summary_text(store: FeatureStore, top: int = 10, *, progress: bool = False) -> str:
    """A plain-text account of the SAE: feature counts, the densest features, the two views."""
    m, f = store.meta, store.features
    live = ~f["dead"]
    lines = [
        f"saewidgets report: {m.model_name}, "
        + (f"transcoder: {m.hook} → {m.hook_out}" if m.hook_out else f"hook {m.hook}")
        + f", {m.architecture} SAE, "
        f"d_sae {m.d_sae:,}",
        f"harvested {m.n_tokens:,} tokens in {m.n_seq:,} sequences (store: {store.path})",
        *excluded_line(m),
        "",
        f"dead features (never fired):            {int(f['dead'].sum()):>7,}",
        f"ultra-rare (density < {m.ultra_rare_density:g}):        {int(f['ultra_rare'].sum()):>7,}",
        f"dense (density > {m.dense_density:g}):               {int(f['dense'].sum()):>7,}",
        f"mean L0 (features firing per token):    {f['count'].sum() / m.n_counted:>7.1f}",
        f"(densities below 1/{m.n_counted:,} = {1 / m.n_counted:.1e} cannot be resolved)",
        "",
        f"top {top} features by density:",
        "  feature  density   max_act  top tokens (direct logit effect)",
    ]
    has_logits = m.has_output_directions
    for i in f.sort_values("density", ascending=False).index[:top]:
        row = f.loc[i]
        toks = ""
        if has_logits:
            toks = " ".join(repr(t) for t in store.logit_weights(int(i), k=3).top_tokens)
        lines.append(f"  {int(i):>7}  {row['density']:.4f}  {row['max_act']:8.2f}  {toks}")
    lines += seed_002_lines(f, m.n_tokens, m.ultra_rare_density)
    if has_logits and live.sum() > 1:
        grid = store.geometry_grid(progress=progress)
        q = grid.quadrants()
        lines += [
            "",
            "decoder cosine by co-occurrence x output similarity (seed 001), measured:",
            SEED_001,
        ]
        lines.append(f"  {'':18}{'co-occur (lift>1)':>20}{'do not co-occur':>20}")
        for out in ("output similar", "output different"):
            cells = [
                f"{q.loc[out, ('mean_cos', c)]:+.4f} ({int(q.loc[out, ('pairs', c)]):,})"
                for c in ("co-occur", "do not co-occur")
            ]
            lines.append(f"  {out:<18}{cells[0]:>20}{cells[1]:>20}")
        lines.append(f"  ({grid.n_live:,} live features; mean decoder cosine (pairs) per quadrant)")
    return "\n".join(lines) + "\n"


def excluded_line(meta: StoreMeta) -> list[str]:
    """The line saying which token ids the statistics leave out (none when they count all)."""
    if not meta.excluded_token_ids:
        return []
    ids = ", ".join(str(t) for t in meta.excluded_token_ids[:8])
    more = " ..." if len(meta.excluded_token_ids) > 8 else ""
    left = meta.n_tokens - meta.n_counted
    return [f"statistics leave out special tokens (ids {ids}{more}): {left:,} tokens"]
