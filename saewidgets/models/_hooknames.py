"""Hook names in one vocabulary for both model kinds (see ``saes/_hooksites``): the error a
wrong name gets, with the close names on the model at hand."""

from __future__ import annotations

import difflib

from saewidgets._errors import HookError

VOCABULARY = (
    "Either model kind accepts layers.N, model.layers.N, transformer.h.N, gpt_neox.layers.N and "
    "blocks.N.hook_resid_post (the residual stream after layer N), blocks.N.hook_resid_pre, "
    "….N.mlp / blocks.N.hook_mlp_out and ….N.self_attn / blocks.N.hook_attn_out (see "
    "docs/models.md)"
)

#: appended to a module path to name that module's INPUT (what a sparsify transcoder reads)
INPUT_SUFFIX = ":input"


def unknown_hook(
    name: str, valid: list[str], model: str, same_layer: list[str], n_layers: int | None
) -> HookError:
    """A HookError for ``name`` listing the closest valid names: those spelled alike and
    ``same_layer`` (this model's names for the layer ``name`` mentions)."""
    close = difflib.get_close_matches(name, valid, n=5, cutoff=0.5)
    close += [n for n in same_layer if n not in close]
    hint = f" Close valid names: {', '.join(close)}." if close else ""
    layers = "" if n_layers is None else f" It has {n_layers} layers (0..{n_layers - 1})."
    return HookError(f"Hook {name!r} does not exist on {model}.{layers}{hint} {VOCABULARY}.")
