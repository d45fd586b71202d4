"""One hook vocabulary: the common spellings of a place in a decoder layer, as a ``Site``.

- ``resid_post`` L (the residual stream after layer L): ``blocks.L.hook_resid_post`` and
  ``blocks.{L+1}.hook_resid_pre`` (transformer_lens); ``layers.L`` (sparsify), ``model.layers.L``,
  ``transformer.h.L``, ``gpt_neox.layers.L`` (Hugging Face module paths). Layer -1: embeddings.
- ``mlp_out`` L (what the MLP adds to the residual stream): ``blocks.L.hook_mlp_out``.
- ``mlp`` L (the MLP module's output): ``….L.mlp``.
- ``attn_out`` L / ``attn`` L: ``blocks.L.hook_attn_out`` / ``….L.self_attn``, ``….L.attn``,
  ``….L.attention``.
- ``resid_mid`` L: ``blocks.L.hook_resid_mid``.

``mlp`` and ``mlp_out`` (``attn`` and ``attn_out``) are the same except in models that normalise a
sub-layer's output before adding it (Gemma 2 and 3: ``post_feedforward_layernorm``,
``post_attention_layernorm``); each model adapter decides whether one can stand for the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TL = re.compile(r"^blocks\.(\d+)\.hook_(resid_post|resid_pre|resid_mid|mlp_out|attn_out)$")
_MODULE = re.compile(
    r"^(?:(?:model|model\.language_model|language_model\.model|gpt_neox|transformer)\.)?"
    r"(?:layers|h)\.(\d+)(?:\.(mlp|self_attn|attn|attention))?$"
)
_SUB = {None: "resid_post", "mlp": "mlp", "self_attn": "attn", "attn": "attn", "attention": "attn"}


@dataclass(frozen=True)
class Site:
    """A place in the model: ``kind`` (see the module doc) after decoder layer ``layer``."""

    layer: int
    kind: str

    def same_place(self, other: Site) -> bool:
        """Whether the two read the same layer and sub-layer (``mlp`` and ``mlp_out`` alike)."""
        return self.layer == other.layer and self.kind.removesuffix("_out") == (
            other.kind.removesuffix("_out")
        )


def parse_site(name: str) -> Site | None:
    """The Site ``name`` spells in either vocabulary, or None when it spells none."""
    m = _TL.match(name)
    if m:
        layer, kind = int(m.group(1)), m.group(2)
        if kind == "resid_pre":
            return Site(layer - 1, "resid_post")
        return Site(layer, kind)
    m = _MODULE.match(name)
    return Site(int(m.group(1)), _SUB[m.group(2)]) if m else None


def layer_number(name: str) -> int | None:
    """The first ``.N.`` or trailing ``.N`` in ``name`` (a layer index to suggest names for)."""
    m = re.search(r"(?:^|\.)(\d+)(?:\.|$)", name)
    return int(m.group(1)) if m else None
