"""saewidgets: Jupyter widgets for hands-on analysis of sparse-autoencoder features."""

from __future__ import annotations

from saewidgets._annotations import Annotation, Annotations, ImportReport
from saewidgets._errors import (
    ActivationError,
    AnnotationError,
    DataError,
    FeatureIndexError,
    HookError,
    SAEConfigError,
    SaeWidgetsError,
    StoreError,
)
from saewidgets._geometry import Geometry
from saewidgets._grid import PairGrid
from saewidgets._logits import LogitWeights
from saewidgets._meta import StoreMeta
from saewidgets._store import FeatureStore, Histogram
from saewidgets._widgets._annotator import Annotator
from saewidgets._widgets._explorer import Explorer
from saewidgets._widgets._featurecard import FeatureCard
from saewidgets._widgets._featuremap import FeatureMap
from saewidgets._widgets._geometrygrid import GeometryGridView
from saewidgets._widgets._tokenview import TokenView

__version__ = "0.1.0"

GeometryGrid = GeometryGridView  # the widget's name in the design; GeometryGridView is an alias

# Names whose modules import torch load on first use, so reading a store needs no torch.
_LAZY = {
    "Lens": "saewidgets._lens",
    "harvest": "saewidgets._harvest",
    "merge_stores": "saewidgets._merge",
    "demo_lens": "saewidgets._demo_job",
    "demo_texts": "saewidgets._demo",
    "run_demo": "saewidgets._demo_job",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'saewidgets' has no attribute {name!r}")


__all__ = [
    "ActivationError",
    "Annotation",
    "AnnotationError",
    "Annotations",
    "Annotator",
    "DataError",
    "FeatureCard",
    "FeatureStore",
    "Geometry",
    "GeometryGrid",
    "PairGrid",
    "Histogram",
    "Lens",
    "LogitWeights",
    "StoreMeta",
    "demo_lens",
    "demo_texts",
    "harvest",
    "merge_stores",
    "run_demo",
    "FeatureIndexError",
    "HookError",
    "ImportReport",
    "SAEConfigError",
    "SaeWidgetsError",
    "StoreError",
    "TokenView",
    "Explorer",
    "FeatureMap",
    "GeometryGridView",
    "__version__",
]
