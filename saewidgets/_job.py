"""The whole demo job (top layer: it spans ``demo`` and ``autointerp``): the harvest and views
of :func:`saewidgets.demo._job.run_demo`, then a spread of features explained and scored by the
embedded LLM (``explanations.html``), then the report's ``index.html``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from saewidgets._errors import count_arg
from saewidgets.autointerp._report import DEMO_FEATURES
from saewidgets.demo._job import DEFAULT_TOKENS

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore


def run_demo(
    out: str | os.PathLike[str] = "saewidgets-demo",
    sae: str = "topk",
    n_tokens: int = DEFAULT_TOKENS,
    *,
    progress: bool = True,
    compare: bool = True,
    explain: int = DEMO_FEATURES,
) -> FeatureStore:
    """Harvest ``n_tokens`` of the demo text and write the store plus the report into ``out``
    (``index.html`` links every view); with ``compare``, also the other demo SAE compared with
    this one and the cluster SAE's density trajectory; with ``explain`` > 0, that many features
    explained and scored by the embedded LLM beside the baseline (``explanations.*``, the
    explanations also in ``annotations.db``)."""
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.autointerp._llm import LLM
    from saewidgets.autointerp._report import write_explanations
    from saewidgets.demo._job import run_demo as harvest_and_views
    from saewidgets.reports._index import write_index

    explain = count_arg(explain, "explain", 0)
    store = harvest_and_views(out, sae, n_tokens, progress=progress, compare=compare)
    folder = Path(out)
    if explain:
        with Annotations(folder / "annotations.db") as ann:
            llm = LLM.embedded()
            write_explanations(store, folder, llm, explain, annotations=ann, progress=progress)
        write_index(folder, title=f"saewidgets demo report: {store.meta.model_name}")
    return store
