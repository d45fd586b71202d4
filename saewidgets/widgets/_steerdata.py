"""What the steering views show of an ``Intervention``, packed for the comm and for exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from saewidgets._checks import flag_arg, int_arg, real_arg
from saewidgets._errors import DataError
from saewidgets.widgets._codecs import array_to_json

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.models._interventions import Intervention, LensLike
    from saewidgets.models._lens import Lens

#: How many next-token changes the views list.
N_TOP_TOKENS = 8
#: Most new tokens a view may ask for.
MAX_NEW_TOKENS = 64
#: The card's steer section: how many prompts, how many tokens of context, how many new tokens.
CARD_PROMPTS = 3
CARD_CONTEXT = 24
CARD_NEW_TOKENS = 12


def chip(msg: Any) -> dict[str, Any]:
    """A checked chip ``{feature, strength, ablate}`` from a view's message."""
    if not isinstance(msg, dict) or "feature" not in msg:
        raise DataError(f"a chip is {{feature, strength, ablate}}, got {msg!r}")
    f = int_arg(msg["feature"], "a chip's feature")
    strength = real_arg(msg.get("strength", 0.0), f"the strength of feature {f}")
    return {
        "feature": f,
        "strength": strength,
        "ablate": flag_arg(msg.get("ablate", False), "ablate"),
    }


def new_tokens(value: Any) -> int:
    """``value`` as a count of new tokens in 0..MAX_NEW_TOKENS."""
    return int_arg(value, "max_new_tokens", 0, MAX_NEW_TOKENS)


def js_number(x: float) -> float | int:
    """``x``, or the int it equals: how ``JSON.stringify`` writes whole numbers."""
    return int(x) if float(x).is_integer() else x


def js_number_msg(msg: dict[str, Any]) -> dict[str, Any]:
    """``msg`` with a whole-number ``strength`` as an int (see :func:`js_number`)."""
    return {**msg, "strength": js_number(msg["strength"])}


def js_numbers(msg: dict[str, Any]) -> dict[str, Any]:
    """``msg`` with whole-number strengths as ints, as ``JSON.stringify`` writes them (so a
    standalone page finds the recorded answer under the key it computes)."""
    chips = [
        {
            **c,
            "strength": int(c["strength"]) if float(c["strength"]).is_integer() else c["strength"],
        }
        for c in msg["chips"]
    ]
    return {**msg, "chips": chips}


def split(chips: Sequence[dict[str, Any]]) -> tuple[dict[int, float], list[int]]:
    """({feature: strength} to steer, [feature] to ablate) from a view's chips."""
    steer: dict[int, float] = {}
    ablate: list[int] = []
    for c in chips:
        if c["ablate"]:
            ablate.append(c["feature"])
        elif c["strength"] != 0:
            steer[c["feature"]] = steer.get(c["feature"], 0.0) + c["strength"]
    return steer, ablate


def payload(r: Intervention, prompt: str) -> dict[str, Any]:
    """Prompt tokens, both continuations, KL per position and the largest next-token changes."""
    top = r.top_tokens(position=-1, k=N_TOP_TOKENS)
    return {
        "prompt": prompt,
        "tokens": list(r.str_tokens),
        "text_clean": r.text_clean,
        "text_after": r.text_after,
        "kind": r.kind,
        "kl": array_to_json(r.kl.astype(np.float32)),
        "top": {
            "token": [str(t) for t in top["token"]],
            "p_clean": array_to_json(top["p_clean"].to_numpy(np.float32)),
            "p_after": array_to_json(top["p_after"].to_numpy(np.float32)),
        },
    }


def card_prompts(store: FeatureStore, lens: LensLike, f: int) -> list[np.ndarray]:
    """Token ids of the feature's top example contexts cut just before the peak token (at most
    CARD_CONTEXT tokens, BOS first when the Lens uses one), from different sequences."""
    top = store.top_examples(f, n=4 * CARD_PROMPTS)
    bos = getattr(lens, "bos_token_id", None) if getattr(lens, "prepend_bos", False) else None
    out: list[np.ndarray] = []
    seen: set[int] = set()
    for seq, pos in zip(top["seq"], top["pos"], strict=True):
        a, _ = store.seq_range(int(seq))
        lo = max(0, int(pos) - CARD_CONTEXT)
        ids = np.asarray(store.tokens[a + lo : a + int(pos)], dtype=np.int64)
        if bos is not None and (len(ids) == 0 or ids[0] != bos):
            ids = np.concatenate([[bos], ids])
        if len(ids) == 0 or int(seq) in seen:
            continue
        seen.add(int(seq))
        out.append(ids)
        if len(out) == CARD_PROMPTS:
            break
    return out


def card_steer(store: FeatureStore, lens: Lens, f: int, strength: float) -> dict[str, Any]:
    """``{feature, strength, rows: [{prompt, clean, after}]}``: each card prompt continued
    greedily with and without ``strength * W_dec[f]`` added at every position."""
    import torch

    rows = []
    bos = getattr(lens, "bos_token_id", None)
    for ids in card_prompts(store, lens, f):
        r = lens.steer(torch.from_numpy(ids), {f: strength}, max_new_tokens=CARD_NEW_TOKENS)
        prompt = "".join(t for t, i in zip(r.str_tokens, ids, strict=True) if i != bos)
        rows.append({"prompt": prompt, "clean": r.text_clean, "after": r.text_after})
    return {"feature": f, "strength": strength, "rows": rows}
