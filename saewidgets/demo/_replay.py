"""One model pass for both demo SAEs: the hook activations read while harvesting the first SAE
are kept and given back when the second SAE is harvested on the same texts (same batches), so
the comparison does not run the model a second time. Exact: the replayed tensors are the very
ones computed; a batch that was not kept (over the memory budget, other tokens) is computed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import torch

from saewidgets.models._hooked import HookedAdapter

#: Most bytes of activations kept between the two harvests (the demo's 200k tokens: 0.46 GB).
KEEP_BYTES = 1 << 30


class ReplayingAdapter(HookedAdapter):
    """A HookedTransformer adapter that can keep (``keeping``) and give back (``replaying``)
    the activations ``run_to_hook`` returns, keyed by hook and tokens."""

    def __init__(self, model: Any, keep_bytes: int = KEEP_BYTES) -> None:
        super().__init__(model)
        self._keep_bytes = keep_bytes
        self._kept: dict[tuple[str, bytes], torch.Tensor] = {}
        self._mode = ""
        self.replayed = 0  # batches given back (tested)

    @staticmethod
    def _key(tokens: torch.Tensor, hook: str) -> tuple[str, bytes]:
        t = tokens.detach().to("cpu", torch.int64).contiguous()
        return hook, hashlib.sha256(repr(tuple(t.shape)).encode() + t.numpy().tobytes()).digest()

    def run_to_hook(self, tokens: torch.Tensor, hook: str) -> torch.Tensor:
        """The activation at ``hook`` (given back when kept, else computed)."""
        if self._mode == "replay":
            kept = self._kept.pop(self._key(tokens, hook), None)
            if kept is not None:
                self.replayed += 1
                return kept
        act = super().run_to_hook(tokens, hook)
        if self._mode == "keep":
            held = sum(a.nbytes for a in self._kept.values())
            if held + act.nbytes <= self._keep_bytes:
                self._kept[self._key(tokens, hook)] = act.detach().clone()
        return act

    @contextmanager
    def keeping(self) -> Iterator[None]:
        """Within the block, keep what ``run_to_hook`` computes."""
        self._mode = "keep"
        try:
            yield
        finally:
            self._mode = ""

    @contextmanager
    def replaying(self) -> Iterator[None]:
        """Within the block, give kept activations back; everything kept is dropped after."""
        self._mode = "replay"
        try:
            yield
        finally:
            self._mode = ""
            self._kept.clear()
