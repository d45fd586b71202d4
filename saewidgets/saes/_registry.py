"""The registered SAE architectures, by name. Add one: a module like ``_topk`` plus a line here.

``ARCHITECTURES`` are the forms an SAE is read in; ``CONVERSIONS`` are architectures trained in
another form, read as their trainers convert them for inference (BatchTopK as JumpReLU).
"""

from __future__ import annotations

from saewidgets._errors import SAEConfigError
from saewidgets.saes._arch import Architecture, Conversion
from saewidgets.saes._batchtopk import BATCHTOPK
from saewidgets.saes._gated import GATED
from saewidgets.saes._groupmax import GROUPMAX
from saewidgets.saes._jumprelu import JUMPRELU
from saewidgets.saes._matryoshka import MATRYOSHKA_BATCHTOPK
from saewidgets.saes._standard import STANDARD
from saewidgets.saes._topk import TOPK

ARCHITECTURES: dict[str, Architecture] = {
    a.name: a for a in (STANDARD, TOPK, JUMPRELU, GATED, GROUPMAX)
}
CONVERSIONS: dict[str, Conversion] = {c.name: c for c in (BATCHTOPK, MATRYOSHKA_BATCHTOPK)}


def supported() -> str:
    """Every architecture name a reader accepts, for error messages."""
    converted = [f"{c} (read as {v.reads_as})" for c, v in CONVERSIONS.items()]
    return ", ".join([*ARCHITECTURES, *converted])


def architecture(name: str) -> Architecture:
    """The architecture called ``name``; SAEConfigError listing the supported ones otherwise."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        raise SAEConfigError(
            f"SAE architecture {name!r} is not supported; supported: {supported()}."
        ) from None
