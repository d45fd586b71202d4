"""Per-feature columns as the widgets show them: the map's default axes and its flag bits."""

from __future__ import annotations

#: The three axes of the ultra-low-density view (seed 002), the map's default.
AXES = ("log10_density", "enc_bias", "de_projection")
#: Bits of the map's ``flags`` array.
DEAD, ULTRA_RARE, DENSE, NO_COLOUR = 1, 2, 4, 8
