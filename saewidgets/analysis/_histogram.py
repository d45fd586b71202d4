"""Activation histograms of one feature, from the store's mergeable counts or its record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from saewidgets._errors import count_arg
from saewidgets.store._bins import hist_edges

if TYPE_CHECKING:
    from saewidgets.store._reader import StoreFiles


MAX_BINS = 10_000


@dataclass(frozen=True)
class Histogram:
    """Counts of non-zero activations: ``counts[i]`` lies in ``edges[i]..edges[i+1]``."""

    edges: np.ndarray
    counts: np.ndarray


def histogram(store: StoreFiles, f: int, bins: int | None = None) -> Histogram:
    """The store's log-spaced bins trimmed to the occupied range, or (with ``bins``) ``bins``
    equal-width bins over ``(0, max]`` counted from the sparse record (both without the
    store's excluded special tokens)."""
    if bins is not None:
        bins = count_arg(bins, "bins", 1, MAX_BINS)
        _, vals = store.counted_feature(f)
        hi = float(vals.max()) if len(vals) else 1.0
        counts, edges = np.histogram(vals, bins=bins, range=(0.0, hi))
        return Histogram(edges, counts)
    counts = store.accumulators["hist"][f]
    edges = hist_edges()
    nz = np.nonzero(counts)[0]
    if len(nz) == 0:
        return Histogram(edges[:1], np.zeros(0, np.int64))
    a, b = nz[0], nz[-1] + 1
    return Histogram(edges[a : b + 1], counts[a:b])
