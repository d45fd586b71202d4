"""What the steering views show of an ``Intervention``, packed for the comm and for exports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from saewidgets._errors import DataError
from saewidgets.widgets._codecs import array_to_json

if TYPE_CHECKING:
    from saewidgets.models._interventions import Intervention

#: How many next-token changes the views list.
N_TOP_TOKENS = 8
#: Most new tokens a view may ask for.
MAX_NEW_TOKENS = 64


def chip(msg: Any) -> dict[str, Any]:
    """A checked chip ``{feature, strength, ablate}`` from a view's message."""
    if not isinstance(msg, dict) or "feature" not in msg:
        raise DataError(f"a chip is {{feature, strength, ablate}}, got {msg!r}")
    strength = float(msg.get("strength", 0.0))
    if not np.isfinite(strength):
        raise DataError(f"strength must be a finite number, got {msg.get('strength')!r}")
    return {"feature": int(msg["feature"]), "strength": strength, "ablate": bool(msg.get("ablate"))}


def new_tokens(value: Any) -> int:
    """``value`` as a count of new tokens in 0..MAX_NEW_TOKENS."""
    n = int(value)
    if not 0 <= n <= MAX_NEW_TOKENS:
        raise DataError(f"max_new_tokens must be in 0..{MAX_NEW_TOKENS}, got {value!r}")
    return n


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
