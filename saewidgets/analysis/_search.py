"""Finding features: by new text (encoded with a Lens) and by token (from the token index)."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._errors import ArgumentError, count_arg
from saewidgets.store._mmap import map_safetensors
from saewidgets.store._tokenindex import FILE, build_token_index

if TYPE_CHECKING:
    from saewidgets.store._reader import StoreFiles

SEARCH_COLUMNS = ["feature", "max_act", "position", "token", "n_active", "density"]
FIND_COLUMNS = ["feature", "token", "n_top_on_token", "n_top", "fraction", "max_act", "density"]


def search_text(store: StoreFiles, text: str, lens: Any, k: int | None) -> pd.DataFrame:
    """Features active on ``text`` (encoded by ``lens``), strongest first: each one's maximum
    over the text, where it is (position and token) and on how many tokens it fires."""
    if not isinstance(text, str) or not text:
        raise ArgumentError(f"search takes a non-empty string, got {text!r}.")
    if lens is None:
        raise ArgumentError(
            "store.search needs a Lens to encode new text (the store holds only harvested "
            "tokens): store.search(text, lens=lens), with the Lens the store was harvested with."
        )
    store.check_lens(lens)
    ids = lens.to_tokens(text)[0].cpu().numpy()
    acts = lens.encode(text).numpy()  # [pos, d_sae]
    n_active = (acts > 0).sum(0)
    live = np.nonzero(n_active)[0]
    pos = acts[:, live].argmax(0)
    frame = pd.DataFrame(
        {
            "feature": live.astype(np.int64),
            "max_act": acts[pos, live].astype(np.float64),
            "position": pos.astype(np.int64),
            "token": [store.str_tokens(ids[p : p + 1])[0] for p in pos],
            "n_active": n_active[live].astype(np.int64),
            "density": store.features["density"].to_numpy()[live],
        }
    )
    frame = frame.sort_values(["max_act", "feature"], ascending=[False, True], kind="stable")
    return frame.head(k if k is not None else len(frame)).reset_index(drop=True)


def token_index(store: StoreFiles) -> dict[str, np.ndarray]:
    """The store's token index: read from its file, or built once in memory (older stores)."""
    path = store.path / FILE
    if path.is_file():
        return store.derived("token_index", lambda: map_safetensors(path))
    top_tok = np.asarray(store.accumulators["top_tok"])
    return store.derived(
        "token_index", lambda: build_token_index(top_tok, store.tokens, len(store.vocab))
    )


def token_ids(store: StoreFiles, token: Any) -> np.ndarray:
    """The ids of ``token``: an id, or a string matched exactly against the vocabulary."""
    if isinstance(token, (int, np.integer)) and not isinstance(token, bool):
        return np.array([count_arg(token, "token (an id)", 0, len(store.vocab) - 1)])
    if not isinstance(token, str) or not token:
        raise ArgumentError(f"token is a token string or id, got {token!r}.")
    ids = np.array(store.derived("vocab_ids", lambda: _vocab_ids(store)).get(token, []), np.int64)
    if len(ids) == 0:
        close = difflib.get_close_matches(token, store.vocab, n=5, cutoff=0.6)
        hint = f" Close ones: {', '.join(map(repr, close))}." if close else ""
        raise ArgumentError(
            f"{token!r} is not a token of this model's vocabulary (tokens keep their leading "
            f"space, e.g. ' Paris').{hint}"
        )
    return ids


def _vocab_ids(store: StoreFiles) -> dict[str, list[int]]:
    ids: dict[str, list[int]] = {}
    for i, s in enumerate(store.vocab):
        ids.setdefault(s, []).append(i)
    return ids


def find_token(store: StoreFiles, token: Any, k: int | None) -> pd.DataFrame:
    """Features whose top examples peak on ``token``, most such examples first."""
    ids = token_ids(store, token)
    index = token_index(store)
    indptr = index["indptr"]
    feats, counts = [], []
    for i in ids[ids < len(indptr) - 1]:
        a, b = int(indptr[i]), int(indptr[i + 1])
        feats.append(np.asarray(index["feature"][a:b], dtype=np.int64))
        counts.append(np.asarray(index["count"][a:b], dtype=np.int64))
    feat = np.concatenate(feats) if feats else np.zeros(0, np.int64)
    count = np.concatenate(counts) if counts else np.zeros(0, np.int64)
    feat, where = np.unique(feat, return_inverse=True)
    count = np.bincount(where, weights=count, minlength=len(feat)).astype(np.int64)
    n_top = (np.asarray(store.accumulators["top_tok"][feat]) >= 0).sum(1).astype(np.int64)
    table = store.features
    frame = pd.DataFrame(
        {
            "feature": feat,
            "token": store.str_tokens(ids[:1])[0],
            "n_top_on_token": count,
            "n_top": n_top,
            "fraction": count / np.maximum(n_top, 1),
            "max_act": table["max_act"].to_numpy()[feat],
            "density": table["density"].to_numpy()[feat],
        },
        columns=FIND_COLUMNS,
    )
    frame = frame.sort_values(
        ["n_top_on_token", "fraction", "feature"], ascending=[False, False, True], kind="stable"
    )
    return frame.head(k if k is not None else len(frame)).reset_index(drop=True)
