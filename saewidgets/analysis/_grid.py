"""The all-pairs geometry grid: every pair of live features binned by co-occurrence x output
similarity, with the mean and spread of their decoder cosine per cell (seed 001's 2x2 table,
measured). Computed in blocks of feature rows, so memory is bounded by block x d_sae.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp
from tqdm.auto import tqdm

from saewidgets._checks import device_arg
from saewidgets._errors import ArgumentError, count_arg
from saewidgets.analysis._geometry import (
    indicator,
    lift_and_jaccard,
    output_norms,
    output_vectors,
    unit_decoder,
)
from saewidgets.analysis._gridsums import GridSums

if TYPE_CHECKING:
    from saewidgets.analysis._grid_device import DeviceBands
    from saewidgets.store._reader import StoreFiles

MEASURES = ("lift", "jaccard")
MAX_BINS = 1000  # per axis: the grid is drawn cell by cell
MAX_TOP_PAIRS = 1000  # per cell
DEFAULT_EDGES = {"lift": np.linspace(-1.0, 3.0, 9), "jaccard": np.linspace(0.0, 1.0, 11)}


@dataclass(frozen=True)
class PairGrid:
    """Pair statistics per (co-occurrence bin, output-similarity bin) cell.

    Row 0 holds pairs that never fire together; row ``r >= 1`` holds pairs whose co-occurrence
    coordinate (log10 lift, or Jaccard) lies in ``cooc_edges[r-1] .. cooc_edges[r]`` (values
    beyond the ends fall in the end rows). Columns bin output similarity by ``output_edges``.
    """

    measure: str
    cooc_edges: np.ndarray
    output_edges: np.ndarray
    count: np.ndarray  # int64 [n_rows, n_cols]
    sum_cos: np.ndarray  # float64
    sum_cos2: np.ndarray  # float64
    n_live: int
    n_dead_excluded: int
    top_pairs: pd.DataFrame  # strongest |cosine| pairs per cell

    @property
    def mean_cos(self) -> np.ndarray:
        """Mean decoder cosine per cell (NaN in empty cells)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.sum_cos / self.count

    @property
    def std_cos(self) -> np.ndarray:
        """Standard deviation of decoder cosine per cell (NaN in empty cells)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            var = self.sum_cos2 / self.count - self.mean_cos**2
        return np.sqrt(np.maximum(var, 0))

    @property
    def row_labels(self) -> list[str]:
        """Human labels of the co-occurrence rows."""
        name = "log10 lift" if self.measure == "lift" else "Jaccard"
        e = self.cooc_edges
        return ["never co-fire"] + [f"{name} {e[i]:.2g}..{e[i + 1]:.2g}" for i in range(len(e) - 1)]

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: row, col, bin ranges, count, mean_cos, std_cos."""
        r, c = np.indices(self.count.shape)
        lo = np.concatenate([[np.nan], self.cooc_edges[:-1]])
        hi = np.concatenate([[np.nan], self.cooc_edges[1:]])
        return pd.DataFrame(
            {
                "row": r.ravel(),
                "col": c.ravel(),
                "cooc_lo": lo[r.ravel()],
                "cooc_hi": hi[r.ravel()],
                "output_lo": self.output_edges[:-1][c.ravel()],
                "output_hi": self.output_edges[1:][c.ravel()],
                "count": self.count.ravel(),
                "mean_cos": self.mean_cos.ravel(),
                "std_cos": self.std_cos.ravel(),
            }
        )

    def quadrants(self, cooc_split: float | None = None, output_split: float = 0.0) -> pd.DataFrame:
        """Seed 001's 2x2 table: mean decoder cosine and pair count per quadrant.

        Pairs "co-occur" when their co-occurrence coordinate is above ``cooc_split`` (default:
        log10 lift 0, i.e. more often than chance; Jaccard 0); never-co-firing pairs do not.
        Output is "similar" when output similarity is above ``output_split``. Both splits must
        be bin edges.
        """
        split = cooc_split if cooc_split is not None else 0.0
        ci = _edge_index(self.cooc_edges, split, "cooc_split")
        oi = _edge_index(self.output_edges, output_split, "output_split")
        rows = {"do not co-occur": slice(0, ci + 1), "co-occur": slice(ci + 1, None)}
        cols = {"output similar": slice(oi, None), "output different": slice(0, oi)}
        out = []
        for out_name, cs in cols.items():
            for co_name, rs in rows.items():
                n = self.count[rs, cs].sum()
                s = self.sum_cos[rs, cs].sum()
                out.append(
                    {
                        "output": out_name,
                        "cooccurrence": co_name,
                        "pairs": int(n),
                        "mean_cos": s / n if n else np.nan,
                    }
                )
        return pd.DataFrame(out).pivot(
            index="output", columns="cooccurrence", values=["mean_cos", "pairs"]
        )


def _edge_index(edges: np.ndarray, value: float, name: str) -> int:
    hit = np.nonzero(np.isclose(edges, value))[0]
    if len(hit) == 0:
        raise ArgumentError(f"{name}={value} is not one of the grid's bin edges {edges.tolist()}.")
    return int(hit[0])


def _cooc_edges(given: object) -> np.ndarray:
    try:
        edges = np.asarray(given, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(f"cooc_edges must be numbers, got {given!r}.") from exc
    if edges.ndim != 1 or len(edges) < 2 or not np.isfinite(edges).all():
        raise ArgumentError(f"cooc_edges must be at least 2 finite numbers, got {given!r}.")
    if (np.diff(edges) <= 0).any():
        raise ArgumentError(f"cooc_edges must increase strictly, got {edges.tolist()}.")
    return edges


def geometry_grid(
    store: StoreFiles,
    bins: int | tuple[int, int] | None = None,
    measure: str = "lift",
    cooc_edges: np.ndarray | None = None,
    output_bins: int = 20,
    block: int = 512,
    top_pairs: int = 20,
    progress: bool = True,
    device: str | None = None,
) -> PairGrid:
    """Bin every pair of live (ever-firing) features by co-occurrence x output similarity.

    ``bins``: bins per axis, or (co-occurrence bins, output bins), spread evenly over the
    default ranges (log10 lift -1..3 or Jaccard 0..1; cosine -1..1), with 0 always an edge so
    ``quadrants()`` works; ``cooc_edges`` / ``output_bins`` set the axes one by one instead.
    ``device``: a torch device ("cuda", "cuda:1", "cpu") for the dense band products, binning
    and per-cell sums; default: the GPU when torch is loaded and sees one, else NumPy.
    """
    if measure not in MEASURES:
        raise ArgumentError(f"measure={measure!r}: choose one of {', '.join(MEASURES)}.")
    block = count_arg(block, "block")
    top_pairs = count_arg(top_pairs, "top_pairs", 0, MAX_TOP_PAIRS)
    edges, out_edges = _axes(measure, bins, cooc_edges, output_bins)
    n_rows, n_cols = len(edges), len(out_edges) - 1
    count = store.record.counts()  # over every token, as the co-occurrence counts
    live = np.nonzero(count > 0)[0]
    acc = GridSums(n_rows * n_cols, top_pairs)
    D = unit_decoder(store)[live].astype(np.float32)
    norm = output_norms(store)[live]
    bands = _device_bands(device, store, live, D, norm, out_edges, acc)
    sink = bands if bands is not None else _HostBands(store, live, D, norm, out_edges, acc)
    A = indicator(store)[:, live].tocsc()
    A_csr = A.tocsr()
    n, n_live = len(live), count[live]
    for b0 in tqdm(range(0, n, block), desc="geometry grid", unit="block", disable=not progress):
        b1 = min(n, b0 + block)
        # The band of pairs (i, j), b0 <= i < b1, i < j: one dense [b, n - b0] rectangle whose
        # lower-left triangle (j <= i) goes to a discard cell; co-firing pairs (sparse) get
        # their co-occurrence row, every other pair stays in row 0.
        ci, cj, r = _cofiring(A[:, b0:b1], A_csr, b0, n_live, store.n_tokens, measure, edges)
        keys = (live[b0:b1] * store.d_sae, live[b0:])
        sink.add(b0, b1, ci, cj - b0, r * n_cols, keys)
    if bands is not None:
        bands.finish()
    return PairGrid(
        measure=measure,
        cooc_edges=edges,
        output_edges=out_edges,
        count=acc.count.reshape(n_rows, n_cols),
        sum_cos=acc.s1.reshape(n_rows, n_cols),
        sum_cos2=acc.s2.reshape(n_rows, n_cols),
        n_live=n,
        n_dead_excluded=store.d_sae - n,
        top_pairs=_pairs_frame(store, acc.top_key, n_cols),
    )


def _axes(
    measure: str,
    bins: int | tuple[int, int] | None,
    cooc_edges: np.ndarray | None,
    output_bins: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The co-occurrence edges and the output-similarity edges (0 always an edge of both)."""
    default = DEFAULT_EDGES[measure]
    if bins is not None:
        pair = (bins, bins) if not isinstance(bins, tuple) else bins
        if len(pair) != 2:
            raise ArgumentError(f"bins is an int or a pair of ints, got {bins!r}.")
        n_c = count_arg(pair[0], "bins", 1, MAX_BINS)
        output_bins = pair[1]
        cooc_edges = np.union1d(np.linspace(default[0], default[-1], n_c + 1), [0.0])
    output_bins = count_arg(output_bins, "output_bins", 1, MAX_BINS)
    edges = _cooc_edges(cooc_edges if cooc_edges is not None else default)
    return edges, np.union1d(np.linspace(-1.0, 1.0, output_bins + 1), [0.0])


def _cofiring(
    band: sp.csc_matrix,
    A_csr: sp.csr_matrix,
    b0: int,
    n_live: np.ndarray,
    n_tokens: int,
    measure: str,
    edges: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs (i, j) of the band (features ``b0 + i``, i < j) that fire together at least
    once, and their co-occurrence row (1 .. len(edges) - 1)."""
    C = (band.T @ A_csr).tocoo()
    up = C.col > C.row + b0
    ci, cj, c = C.row[up], C.col[up], C.data[up]
    lift, jac = lift_and_jaccard(c, n_live[b0 + ci], n_live[cj], n_tokens)
    with np.errstate(divide="ignore", invalid="ignore"):
        coord = np.log10(lift) if measure == "lift" else jac
    return ci, cj, np.clip(np.searchsorted(edges, coord, side="right"), 1, len(edges) - 1)


class _HostBands:
    """The bands of pairs on the host (NumPy): output similarity binned per pair, the decoder
    cosines summed per cell; ``add`` as :class:`DeviceBands`."""

    def __init__(
        self,
        store: StoreFiles,
        live: np.ndarray,
        D: np.ndarray,
        norm: np.ndarray,
        out_edges: np.ndarray,
        acc: GridSums,
    ) -> None:
        self.O, self.OG = (a[live] for a in output_vectors(store))
        self.D, self.norm, self.out_edges, self.acc = D, norm, out_edges, acc

    def add(
        self,
        b0: int,
        b1: int,
        ci: np.ndarray,
        cj: np.ndarray,
        shift: np.ndarray,
        keys: tuple[np.ndarray, np.ndarray],
    ) -> None:
        """Add the band of rows ``b0:b1``; co-firing pairs ``(ci, cj)`` (band coordinates) move
        ``shift`` cells down to their co-occurrence row."""
        norm = self.norm
        out = self.OG[b0:b1] @ self.O[b0:].T
        with np.errstate(divide="ignore", invalid="ignore"):
            np.divide(out, np.multiply.outer(norm[b0:b1], norm[b0:]), out=out)
        out[np.isnan(out)] = 0.0  # (infinities fall in the end columns, as they would)
        cell = np.searchsorted(self.out_edges, out, side="right") - 1
        del out
        np.clip(cell, 0, len(self.out_edges) - 2, out=cell)
        cell[ci, cj] += shift
        cell[:, : b1 - b0][np.tri(b1 - b0, dtype=bool)] = self.acc.discard
        self.acc.add(cell, self.D[b0:b1] @ self.D[b0:].T, *keys)


def _device_bands(
    device: str | None,
    store: StoreFiles,
    live: np.ndarray,
    D: np.ndarray,
    norm: np.ndarray,
    out_edges: np.ndarray,
    acc: GridSums,
) -> DeviceBands | None:
    """The torch bands for ``device``, or None: NumPy. With ``device=None``: the GPU when torch
    is already loaded (a model is in use) and sees one; reading a store never loads torch."""
    if device is None:
        loaded = sys.modules.get("torch")
        if loaded is None or not loaded.cuda.is_available():
            return None
        device = "cuda"
    from saewidgets.analysis._grid_device import DeviceBands

    dev = device_arg(device)
    assert dev is not None
    W = store.weights
    return DeviceBands(dev, D, W["W_out"][live], W["gram"], norm, out_edges, acc)


def _pairs_frame(store: StoreFiles, keys: np.ndarray, n_cols: int) -> pd.DataFrame:
    cell, slot = np.nonzero(keys >= 0)
    k = keys[cell, slot]
    a, b = k // store.d_sae, k % store.d_sae
    D = unit_decoder(store)
    O_a, O_b = (np.asarray(store.weights["W_out"][x], np.float64) for x in (a, b))
    OG_a = O_a @ store.weights["gram"].astype(np.float64)
    norm = output_norms(store)
    counts = store.record.counts()
    frame = pd.DataFrame(
        {"row": cell // n_cols, "col": cell % n_cols, "feature_a": a, "feature_b": b}
    )
    frame["cosine"] = np.einsum("ij,ij->i", D[a], D[b])
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["output_sim"] = np.einsum("ij,ij->i", OG_a, O_b) / (norm[a] * norm[b])
    c = np.asarray([_pair_count(store, i, j) for i, j in zip(a, b, strict=True)], dtype=np.int64)
    frame["cooc_count"] = c
    frame["lift"], frame["jaccard"] = lift_and_jaccard(c, counts[a], counts[b], store.n_tokens)
    return frame


def _pair_count(store: StoreFiles, a: int, b: int) -> int:
    ta, _ = store.record.feature(int(a))
    tb, _ = store.record.feature(int(b))
    return len(np.intersect1d(ta, tb, assume_unique=True))
