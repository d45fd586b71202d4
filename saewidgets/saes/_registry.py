"""The registered SAE architectures, by name. Add one: a module like ``_topk`` plus a line here."""

from __future__ import annotations

from saewidgets._errors import SAEConfigError
from saewidgets.saes._arch import Architecture
from saewidgets.saes._jumprelu import JUMPRELU
from saewidgets.saes._standard import STANDARD
from saewidgets.saes._topk import TOPK

ARCHITECTURES: dict[str, Architecture] = {a.name: a for a in (STANDARD, TOPK, JUMPRELU)}


def architecture(name: str) -> Architecture:
    """The architecture called ``name``; SAEConfigError listing the supported ones otherwise."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        raise SAEConfigError(
            f"SAE architecture {name!r} is not supported; supported: "
            f"{', '.join(ARCHITECTURES)} (BatchTopK saved as JumpReLU works too)."
        ) from None
