"""saewidgets: Jupyter widgets for hands-on analysis of sparse-autoencoder features.

Layers, each importing only those below it (``tests/test_layers.py`` enforces it):
``annotations`` · ``saes`` → ``models`` → ``store`` → ``analysis`` → ``harvesting`` → ``widgets``
→ ``demo`` → ``autointerp``. Every public name loads lazily, so ``import saewidgets`` and reading a
store import neither torch nor any widget library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from saewidgets._errors import (
    ActivationError,
    AnnotationError,
    ArgumentError,
    DataError,
    DistributedError,
    FeatureIndexError,
    HookError,
    LLMError,
    SAEConfigError,
    SaeWidgetsError,
    StoreError,
)
from saewidgets._version import __version__

if TYPE_CHECKING:
    from saewidgets._job import run_demo
    from saewidgets.analysis._compare import SAEComparison, compare
    from saewidgets.analysis._contrast import contrast
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.analysis._geometry import Geometry
    from saewidgets.analysis._grid import PairGrid
    from saewidgets.analysis._histogram import Histogram
    from saewidgets.analysis._logits import LogitWeights
    from saewidgets.analysis._trajectory import Trajectory, trajectory
    from saewidgets.annotations._annotations import Annotation, Annotations, ImportReport
    from saewidgets.autointerp._explain import explain
    from saewidgets.autointerp._llm import LLM
    from saewidgets.autointerp._score import ScoreFrame, score
    from saewidgets.demo._job import demo_lens
    from saewidgets.demo._text import demo_texts
    from saewidgets.harvesting._harvest import harvest
    from saewidgets.harvesting._merge import merge_stores
    from saewidgets.models._adapter import ModelAdapter
    from saewidgets.models._interventions import Intervention
    from saewidgets.models._lens import Lens
    from saewidgets.saes._load import load_sae
    from saewidgets.saes._weights import SAEWeights
    from saewidgets.store._meta import StoreMeta
    from saewidgets.widgets._annotator import Annotator
    from saewidgets.widgets._compareview import CompareView
    from saewidgets.widgets._contrastview import ContrastView
    from saewidgets.widgets._explorer import Explorer
    from saewidgets.widgets._featurecard import FeatureCard
    from saewidgets.widgets._featuremap import FeatureMap
    from saewidgets.widgets._geometrygrid import GeometryGridView
    from saewidgets.widgets._steer import Steer
    from saewidgets.widgets._tokenview import TokenView
    from saewidgets.widgets._trajectoryview import TrajectoryView

    GeometryGrid = GeometryGridView

# public name -> (module, attribute); loaded on first use
_LAZY: dict[str, tuple[str, str]] = {
    "Annotation": ("saewidgets.annotations._annotations", "Annotation"),
    "Annotations": ("saewidgets.annotations._annotations", "Annotations"),
    "ImportReport": ("saewidgets.annotations._annotations", "ImportReport"),
    "FeatureStore": ("saewidgets.analysis._featurestore", "FeatureStore"),
    "Geometry": ("saewidgets.analysis._geometry", "Geometry"),
    "PairGrid": ("saewidgets.analysis._grid", "PairGrid"),
    "Histogram": ("saewidgets.analysis._histogram", "Histogram"),
    "LogitWeights": ("saewidgets.analysis._logits", "LogitWeights"),
    "StoreMeta": ("saewidgets.store._meta", "StoreMeta"),
    "SAEComparison": ("saewidgets.analysis._compare", "SAEComparison"),
    "compare": ("saewidgets.analysis._compare", "compare"),
    "contrast": ("saewidgets.analysis._contrast", "contrast"),
    "ContrastView": ("saewidgets.widgets._contrastview", "ContrastView"),
    "Trajectory": ("saewidgets.analysis._trajectory", "Trajectory"),
    "trajectory": ("saewidgets.analysis._trajectory", "trajectory"),
    "Lens": ("saewidgets.models._lens", "Lens"),
    "Intervention": ("saewidgets.models._interventions", "Intervention"),
    "load_sae": ("saewidgets.saes._load", "load_sae"),
    "SAEWeights": ("saewidgets.saes._weights", "SAEWeights"),
    "ModelAdapter": ("saewidgets.models._adapter", "ModelAdapter"),
    "harvest": ("saewidgets.harvesting._harvest", "harvest"),
    "merge_stores": ("saewidgets.harvesting._merge", "merge_stores"),
    "demo_lens": ("saewidgets.demo._job", "demo_lens"),
    "run_demo": ("saewidgets._job", "run_demo"),
    "demo_texts": ("saewidgets.demo._text", "demo_texts"),
    "LLM": ("saewidgets.autointerp._llm", "LLM"),
    "explain": ("saewidgets.autointerp._explain", "explain"),
    "score": ("saewidgets.autointerp._score", "score"),
    "ScoreFrame": ("saewidgets.autointerp._score", "ScoreFrame"),
    "Annotator": ("saewidgets.widgets._annotator", "Annotator"),
    "CompareView": ("saewidgets.widgets._compareview", "CompareView"),
    "TrajectoryView": ("saewidgets.widgets._trajectoryview", "TrajectoryView"),
    "Explorer": ("saewidgets.widgets._explorer", "Explorer"),
    "FeatureCard": ("saewidgets.widgets._featurecard", "FeatureCard"),
    "FeatureMap": ("saewidgets.widgets._featuremap", "FeatureMap"),
    "GeometryGridView": ("saewidgets.widgets._geometrygrid", "GeometryGridView"),
    "GeometryGrid": ("saewidgets.widgets._geometrygrid", "GeometryGridView"),
    "TokenView": ("saewidgets.widgets._tokenview", "TokenView"),
    "Steer": ("saewidgets.widgets._steer", "Steer"),
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'saewidgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ActivationError",
    "Annotation",
    "AnnotationError",
    "Annotations",
    "Annotator",
    "ArgumentError",
    "CompareView",
    "ContrastView",
    "DataError",
    "DistributedError",
    "Explorer",
    "FeatureCard",
    "FeatureIndexError",
    "FeatureMap",
    "FeatureStore",
    "Geometry",
    "GeometryGrid",
    "GeometryGridView",
    "Histogram",
    "HookError",
    "ImportReport",
    "LLM",
    "LLMError",
    "Intervention",
    "Lens",
    "LogitWeights",
    "ModelAdapter",
    "PairGrid",
    "SAEComparison",
    "SAEConfigError",
    "SAEWeights",
    "SaeWidgetsError",
    "ScoreFrame",
    "StoreError",
    "Steer",
    "StoreMeta",
    "TokenView",
    "Trajectory",
    "TrajectoryView",
    "__version__",
    "compare",
    "contrast",
    "demo_lens",
    "demo_texts",
    "explain",
    "harvest",
    "load_sae",
    "merge_stores",
    "run_demo",
    "score",
    "trajectory",
]
