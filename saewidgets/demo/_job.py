"""The main job: harvest the embedded demo text through the demo model and SAE, write a report."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from saewidgets.reports._index import write_index
from saewidgets.reports._report import write_report

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.models._lens import Lens

DEFAULT_TOKENS = 100_000


def demo_lens(sae: str = "topk", device: str | None = None) -> Lens:
    """The ready Lens of the embedded default: SmolLM2-135M and the ``"topk"`` or ``"relu"`` SAE."""
    from saewidgets.demo import demo_sae_path, load_demo_model
    from saewidgets.models._lens import Lens

    return Lens(load_demo_model(device=device), demo_sae_path(sae), device=device)


#: A steering example on the demo TopK SAE: feature 1276 fires on "war", "battle", "fought";
#: at twice its max activation it turns a walk into "I have been going to war."
STEERING_PROMPT = "I went for a walk this morning and"
STEERING = {1276: 15.52}


def write_steering(lens: Lens, store: FeatureStore, folder: Path) -> Path:
    """``steer.html``: a Steer view of STEERING_PROMPT with STEERING (and its clean run)."""
    from saewidgets.widgets._steer import Steer

    view = Steer(lens, STEERING_PROMPT, store=store, features=STEERING, max_new_tokens=12)
    return view.to_html(folder / "steer.html", title="Steering the demo model")


def harvest_demo(
    out: str | os.PathLike[str] = "saewidgets-demo",
    sae: str = "topk",
    n_tokens: int = DEFAULT_TOKENS,
    *,
    progress: bool = True,
    compare: bool = True,
) -> tuple[FeatureStore, Lens, list[str]]:
    """Harvest ``n_tokens`` of the demo text into ``out/store``; returns the store, the Lens
    (which, with ``compare``, keeps this pass for the comparison) and the texts in harvest order."""
    from saewidgets.demo import demo_sae_path, demo_texts, load_demo_model
    from saewidgets.demo._replay import ReplayingAdapter
    from saewidgets.harvesting._harvest import harvest
    from saewidgets.models._lens import Lens

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    adapter = ReplayingAdapter(load_demo_model())  # the comparison reuses this harvest's pass
    lens = Lens(adapter, demo_sae_path(sae))
    texts = demo_texts()
    order = np.random.default_rng(0).permutation(len(texts))  # mix the sources, reproducibly
    texts = [texts[i] for i in order]
    with adapter.keeping() if compare else contextlib.nullcontext():
        store = harvest(
            lens, texts, n_tokens=n_tokens, out=folder / "store", overwrite=True, progress=progress
        )
    return store, lens, texts


def write_views(
    store: FeatureStore,
    lens: Lens,
    texts: list[str],
    folder: Path,
    sae: str = "topk",
    *,
    progress: bool = True,
    compare: bool = True,
    annotations: Annotations | None = None,
    featured: Sequence[int] = (),
) -> None:
    """The report of a demo harvest (:func:`harvest_demo`) and its ``index.html``; cards and the
    Explorer show ``annotations`` (labels, explanations and scores), ``featured`` cards first."""
    write_report(store, folder, progress=progress, annotations=annotations, featured=featured)
    if sae == "topk":
        write_steering(lens, store, folder)
    if compare:
        from saewidgets.demo._dynamics import write_dynamics

        write_dynamics(store, lens, texts, folder, sae, progress=progress)
    write_index(folder, title=f"saewidgets demo report: {store.meta.model_name}")


def run_demo(
    out: str | os.PathLike[str] = "saewidgets-demo",
    sae: str = "topk",
    n_tokens: int = DEFAULT_TOKENS,
    *,
    progress: bool = True,
    compare: bool = True,
) -> FeatureStore:
    """Harvest ``n_tokens`` of the demo text and write the store plus the report into ``out``
    (``index.html`` links every view); with ``compare``, also the other demo SAE on the same
    tokens compared with this one and the cluster SAE's density trajectory (``compare.*``,
    ``trajectory.*``)."""
    store, lens, texts = harvest_demo(out, sae, n_tokens, progress=progress, compare=compare)
    write_views(store, lens, texts, Path(out), sae, progress=progress, compare=compare)
    return store
