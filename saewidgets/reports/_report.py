"""The report of a store: a Parquet feature table, a text summary, and the exported views."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from saewidgets.analysis._summary import summary_text

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations


def density_spread(features: pd.DataFrame, n: int) -> list[int]:
    """``n`` live features spread evenly over the density ranks (so each density decile gives
    about ``n / 10``), densest first; every live feature when there are at most ``n``."""
    live = features[~features["dead"]].sort_values("density", ascending=False)
    ids = live.index.to_numpy()
    if n >= len(ids):
        return [int(i) for i in ids]
    return [int(ids[i]) for i in np.linspace(0, len(ids) - 1, n).round().astype(int)]


def _write_cards(
    store: FeatureStore, features: list[int], path: Path, annotations: Annotations | None = None
) -> Path:
    """``features``' cards, with a compact card of each of their neighbours so that every
    neighbour link opens a card."""
    from saewidgets.widgets import _carddata
    from saewidgets.widgets._base import SaeWidget
    from saewidgets.widgets._featurecard import FeatureCard

    near: dict[int, None] = {}
    for f in features:
        listed = _carddata.neighbour_ids({"neighbours": _carddata.neighbours(store, f)})
        near.update(dict.fromkeys(listed))
    card = FeatureCard(store, features[0], annotations=annotations)
    with card.exporting(features, compact=[f for f in near if f not in set(features)]):
        return SaeWidget.to_html(card, path, title="Feature cards")


def write_report(
    store: FeatureStore,
    folder: Path,
    *,
    progress: bool = True,
    cards: int = 20,
    annotations: Annotations | None = None,
    featured: Sequence[int] = (),
) -> list[Path]:
    """Write the feature table, a text summary and standalone HTML views into ``folder``.

    Files: ``features.parquet``, ``summary.txt``, ``map.html`` (FeatureMap), ``grid.html``
    (GeometryGridView), ``cards.html`` (FeatureCards of ``cards`` live features spread over
    the density deciles, see :func:`density_spread`, and compact cards of their neighbours),
    ``explorer.html`` (all of them linked). Cards and the Explorer show ``annotations``
    (labels, explanations, scores); the ``featured`` features' cards come first. The all-pairs
    grid is computed once and shared by the summary, the grid view and the Explorer. Returns
    the paths written.
    """
    from saewidgets.widgets._explorer import Explorer
    from saewidgets.widgets._featuremap import FeatureMap
    from saewidgets.widgets._geometrygrid import GeometryGridView

    folder.mkdir(parents=True, exist_ok=True)
    table = folder / "features.parquet"
    store.features.to_parquet(table)
    summary = folder / "summary.txt"
    pairs = store.geometry_grid(progress=progress) if store.meta.has_output_directions else None
    summary.write_text(summary_text(store, progress=progress))
    written = [table, summary, FeatureMap(store).to_html(folder / "map.html")]
    if pairs is not None:
        written.append(GeometryGridView(store, grid=pairs).to_html(folder / "grid.html"))
    top = list(dict.fromkeys([*featured, *density_spread(store.features, cards)]))
    if top:
        written.append(_write_cards(store, top, folder / "cards.html", annotations))
    explorer = Explorer(store, grid=False if pairs is None else pairs, annotations=annotations)
    written.append(explorer.to_html(folder / "explorer.html"))
    return written
