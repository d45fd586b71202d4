"""The benchmark's table, agreement check and target verdicts, from the driver's measurements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fixture import CONTEXT
from protocol import Measurement

# SAEDashboard picks top examples only at positions buffer[0]+1 .. seq_len-buffer[1]-1 with its
# default buffer (5, 5): the first 6 and last 5 positions of each sequence are never "top".
SAEDASHBOARD_WINDOW = (6, CONTEXT - 5)
MAX_ACT_RTOL = 1e-4
MAX_ACT_ATOL = 1e-5


@dataclass(frozen=True)
class Agreement:
    """saewidgets vs one peer on the features both computed (at one token count).

    ``top_same``: the top example's (seq, pos) is the same. ``top_same_in_window``: it differs
    only because saewidgets' top lies where SAEDashboard does not look (its sequence-edge
    buffer), and saewidgets' best example inside SAEDashboard's window is SAEDashboard's top (or
    the feature never fires inside that window and SAEDashboard's "top" has activation 0).
    ``dead``: features that never fired on these tokens (no top example to compare).
    """

    peer: str
    tokens: int
    features: int
    max_act_agree: int
    top_same: int = 0
    top_same_in_window: int = 0
    dead: int = 0
    differences: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    """Agreement results and the issue's three targets, each with the numbers behind it."""

    agreement: list[Agreement]
    all_vs_128: list[str]
    bytes_per_feature: list[str]
    rss_vs_tokens: list[str]


def _ok(rows: Sequence[Measurement], tool: str, tokens: int, feats: str) -> Measurement | None:
    for r in rows:
        if (r.tool, r.tokens, r.features, r.status) == (tool, tokens, feats, "ok"):
            return r
    return None


def _n_features(feats: str, d_sae: int) -> int:
    return d_sae if feats == "all" else min(int(feats), d_sae)


def _bytes_per_feature(r: Measurement) -> float:
    assert r.result is not None
    return r.result.output_bytes / max(1, r.result.n_features)


def table(rows: Sequence[Measurement], d_sae: int) -> str:
    """One text table: a line per run; ratio columns (saewidgets / peer) on the peers' lines."""
    head = (
        f"{'tokens':>7} {'feats':>5} {'tool':<12} {'wall s':>7} {'compute':>7} {'render':>7} "
        f"{'RSS MB':>7} {'out MB':>8} {'KB/feat':>8} | {'sw/peer: wall':>13} {'RSS':>5} "
        f"{'B/feat':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        label = f"{r.tokens:>7} {_n_features(r.features, d_sae):>5} {r.tool:<12}"
        if r.status != "ok" or r.result is None:
            lines.append(f"{label} {r.status}")
            continue
        res = r.result
        line = (
            f"{label} {r.wall_s:7.1f} {res.compute_s:7.1f} {res.render_s:7.1f} "
            f"{r.peak_rss_bytes / 2**20:7.0f} {res.output_bytes / 1e6:8.2f} "
            f"{_bytes_per_feature(r) / 1e3:8.1f} |"
        )
        sw = _ok(rows, "saewidgets", r.tokens, r.features)
        if r.tool != "saewidgets" and sw is not None:
            line += (
                f" {sw.wall_s / r.wall_s:13.2f} {sw.peak_rss_bytes / r.peak_rss_bytes:5.2f} "
                f"{_bytes_per_feature(sw) / _bytes_per_feature(r):7.3f}"
            )
        lines.append(line)
    return "\n".join(lines)


def agreement(sw: Measurement, peer: Measurement) -> Agreement:
    """Compare max activations (and, for SAEDashboard, top examples) feature by feature."""
    assert sw.result is not None and peer.result is not None
    a, b = sw.result, peer.result
    shared = sorted(set(a.max_act) & set(b.max_act), key=int)
    max_agree, same, same_window, dead, diffs = 0, 0, 0, 0, []
    for f in shared:
        x, y = a.max_act[f], b.max_act[f]
        if abs(x - y) <= MAX_ACT_ATOL + MAX_ACT_RTOL * abs(y):
            max_agree += 1
        else:
            diffs.append(f"feature {f}: max_act {x:.6g} vs {y:.6g}")
        dead += x == 0.0
        if peer.tool != "saedashboard" or x == 0.0:
            continue
        mine, theirs = a.top.get(f, []), b.top.get(f, [])
        if not mine or not theirs:
            diffs.append(f"feature {f}: top example missing on one side")
            continue
        target = (int(theirs[0][1]), int(theirs[0][2]))
        if (int(mine[0][1]), int(mine[0][2])) == target:
            same += 1
            continue
        lo, hi = SAEDASHBOARD_WINDOW
        inside = [(int(s), int(p)) for _, s, p in mine if lo <= p < hi]
        if (inside[0] if inside else None) == target or (not inside and theirs[0][0] == 0.0):
            same_window += 1  # (no firing inside the window: SAEDashboard shows zeros)
        else:
            diffs.append(f"feature {f}: top (seq, pos) {mine[0][1:]} vs {list(target)}")
    return Agreement(peer.tool, sw.tokens, len(shared), max_agree, same, same_window, dead, diffs)


def summarise(rows: Sequence[Measurement], d_sae: int) -> Summary:
    """Agreement for every token count and peer, and the verdict on each target."""
    tokens = sorted({r.tokens for r in rows})
    agree, all_vs_128, per_feature, rss = [], [], [], []
    for n_tok in tokens:
        for peer in ("saedashboard", "saevis"):
            runs = [r for r in rows if (r.tool, r.tokens, r.status) == (peer, n_tok, "ok")]
            if not runs:
                continue
            best = max(runs, key=lambda r: _n_features(r.features, d_sae))
            sw = _ok(rows, "saewidgets", n_tok, best.features)
            if sw is not None:
                agree.append(agreement(sw, best))
        sw_all = _ok(rows, "saewidgets", n_tok, "all")
        sd_128 = _ok(rows, "saedashboard", n_tok, "128")
        if sw_all is not None and sw_all.result is not None and sd_128 is not None:
            store_only = sw_all.wall_s - sw_all.result.render_s
            verdict = "met" if sw_all.wall_s < sd_128.wall_s else "NOT met"
            all_vs_128.append(
                f"{n_tok} tokens: saewidgets all {d_sae} features {sw_all.wall_s:.0f} s "
                f"(store only {store_only:.0f} s, panels {sw_all.result.render_s:.0f} s) vs "
                f"SAEDashboard 128 features {sd_128.wall_s:.0f} s: {verdict}"
                + ("" if verdict == "met" else f"; store only: {_verdict(store_only, sd_128)}")
            )
        for r in rows:
            sw = _ok(rows, "saewidgets", n_tok, r.features)
            if (r.tool, r.tokens, r.status) == ("saedashboard", n_tok, "ok") and sw is not None:
                ratio = _bytes_per_feature(sw) / _bytes_per_feature(r)
                per_feature.append(
                    f"{n_tok} tokens, {_n_features(r.features, d_sae)} features: "
                    f"{_bytes_per_feature(sw) / 1e3:.1f} KB vs {_bytes_per_feature(r) / 1e3:.1f} "
                    f"KB per feature = {ratio:.3f} ({'met' if ratio <= 0.1 else 'NOT met'})"
                )
    if len(tokens) > 1:
        for feats in sorted({r.features for r in rows}, key=lambda f: _n_features(f, d_sae)):
            lo, hi = (_ok(rows, "saewidgets", t, feats) for t in (tokens[0], tokens[-1]))
            if lo is not None and hi is not None:
                growth = hi.peak_rss_bytes / lo.peak_rss_bytes
                rss.append(
                    f"{_n_features(feats, d_sae)} features: {lo.peak_rss_bytes / 2**20:.0f} MB at "
                    f"{tokens[0]} tokens -> {hi.peak_rss_bytes / 2**20:.0f} MB at {tokens[-1]} "
                    f"({growth:.2f}x for {tokens[-1] / tokens[0]:.0f}x tokens)"
                )
    return Summary(agree, all_vs_128, per_feature, rss)


def _verdict(seconds: float, peer: Measurement) -> str:
    return "met" if seconds < peer.wall_s else "NOT met"


def describe(s: Summary) -> str:
    """The summary as text under the table."""
    out = ["", "Agreement with the peers (features 0..127 where computed):"]
    for a in s.agreement:
        line = f"  {a.peer} @ {a.tokens} tokens: max_act equal on {a.max_act_agree}/{a.features}"
        if a.peer == "saedashboard":
            line += (
                f"; top (seq, pos) same on {a.top_same}, same once SAEDashboard's edge buffer "
                f"is applied on {a.top_same_in_window}, dead (nothing to compare) {a.dead}"
            )
        out.append(line)
        out += [f"    {d}" for d in a.differences[:10]]
    out.append("Target: all features faster than SAEDashboard on 128")
    out += [f"  {x}" for x in s.all_vs_128] or ["  not measured"]
    out.append("Target: output bytes per feature <= 1/10 of SAEDashboard's")
    out += [f"  {x}" for x in s.bytes_per_feature] or ["  not measured"]
    out.append("Target: saewidgets peak RSS not growing with token count")
    out += [f"  {x}" for x in s.rss_vs_tokens] or ["  not measured"]
    return "\n".join(out)
