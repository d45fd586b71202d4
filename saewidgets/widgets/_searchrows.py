"""The Explorer's search box: text (features that fire on it, through the Lens), a token
(features whose top examples peak on it) or words (labels, notes and explanations), answered
as rows of feature id and one line of detail."""

from __future__ import annotations

from typing import Any

from saewidgets._errors import ArgumentError

MODES = ("text", "token", "words")
MAX_ROWS = 20


def search_rows(store: Any, lens: Any, annotations: Any, mode: str, query: str) -> list[dict]:
    """``[{"feature", "detail"}]``, best first, for the search ``mode`` and ``query``."""
    if mode not in MODES:
        raise ArgumentError(f"search mode is one of {MODES}, got {mode!r}.")
    if mode == "text":
        frame = store.search(query, lens=lens, k=MAX_ROWS)
        details = [
            f"max {a:.3g} on {t!r} (pos {p}), fires on {n} token{'s' * (n != 1)}"
            for a, t, p, n in zip(
                frame["max_act"], frame["token"], frame["position"], frame["n_active"], strict=True
            )
        ]
    elif mode == "token":
        frame = store.find(query, k=MAX_ROWS)
        details = [
            f"{n} of its {m} top examples peak on {query!r}"
            for n, m in zip(frame["n_top_on_token"], frame["n_top"], strict=True)
        ]
    else:
        if annotations is None:
            raise ArgumentError("searching labels needs annotations: pass annotations= too.")
        frame = annotations.search(query, store=store, limit=MAX_ROWS)
        details = [f"{f}: {t}" for f, t in zip(frame["field"], frame["text"], strict=True)]
    return [
        {"feature": int(f), "detail": d} for f, d in zip(frame["feature"], details, strict=True)
    ]
