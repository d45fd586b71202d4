"""saewidgets: Jupyter widgets for hands-on analysis of sparse-autoencoder features."""

from __future__ import annotations

from saewidgets._errors import (
    ActivationError,
    DataError,
    FeatureIndexError,
    HookError,
    SAEConfigError,
    SaeWidgetsError,
    StoreError,
)

__version__ = "0.1.0"

__all__ = [
    "ActivationError",
    "DataError",
    "FeatureIndexError",
    "HookError",
    "SAEConfigError",
    "SaeWidgetsError",
    "StoreError",
    "__version__",
]
