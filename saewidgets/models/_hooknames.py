"""Hook-name translation between transformer_lens and Hugging Face module paths.

Only names with the same meaning are translated: the output of decoder layer N
(``model.layers.N`` in transformers, ``layers.N`` in sparsify) is transformer_lens's
``blocks.N.hook_resid_post``, and ``blocks.N.hook_resid_pre`` is the output of layer N-1.
"""

from __future__ import annotations

import difflib
import re

from saewidgets._errors import HookError

#: appended to a module path to name that module's INPUT (what a sparsify transcoder reads)
INPUT_SUFFIX = ":input"

_RESID = re.compile(r"^blocks\.(\d+)\.hook_resid_(pre|post)$")
_LAYER = re.compile(r"^(?:.*\.)?(?:layers|h|blocks|layer)\.(\d+)$")


def layer_output_index(name: str) -> int | None:
    """The decoder layer whose output ``name`` means, in either naming; None when neither."""
    m = _RESID.match(name)
    if m:
        n = int(m.group(1))
        return n if m.group(2) == "post" else n - 1
    m = _LAYER.match(name)
    return int(m.group(1)) if m else None


def hooked_name(layer: int) -> str:
    """transformer_lens's name for the output of block ``layer`` (-1: the embeddings)."""
    return "blocks.0.hook_resid_pre" if layer < 0 else f"blocks.{layer}.hook_resid_post"


def unknown_hook(name: str, valid: list[str], model: str) -> HookError:
    """A HookError for ``name`` listing the closest valid names."""
    close = difflib.get_close_matches(name, valid, n=5, cutoff=0.5)
    hint = f" Close valid names: {', '.join(close)}." if close else ""
    return HookError(f"Hook {name!r} does not exist on {model}.{hint}")
