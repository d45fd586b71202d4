"""Whether stores were harvested from one model: its weights fingerprint, never its name."""

from __future__ import annotations

from collections.abc import Sequence

from saewidgets._errors import StoreError
from saewidgets.store._reader import StoreFiles


def check_same_model(stores: Sequence[StoreFiles], what: str) -> None:
    """Raise StoreError unless every store records the first one's model fingerprint (weights
    and vocabulary) and hook; a store without a fingerprint is refused, as is a name match
    with other weights. ``what`` names the caller (``"compare"``)."""
    first = stores[0]
    for store in stores:
        if not store.meta.model_fingerprint:
            raise StoreError(
                f"{store.path} records no model fingerprint (it was written before they were), "
                f"so {what} cannot tell which model it comes from. Harvest it again."
            )
    for store in stores[1:]:
        a, b = first.meta, store.meta
        if b.model_fingerprint != a.model_fingerprint:
            same_name = " (they share the name, not the weights)" * (a.model_name == b.model_name)
            raise StoreError(
                f"{what} needs stores of one model: {store.path} was harvested from model "
                f"{b.model_name!r} and {first.path} from {a.model_name!r}, with different "
                f"weights or vocabulary{same_name}. Harvest both with the same model."
            )
        if (b.hook, b.d_in) != (a.hook, a.d_in):
            raise StoreError(
                f"{what} needs stores of one hook: {store.path} reads {b.hook!r} (d_in {b.d_in}) "
                f"and {first.path} reads {a.hook!r} (d_in {a.d_in}). Harvest both at one hook."
            )
