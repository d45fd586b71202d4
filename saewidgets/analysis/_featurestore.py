"""FeatureStore: the public analysis API of a harvested store (examples, histograms, logit
weights, neighbours, geometry, the all-pairs grid), each method delegating to one module."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._checks import flag_arg
from saewidgets._errors import ArgumentError, count_arg
from saewidgets.analysis import (
    _examples,
    _geometry,
    _grid,
    _histogram,
    _logits,
    _neuronpedia,
    _search,
)
from saewidgets.store._reader import StoreFiles

if TYPE_CHECKING:
    from saewidgets.analysis._geometry import Geometry
    from saewidgets.analysis._grid import PairGrid
    from saewidgets.analysis._histogram import Histogram
    from saewidgets.analysis._logits import LogitWeights


MAX_INTERVALS = 1000


def _window(window: Any) -> tuple[int, int]:
    if not isinstance(window, (tuple, list)) or len(window) != 2:
        raise ArgumentError(f"window is (tokens before, tokens after), got {window!r}.")
    return count_arg(window[0], "window[0]", 0), count_arg(window[1], "window[1]", 0)


class FeatureStore(StoreFiles):
    """Harvested statistics, examples and geometry of one SAE's features (read-only)."""

    # -- per-feature views -----------------------------------------------------------------
    def activations(self, feature: int, seq: int) -> np.ndarray:
        """float32 [seq_len]: ``feature``'s activation on every token of sequence ``seq``."""
        f = self.check_feature(feature)
        a, b = self.seq_range(seq)
        return _examples.feature_values(self, f, a, b)

    def sequence_tokens(self, seq: int) -> list[str]:
        """The token strings of sequence ``seq``."""
        a, b = self.seq_range(seq)
        return self.text_tokens(self.tokens[a:b])

    def top_examples(
        self, feature: int, n: int = 20, window: tuple[int, int] = (12, 4)
    ) -> pd.DataFrame:
        """The ``n`` highest activations of ``feature`` with their context (best first)."""
        f = self.check_feature(feature)
        n, window = count_arg(n, "n"), _window(window)
        val, tok = self.accumulators["top_val"][f], self.accumulators["top_tok"][f]
        keep = tok >= 0
        return _examples.example_frame(self, f, tok[keep][:n], val[keep][:n], window)

    def quantile_examples(
        self,
        feature: int,
        n_intervals: int = 10,
        per_interval: int = 5,
        window: tuple[int, int] = (12, 4),
    ) -> pd.DataFrame:
        """Examples from equal-width activation intervals ``(0, max]`` (top interval first)."""
        f = self.check_feature(feature)
        n_intervals = count_arg(n_intervals, "n_intervals", 1, MAX_INTERVALS)
        per_interval = count_arg(per_interval, "per_interval")
        return _examples.quantile_frame(self, f, n_intervals, per_interval, _window(window))

    def histogram(self, feature: int, bins: int | None = None) -> Histogram:
        """Histogram of the non-zero activations: the store's log-spaced bins trimmed to the
        occupied range, or (with ``bins``) ``bins`` equal-width bins over ``(0, max]``."""
        return _histogram.histogram(self, self.check_feature(feature), bins)

    def logit_weights(self, feature: int, k: int = 10) -> LogitWeights:
        """Top and bottom ``k`` tokens of ``W_out[f] @ W_U`` (direct path) with their values."""
        return _logits.logit_weights(self, self.check_feature(feature), k)

    # -- finding features ----------------------------------------------------------------
    def search(self, text: str, lens: Any = None, k: int | None = 50) -> pd.DataFrame:
        """Features active on new ``text`` encoded with ``lens`` (the Lens this store was
        harvested with), strongest first: columns ``feature``, ``max_act``, ``position``,
        ``token``, ``n_active`` (tokens it fires on), ``density`` (in the store)."""
        k = None if k is None else count_arg(k, "k")
        return _search.search_text(self, text, lens, k)

    def find(self, token: str | int, k: int | None = 50) -> pd.DataFrame:
        """Features whose top examples peak on ``token`` (a vocabulary string such as
        ``" Paris"``, or an id), most such examples first: ``n_top_on_token`` of ``n_top``."""
        k = None if k is None else count_arg(k, "k")
        return _search.find_token(self, token, k)

    def to_neuronpedia(
        self,
        folder: str | os.PathLike[str],
        *,
        model_id: str,
        source: str,
        annotations: Any = None,
        features: Sequence[int] | None = None,
        batch_size: int = 128,
    ) -> list[Path]:
        """Write Neuronpedia upload batches (``batch-00000.json``, ...: lists of the
        ``neuronpedia`` package's ``Feature`` records) into a new folder, ``batch_size``
        features at a time; explanations and labels come from ``annotations``."""
        return _neuronpedia.to_neuronpedia(
            self, folder, model_id, source, annotations, features, batch_size
        )

    # -- relations between features --------------------------------------------------------
    def neighbours(self, feature: int, by: str = "cosine", k: int = 10) -> pd.DataFrame:
        """The ``k`` nearest features by ``"cosine"`` (decoder), ``"cooccurrence"`` (lift) or
        ``"output"`` (logit-weight cosine)."""
        f = self.check_feature(feature)
        return _geometry.neighbours(self, f, by, k)

    def geometry(self, features: Sequence[int]) -> Geometry:
        """N x N decoder cosine, co-occurrence (count, Jaccard, lift) and output similarity."""
        if isinstance(features, (str, bytes)) or not isinstance(features, (Sequence, np.ndarray)):
            raise ArgumentError(
                f"features must be a list of feature ids, got {features!r}; e.g. [3, 17, 42]."
            )
        ids = np.asarray([self.check_feature(f) for f in features], dtype=np.int64)
        if len(ids) == 0 or len(set(ids.tolist())) != len(ids):
            raise ArgumentError(
                f"features must name at least one feature, each once; got {list(features)!r}."
            )
        return _geometry.geometry(self, ids)

    def geometry_grid(self, bins: int | tuple[int, int] | None = None, **kwargs: Any) -> PairGrid:
        """All live pairs binned by co-occurrence x output similarity: mean/std decoder cosine
        and pair count per cell (see ``saewidgets.analysis._grid.geometry_grid`` for options).

        Computed once per store and set of options, then reused (widgets and reports share it)."""
        progress = flag_arg(kwargs.pop("progress", True), "progress")
        key = "geometry_grid:" + repr((bins, sorted((k, repr(v)) for k, v in kwargs.items())))
        compute = lambda: _grid.geometry_grid(self, bins, progress=progress, **kwargs)  # noqa: E731
        return self.derived(key, compute)
