"""Steer: a prompt, feature chips with strength sliders, and clean vs steered continuations."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import traitlets

from saewidgets._checks import flag_arg, int_arg, real_arg, text_arg
from saewidgets._errors import DataError
from saewidgets.widgets import _steerdata
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets.export._html import request_key

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.models._lens import Lens

#: Slider half-range without a store, and the multiple of a feature's max activation with one.
DEFAULT_LIMIT = 20.0
LIMIT_PER_MAX_ACT = 2.0
#: Most answers a standalone export keeps.
MAX_RECORDED = 200


class Steer(SaeWidget):
    """Steer or ablate features at the Lens's hook and compare the continuations live.

    Each chip is a feature with a strength slider (``strength * W_dec[f]`` is added at the hook at
    every position) or, with ``ablate``, removed (``lens.ablate``). Every change re-runs
    ``lens.steer``/``lens.ablate`` on the kernel.
    """

    _esm = bundle("steer")

    prompt = traitlets.Unicode("").tag(sync=True)
    """The prompt; its continuation is generated greedily with and without the intervention."""

    chips = traitlets.List(traitlets.Dict()).tag(sync=True)
    """One dict per feature: ``feature``, ``strength``, ``ablate``, ``label`` and ``limit``
    (the slider's half-range: twice the feature's max activation in the store, else 20)."""

    max_new_tokens = traitlets.Int(20).tag(sync=True)
    """How many tokens each continuation has."""

    result = traitlets.Dict(allow_none=True, default_value=None).tag(sync=True)
    """The last run: prompt tokens, both continuations, KL per position, next-token changes."""

    history = traitlets.List(traitlets.Dict()).tag(sync=True)
    """The "run" messages answered so far (oldest first); an export keeps their results."""

    def __init__(
        self,
        lens: Lens,
        prompt: str = "",
        store: FeatureStore | None = None,
        annotations: Annotations | None = None,
        *,
        features: Mapping[int, float] | Sequence[int] = (),
        max_new_tokens: int = 20,
    ) -> None:
        if not (hasattr(lens, "sae") and hasattr(lens, "steer")):
            raise DataError(f"Steer needs an sw.Lens, got {type(lens).__name__}.")
        if store is not None and not hasattr(store, "features"):
            raise DataError(
                f"store must be an sw.FeatureStore or None, got {type(store).__name__}."
            )
        super().__init__()
        self._lens, self._store, self._annotations = lens, store, annotations
        self._answers: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._applying = False
        self._exporting = False
        strengths = dict(features) if isinstance(features, Mapping) else dict.fromkeys(features)
        with self.hold_trait_notifications():
            self.max_new_tokens = _steerdata.new_tokens(max_new_tokens)
            self.chips = [self._chip(f, s) for f, s in strengths.items()]
            self.prompt = text_arg(prompt, "prompt", empty=True)
        self.rerun()

    # -- Python API ------------------------------------------------------------------------
    def add(self, feature: int, strength: float | None = None, ablate: bool = False) -> None:
        """Add a chip for ``feature`` (strength default: its max activation) and re-run."""
        chip = {**self._chip(feature, strength), "ablate": flag_arg(ablate, "ablate")}
        self.chips = [*(c for c in self.chips if c["feature"] != chip["feature"]), chip]

    def rerun(self) -> None:
        """Run the current prompt and chips (nothing to run without a prompt)."""
        if not self.prompt:
            self.set_trait("result", None)
            return
        msg = {
            "prompt": self.prompt,
            "chips": self._wire_chips(),
            "max_new_tokens": self.max_new_tokens,
        }
        try:
            self.result = self._answer(msg)
            self.error = ""
        except Exception as exc:
            self.error = f"{type(exc).__name__}: {exc}"
            raise

    @traitlets.observe("prompt", "chips", "max_new_tokens")
    def _on_change(self, change: dict[str, Any]) -> None:
        if not self._applying and hasattr(self, "_answers"):
            self.rerun()

    # -- requests from the view ------------------------------------------------------------
    @request
    def run(self, msg: dict[str, Any]) -> dict[str, Any]:
        """``{prompt, chips, max_new_tokens}`` -> the run's result; the traits follow the view."""
        out = self._answer(msg)
        if not self._exporting:
            self._applying = True
            try:
                with self.hold_sync():
                    self.prompt = str(msg["prompt"])
                    self.chips = self._merge_chips(msg["chips"])
                    self.max_new_tokens = int(msg["max_new_tokens"])
                    self.result = out
                    self.error = ""
            finally:
                self._applying = False
        return out

    @request
    def find(self, msg: dict[str, Any]) -> list[dict[str, Any]]:
        """``{query}`` -> chips to add: the feature with that id, or features whose label
        contains the text (with annotations)."""
        query = str(msg.get("query", "")).strip().lstrip("#")
        if query.isdigit():
            f = int(query)
            if not 0 <= f < self._lens.d_sae:
                raise DataError(f"feature {f} is outside 0..{self._lens.d_sae - 1}")
            return [self._chip(f, None)]
        if self._annotations is None or not query:
            raise DataError(
                "type a feature id (label search needs annotations=sw.Annotations(...))"
            )
        found = self._annotations.search(self._lens, query)
        return [self._chip(int(f), None) for f in list(found.index)[:10]]

    def _answer(self, msg: dict[str, Any]) -> dict[str, Any]:
        prompt = str(msg.get("prompt", ""))
        if not prompt:
            raise DataError("Type a prompt first.")
        chips = [_steerdata.chip(c) for c in msg.get("chips", [])]
        n_new = _steerdata.new_tokens(msg.get("max_new_tokens", self.max_new_tokens))
        clean = {"prompt": prompt, "chips": chips, "max_new_tokens": n_new}
        key = request_key("run", clean)
        if key not in self._answers:
            steer, ablate = _steerdata.split(chips)
            r = self._lens.intervene(prompt, steer, ablate, max_new_tokens=n_new)
            if len(self._answers) >= MAX_RECORDED:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = (_steerdata.js_numbers(clean), _steerdata.payload(r, prompt))
            self.history = [m for m, _ in self._answers.values()]
        return self._answers[key][1]

    # -- chips -----------------------------------------------------------------------------
    def _chip(self, feature: Any, strength: float | None) -> dict[str, Any]:
        f = int_arg(feature, "feature")
        if not 0 <= f < self._lens.d_sae:
            raise DataError(f"feature {f} is outside 0..{self._lens.d_sae - 1}")
        limit = DEFAULT_LIMIT
        if self._store is not None:
            max_act = float(self._store.features.loc[f, "max_act"])
            if np.isfinite(max_act) and max_act > 0:
                limit = LIMIT_PER_MAX_ACT * max_act
        label = ""
        if self._annotations is not None:
            note = self._annotations.get(self._lens, f)
            label = (note.label or "") if note else ""
        value = (
            limit / LIMIT_PER_MAX_ACT
            if strength is None
            else real_arg(strength, f"the strength of feature {f}")
        )
        return {"feature": f, "strength": value, "ablate": False, "label": label, "limit": limit}

    def _wire_chips(self) -> list[dict[str, Any]]:
        return [_steerdata.chip(c) for c in self.chips]

    def _merge_chips(self, wire: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The view's chips with their labels and limits (kept, or looked up for new ones)."""
        known = {c["feature"]: c for c in self.chips}
        out = []
        for c in (_steerdata.chip(w) for w in wire):
            base = known.get(c["feature"]) or self._chip(c["feature"], c["strength"])
            out.append({**base, **c})
        return out

    # -- export ----------------------------------------------------------------------------
    def to_html(self, path: str | pathlib.Path, *, title: str | None = None) -> pathlib.Path:
        """Write a standalone page holding every result computed so far (no kernel needed)."""
        self._exporting = True
        try:
            return super().to_html(path, title=title or "saewidgets Steer")
        finally:
            self._exporting = False

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        return [("run", msg) for msg, _ in self._answers.values()]

    def _summary(self) -> str:
        chips = ", ".join(
            f"#{c['feature']} {'ablated' if c['ablate'] else format(c['strength'], '+.3g')}"
            for c in self.chips
        )
        return f"Steer({self.prompt!r}; {chips or 'no features'})"
