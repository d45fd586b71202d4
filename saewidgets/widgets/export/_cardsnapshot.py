"""FeatureCard's text summary and static HTML snapshot, read from the FeatureStore."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from saewidgets._errors import StoreError
from saewidgets.widgets._carddata import special_positions
from saewidgets.widgets.export._snapshot import bars_svg, box, esc, fmt, note, token_spans

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore

#: Examples and logit tokens a snapshot lists.
N_EXAMPLES = 5
N_TOKENS = 6


def _percent(density: float) -> str:
    return f"{density * 100:.3g} %"


def top_tokens(store: FeatureStore, f: int, n: int = N_TOKENS) -> list[tuple[str, int]]:
    """The distinct tokens of the feature's stored top examples with how many of them each
    fires on, strongest first."""
    frame = store.top_examples(f, window=(0, 0))
    seen: dict[str, int] = {}
    for tokens, i in zip(frame["tokens"], frame["max_index"], strict=True):
        seen[tokens[int(i)]] = seen.get(tokens[int(i)], 0) + 1
    return list(seen.items())[:n]


def card_summary(store: FeatureStore, f: int, label: str | None = None) -> str:
    """``FeatureCard #17 "label" — density 0.25 %, max 7.3; top 20 examples on ' the' ×12,
    ' of' ×5, ...`` (each distinct token, strongest first, with how many examples it holds)."""
    row = store.features.loc[f]
    name = f"FeatureCard #{f}" + (f' "{label}"' if label else "")
    if bool(row["dead"]):
        return f"{name} — dead (never fired on {store.meta.n_tokens:,} tokens)"
    pairs = top_tokens(store, f)
    n = len(store.top_examples(f, window=(0, 0)))
    tokens = ", ".join(f"{t!r} ×{k}" for t, k in pairs)
    more = ", …" if sum(k for _, k in pairs) < n else ""
    return (
        f"{name} — density {_percent(float(row['density']))}, "
        f"max {fmt(float(row['max_act']))}; top {n} examples on {tokens}{more}"
    )


def _logit_table(store: FeatureStore, f: int) -> str:
    try:
        lw = store.logit_weights(f, k=N_TOKENS)
    except StoreError as exc:
        return note(str(exc))
    rows = "".join(
        f"<tr><td>{esc(repr(t))}</td><td>{fmt(float(v))}</td>"
        f"<td>{esc(repr(b))}</td><td>{fmt(float(w))}</td></tr>"
        for t, v, b, w in zip(
            lw.top_tokens, lw.top_values, lw.bottom_tokens, lw.bottom_values, strict=True
        )
    )
    head = "<tr><th>top token</th><th>weight</th><th>bottom token</th><th>weight</th></tr>"
    return (
        f'<table style="border-collapse:collapse;font-size:11px;margin:4px 0">{head}{rows}</table>'
    )


def card_snapshot(store: FeatureStore, f: int, source: str, label: str | None = None) -> str:
    """The card as static HTML: stats, activation histogram, top examples and logit weights."""
    row = store.features.loc[f]
    title = f"Feature {f}" + (f" — {label}" if label else "")
    stats = note(
        f"{source} · density {_percent(float(row['density']))} · count {int(row['count']):,} · "
        f"max {fmt(float(row['max_act']))} · enc bias {fmt(float(row['enc_bias']))} · "
        f"D/E projection {fmt(float(row['de_projection']))}"
    )
    if bool(row["dead"]):
        return box("FeatureCard", title, stats, note("dead: never fired on the harvested tokens"))
    hist = store.histogram(f, bins=40)
    frame = store.top_examples(f, n=N_EXAMPLES)
    top = float(row["max_act"])
    lengths = [len(t) for t in frame["tokens"]]
    special = set(special_positions(store, frame["seq"], frame["start"], lengths).tolist())
    starts = np.cumsum([0, *lengths])
    examples = "".join(
        token_spans(
            list(tokens),
            list(np.asarray(acts, float)),
            top,
            {i - a for i in special if a <= i < a + len(tokens)},
        )
        for tokens, acts, a in zip(frame["tokens"], frame["acts"], starts, strict=False)
    )
    return box(
        "FeatureCard",
        title,
        stats,
        '<div style="margin-top:6px;font-weight:600">Top examples</div>',
        examples,
        '<div style="display:flex;gap:16px;flex-wrap:wrap;margin-top:6px"><div>'
        '<div style="font-weight:600">Activation histogram (non-zero)</div>'
        f"{bars_svg(hist.edges, hist.counts)}</div><div>"
        '<div style="font-weight:600">Logit weights (direct path)</div>'
        f"{_logit_table(store, f)}</div></div>",
        note("Static snapshot; run the notebook or use .to_html() for the interactive card."),
    )
