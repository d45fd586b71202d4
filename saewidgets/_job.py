"""The whole demo job (top layer: it spans ``demo`` and ``autointerp``): the demo harvest, a
spread of features explained and scored by the embedded LLM (``explanations.html``), then the
report's views (whose cards and Explorer show those explanations and scores) and ``index.html``."""

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
    from saewidgets.autointerp._report import pick_features, write_explanations
    from saewidgets.demo._job import harvest_demo, write_views

    explain = count_arg(explain, "explain", 0)
    store, lens, texts = harvest_demo(out, sae, n_tokens, progress=progress, compare=compare)
    folder = Path(out)
    if not explain:
        write_views(store, lens, texts, folder, sae, progress=progress, compare=compare)
        return store
    with Annotations(folder / "annotations.db") as ann:
        llm = LLM.embedded()
        write_explanations(store, folder, llm, explain, annotations=ann, progress=progress)
        featured = pick_features(store, explain)
        write_views(
            store,
            lens,
            texts,
            folder,
            sae,
            progress=progress,
            compare=compare,
            annotations=ann,
            featured=featured,
        )
    return store
