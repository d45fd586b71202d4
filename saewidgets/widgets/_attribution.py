"""Answers of TokenView's click panel: the features ranked by attribution for the next-token
prediction at a clicked position, and the exact effect of ablating one of them there.

TokenView and the Explorer (whose token view is drawn in the page) answer the same two requests,
``"attribute"`` ``{text, position}`` and ``"ablate"`` ``{text, position, pos, feature}``. Answers
are kept, so a ``.to_html()`` export holds every list and ablation computed so far.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from saewidgets._errors import DataError
from saewidgets.widgets._base import SaeWidget, request
from saewidgets.widgets._codecs import array_to_json

#: Rows an attribution list shows: the largest |attribution| first.
TOP_ATTRIBUTIONS = 10
#: Most (text, position) lists kept for an export (the oldest are dropped first).
MAX_KEPT = 200


class Attributes(Protocol):
    """What the panel needs of a ``Lens``."""

    def to_tokens(self, text: str) -> Any: ...

    def to_str_tokens(self, text: str) -> list[str]: ...

    def attribute(self, prompt: Any, position: int = -1, target: Any = None) -> Any: ...

    def ablate(
        self, prompt: Any, features: Any, positions: Any = None, max_new_tokens: int = 0
    ) -> Any: ...


class AttributionAnswers:
    """Computes and keeps the answers for one Lens."""

    def __init__(self, lens: Attributes) -> None:
        self._lens = lens
        self._lists: dict[tuple[str, int], dict[str, Any]] = {}
        self._deltas: dict[tuple[str, int], dict[tuple[int, int], float]] = {}

    def attribute(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{text, position}`` -> the top rows of ``lens.attribute(text, position=position)``
        (``pos``, ``token``, ``feature``, ``activation``, ``attribution``), the target token,
        and ``ablated``: the exact change of log p(target) of each row ablated so far (else NaN)."""
        key = _key(msg)
        if key not in self._lists:
            if len(self._lists) >= MAX_KEPT:
                old = next(iter(self._lists))
                self._lists.pop(old)
                self._deltas.pop(old, None)
            self._lists[key] = self._compute(*key)
        answer = self._lists[key]
        done = self._deltas.get(key, {})
        ablated = [
            done.get((p, f), np.nan)
            for p, f in zip(answer["_pos"], answer["_feature"], strict=True)
        ]
        out = {k: v for k, v in answer.items() if not k.startswith("_")}
        return {**out, "ablated": array_to_json(np.asarray(ablated, np.float32))}

    def ablate(self, msg: dict[str, Any]) -> dict[str, float]:
        """``{text, position, pos, feature}`` -> ``delta``, the exact change of log p(target) at
        ``position`` when ``feature`` is ablated at ``pos`` (``lens.ablate``), with the
        log-probs before (``lp_clean``) and after (``lp_after``)."""
        key = _key(msg)
        pos, feature = _int(msg, "pos"), _int(msg, "feature")
        if not 0 <= pos <= key[1]:
            raise DataError(f"pos {pos} must lie in 0..{key[1]} (at or before the position)")
        if key not in self._lists:
            self.attribute(msg)
        target = int(self._lists[key]["target"])
        tokens = self._lens.to_tokens(key[0])[0][: key[1] + 1]
        r = self._lens.ablate(tokens, [feature], positions=[pos])
        lp_clean = float(r.logits_clean[-1].double().log_softmax(-1)[target])
        lp_after = float(r.logits_after[-1].double().log_softmax(-1)[target])
        self._deltas.setdefault(key, {})[(pos, feature)] = lp_after - lp_clean
        return {"delta": lp_after - lp_clean, "lp_clean": lp_clean, "lp_after": lp_after}

    def recorded(self) -> list[tuple[str, dict[str, Any]]]:
        """The (request, msg) pairs answered so far, for an export."""
        out: list[tuple[str, dict[str, Any]]] = []
        for text, position in self._lists:
            out.append(("attribute", {"text": text, "position": position}))
            for pos, feature in self._deltas.get((text, position), {}):
                msg = {"text": text, "position": position, "pos": pos, "feature": feature}
                out.append(("ablate", msg))
        return out

    def _compute(self, text: str, position: int) -> dict[str, Any]:
        tokens = self._lens.to_tokens(text)[0]
        if not 0 <= position < len(tokens):
            raise DataError(f"position {position} is outside the text's {len(tokens)} tokens")
        df = self._lens.attribute(tokens, position=position)
        top = df.head(TOP_ATTRIBUTIONS)
        shown = self._lens.to_str_tokens(text)  # as TokenView draws them
        pos = top["pos"].to_numpy(np.int64)
        feature = top["feature"].to_numpy(np.int64)
        return {
            "position": position,
            "token": shown[position],
            "target": int(df.attrs["target"]),
            "target_token": str(df.attrs["target_token"]),
            "n_active": len(df),
            "pos": array_to_json(pos.astype(np.int32)),
            "tokens": [shown[p] for p in pos],
            "feature": array_to_json(feature.astype(np.int32)),
            "activation": array_to_json(top["activation"].to_numpy(np.float32)),
            "attribution": array_to_json(top["attribution"].to_numpy(np.float32)),
            "_pos": [int(p) for p in pos],
            "_feature": [int(f) for f in feature],
        }


def _key(msg: dict[str, Any]) -> tuple[str, int]:
    text = msg.get("text") if isinstance(msg, dict) else None
    if not isinstance(text, str) or not text:
        raise DataError("the request names no text")
    return text, _int(msg, "position")


def _int(msg: dict[str, Any], name: str) -> int:
    value = msg.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataError(f"{name} must be an integer, got {value!r}")
    return value


class AttributionRequests(SaeWidget):
    """The ``"attribute"`` and ``"ablate"`` requests of a widget whose token view has the click
    panel (TokenView, Explorer); ``_attributions`` is None without a Lens, and ``_no_lens`` then
    says how to give one."""

    _attributions: AttributionAnswers | None = None
    _no_lens = "this view has no Lens"

    @request
    def attribute(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{text, position}``: the features ranked by attribution for the next token there."""
        return self._need_attributions().attribute(msg)

    @request
    def ablate(self, msg: dict[str, Any]) -> dict[str, float]:
        """``{text, position, pos, feature}``: the exact change of the target's log-prob."""
        return self._need_attributions().ablate(msg)

    def _need_attributions(self) -> AttributionAnswers:
        if self._attributions is None:
            raise DataError(self._no_lens)
        return self._attributions
