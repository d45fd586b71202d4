"""The report's ``index.html``: every view in the folder, what it shows and the question it
answers, in the order to open them."""

from __future__ import annotations

import html
from pathlib import Path

#: file, what it shows, which question it answers (the seed questions of the demo's brief)
VIEWS: tuple[tuple[str, str, str], ...] = (
    (
        "summary.txt",
        "counts of dead, ultra-rare and dense features, L0, the densest features, and the seed "
        "001 and 002 tables in numbers",
        "how healthy is this SAE; seed 002 at the density its token count resolves",
    ),
    (
        "map.html",
        "every feature as a point: log density × encoder bias × D/E projection; hover, zoom, "
        "brush to select",
        "seed 002: do the rarest features form a cluster of their own?",
    ),
    (
        "grid.html",
        "all feature pairs binned by co-occurrence (lift) × output similarity; mean decoder "
        "cosine per cell, its strongest pairs on click",
        "seed 001: are features that fire apart, or that write alike, closer in direction?",
    ),
    (
        "cards.html",
        "feature cards spread over the density range: statistics, histogram, top examples, "
        "logit weights, neighbours",
        "what does one feature fire on, and what does it promote?",
    ),
    (
        "explorer.html",
        "the map, the grid and a card of every live feature, linked: a click opens the card",
        "all of the above, one click from the next",
    ),
    (
        "explanations.html",
        "a spread of features explained and scored by the embedded 135M LLM, each score beside "
        "the baseline's (the top tokens as the explanation), every question asked listed",
        "can a small offline LLM say what a feature does, better than its top tokens?",
    ),
    (
        "steer.html",
        "a prompt continued clean and with a feature's direction added",
        "what does a feature do to the model's output?",
    ),
    (
        "compare.txt",
        "TopK vs ReLU SAE on the same tokens: dead / ultra-rare / dense shares, matched "
        "features, the one-to-one assignment",
        "seed 003: which architecture leaves fewer dead or ultra-rare features?",
    ),
    (
        "compare.html",
        "both SAEs' maps side by side (hover rings the best match), the matched pairs' "
        "densities, a card of each",
        "seed 003, feature by feature",
    ),
    (
        "trajectory.txt",
        "the cluster SAE's features across training checkpoints: which end ultra-rare and "
        "whether they kept falling",
        "seed 002 where the data resolves it: do the rare features keep dying?",
    ),
    (
        "trajectory.html",
        "log10 density of each feature over the training steps, and the map at any step",
        "seed 002, one feature at a time",
    ),
)

#: what to open first, of those present
FIRST = ("explorer.html", "map.html", "summary.txt")

_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "li{margin:.6rem 0}.q{color:#555}a{font-weight:600}"
)


def first_view(folder: Path) -> Path | None:
    """The view to open first among those in ``folder`` (None when there is none)."""
    return next((folder / n for n in FIRST if (folder / n).is_file()), None)


def write_index(folder: Path, title: str = "saewidgets report") -> Path:
    """Write ``folder/index.html`` linking every view of ``VIEWS`` present in ``folder``, each
    with what it shows and the question it answers. Returns its path."""
    items = []
    for name, shows, question in VIEWS:
        if (folder / name).is_file():
            link = html.escape(name)
            items.append(
                f'<li><a href="{link}">{link}</a>: {html.escape(shows)}.<br>'
                f'<span class="q">Answers: {html.escape(question)}</span></li>'
            )
    first = first_view(folder)
    start = f'<p>Open first: <a href="{first.name}">{first.name}</a>.</p>' if first else ""
    page = (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>{start}"
        f"<p>Every view opens offline, with no kernel.</p><ul>{''.join(items)}</ul></body></html>\n"
    )
    path = folder / "index.html"
    path.write_text(page)
    return path
