"""FeatureStore: a harvested store folder, reopened without the model.

Folder layout: ``meta.json``; ``features.parquet`` (one row per feature); ``accumulators``,
``weights`` and ``logits`` (safetensors); ``vocab.json``; ``tokens.bin`` (int32, every token)
and ``seq_len.bin`` (int32 per sequence); ``record/`` (the sparse record, see ``_record``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from safetensors.numpy import load_file

from saewidgets import _examples, _geometry, _grid
from saewidgets._bins import hist_edges
from saewidgets._errors import FeatureIndexError, StoreError
from saewidgets._logits import LOGIT_BINS, LogitWeights
from saewidgets._meta import StoreMeta
from saewidgets._record import Record

if TYPE_CHECKING:
    from saewidgets._geometry import Geometry
    from saewidgets._grid import PairGrid


@dataclass(frozen=True)
class Histogram:
    """Counts of non-zero activations: ``counts[i]`` lies in ``edges[i]..edges[i+1]``."""

    edges: np.ndarray
    counts: np.ndarray


class FeatureStore:
    """Harvested statistics, examples and geometry of one SAE's features (read-only)."""

    def __init__(self, path: Path, meta: StoreMeta) -> None:
        self.path = path
        self.meta = meta
        self._derived: dict[str, Any] = {}

    def derived(self, name: str, compute: Callable[[], Any]) -> Any:
        """A value computed once from this store's files and kept (e.g. unit decoder rows)."""
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name]

    @classmethod
    def open(cls, path: str | os.PathLike[str], lens: Any = None) -> FeatureStore:
        """Open a store folder; with ``lens``, check that it was harvested with that Lens."""
        folder = Path(path)
        meta = StoreMeta.read(folder)
        for name in ("features.parquet", "weights.safetensors", "tokens.bin", "record"):
            if not (folder / name).exists():
                raise StoreError(f"{folder} lacks {name}; the store is incomplete. Harvest again.")
        store = cls(folder, meta)
        if lens is not None:
            store.check_lens(lens)
        return store

    def check_lens(self, lens: Any) -> None:
        """Raise StoreError when ``lens`` has another model, hook or SAE than this store."""
        diffs = []
        if lens.model_name != self.meta.model_name:
            diffs.append(f"model {lens.model_name!r} vs {self.meta.model_name!r}")
        if lens.hook != self.meta.hook:
            diffs.append(f"hook {lens.hook!r} vs {self.meta.hook!r}")
        if lens.sae.fingerprint() != self.meta.sae_fingerprint:
            diffs.append("SAE weights differ")
        if diffs:
            raise StoreError(
                f"The store at {self.path} was not harvested with this Lens ({'; '.join(diffs)}). "
                "Use the Lens it was made with, or harvest a new store with this one."
            )

    # -- identity and raw data -------------------------------------------------------------
    @property
    def sae_id(self) -> str:
        """Stable id of (model, hook, SAE weights)."""
        return self.meta.sae_id

    @property
    def d_sae(self) -> int:
        """Number of features."""
        return self.meta.d_sae

    @property
    def n_tokens(self) -> int:
        """Number of harvested tokens."""
        return self.meta.n_tokens

    @cached_property
    def vocab(self) -> list[str]:
        """The string of every token id."""
        return list(json.loads((self.path / "vocab.json").read_text()))

    @cached_property
    def tokens(self) -> np.ndarray:
        """int32 [n_tokens]: every harvested token id, sequences back to back."""
        return np.fromfile(self.path / "tokens.bin", dtype=np.int32)

    @cached_property
    def seq_offsets(self) -> np.ndarray:
        """int64 [n_seq + 1]: where each sequence starts in ``tokens``."""
        lens = np.fromfile(self.path / "seq_len.bin", dtype=np.int32)
        return np.concatenate([[0], np.cumsum(lens, dtype=np.int64)])

    @cached_property
    def record(self) -> Record:
        """The sparse record of every non-zero activation."""
        return Record(self.path / "record", self.d_sae)

    @cached_property
    def weights(self) -> dict[str, np.ndarray]:
        """The SAE arrays (W_enc, W_dec, b_enc, b_dec, maybe threshold, W_out, gram)."""
        return load_file(self.path / "weights.safetensors")

    @cached_property
    def accumulators(self) -> dict[str, np.ndarray]:
        """The mergeable per-feature statistics (count, total, max, hist, top_val, top_tok)."""
        return load_file(self.path / "accumulators.safetensors")

    @cached_property
    def features(self) -> pd.DataFrame:
        """One row per feature (index 0..d_sae-1); see README for the columns and thresholds."""
        return pd.read_parquet(self.path / "features.parquet")

    def check_feature(self, feature: Any) -> int:
        """``feature`` as an int, or FeatureIndexError when it is not in 0..d_sae-1."""
        if isinstance(feature, (bool, np.bool_)) or not isinstance(feature, (int, np.integer)):
            raise FeatureIndexError(f"Feature ids are integers, got {feature!r}.")
        f = int(feature)
        if not 0 <= f < self.d_sae:
            raise FeatureIndexError(
                f"Feature {f} is out of range: this SAE has features 0..{self.d_sae - 1}."
            )
        return f

    def locate(self, token_index: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
        """(sequence, position) of global token indices."""
        t = np.asarray(token_index)
        seq = np.searchsorted(self.seq_offsets, t, side="right") - 1
        return seq, t - self.seq_offsets[seq]

    def str_tokens(self, ids: np.ndarray) -> list[str]:
        """Token strings of token ids."""
        vocab = self.vocab
        return [vocab[int(i)] for i in ids]

    # -- per-feature views -----------------------------------------------------------------
    def activations(self, feature: int, seq: int) -> np.ndarray:
        """float32 [seq_len]: ``feature``'s activation on every token of sequence ``seq``."""
        f = self.check_feature(feature)
        a, b = self._seq_range(seq)
        return _examples.feature_values(self, f, a, b)

    def sequence_tokens(self, seq: int) -> list[str]:
        """The token strings of sequence ``seq``."""
        a, b = self._seq_range(seq)
        return self.str_tokens(self.tokens[a:b])

    def top_examples(
        self, feature: int, n: int = 20, window: tuple[int, int] = (12, 4)
    ) -> pd.DataFrame:
        """The ``n`` highest activations of ``feature`` with their context (best first)."""
        f = self.check_feature(feature)
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
        return _examples.quantile_frame(self, f, n_intervals, per_interval, window)

    def histogram(self, feature: int, bins: int | None = None) -> Histogram:
        """Histogram of the non-zero activations: the store's log-spaced bins trimmed to the
        occupied range, or (with ``bins``) ``bins`` equal-width bins over ``(0, max]``."""
        f = self.check_feature(feature)
        if bins is not None:
            _, vals = self.record.feature(f)
            hi = float(vals.max()) if len(vals) else 1.0
            counts, edges = np.histogram(vals, bins=bins, range=(0.0, hi))
            return Histogram(edges, counts)
        counts = self.accumulators["hist"][f]
        edges = hist_edges()
        nz = np.nonzero(counts)[0]
        if len(nz) == 0:
            return Histogram(edges[:1], np.zeros(0, np.int64))
        a, b = nz[0], nz[-1] + 1
        return Histogram(edges[a : b + 1], counts[a:b])

    def logit_weights(self, feature: int, k: int = 10) -> LogitWeights:
        """Top and bottom ``k`` tokens of ``W_out[f] @ W_U`` (direct path) with their values."""
        f = self.check_feature(feature)
        t = self._logits
        if k > t["top_ids"].shape[1]:
            raise ValueError(f"k={k} exceeds the {t['top_ids'].shape[1]} logit weights stored.")
        top, bot = t["top_ids"][f, :k], t["bottom_ids"][f, :k]
        edges = np.linspace(t["hist_lo"][f], t["hist_hi"][f], LOGIT_BINS + 1)
        return LogitWeights(
            feature=f,
            top_ids=top,
            top_tokens=self.str_tokens(top),
            top_values=t["top_values"][f, :k],
            bottom_ids=bot,
            bottom_tokens=self.str_tokens(bot),
            bottom_values=t["bottom_values"][f, :k],
            hist_edges=edges,
            hist_counts=t["hist_counts"][f],
        )

    # -- relations between features --------------------------------------------------------
    def neighbours(self, feature: int, by: str = "cosine", k: int = 10) -> pd.DataFrame:
        """The ``k`` nearest features by ``"cosine"`` (decoder), ``"cooccurrence"`` (lift) or
        ``"output"`` (logit-weight cosine)."""
        f = self.check_feature(feature)
        return _geometry.neighbours(self, f, by, k)

    def geometry(self, features: Sequence[int]) -> Geometry:
        """N x N decoder cosine, co-occurrence (count, Jaccard, lift) and output similarity."""
        ids = np.asarray([self.check_feature(f) for f in features], dtype=np.int64)
        return _geometry.geometry(self, ids)

    def geometry_grid(self, bins: int | tuple[int, int] | None = None, **kwargs: Any) -> PairGrid:
        """All live pairs binned by co-occurrence x output similarity: mean/std decoder cosine
        and pair count per cell (see ``saewidgets._grid.geometry_grid`` for the options)."""
        return _grid.geometry_grid(self, bins, **kwargs)

    # -- internals -------------------------------------------------------------------------
    @cached_property
    def _logits(self) -> dict[str, np.ndarray]:
        path = self.path / "logits.safetensors"
        if not path.exists():
            raise StoreError(
                f"Hook {self.meta.hook!r} has no direct path to the logits that saewidgets knows, "
                "so this store has no logit weights."
            )
        return load_file(path)

    def _seq_range(self, seq: int) -> tuple[int, int]:
        if not 0 <= int(seq) < self.meta.n_seq:
            raise IndexError(f"Sequence {seq} is out of range 0..{self.meta.n_seq - 1}.")
        return int(self.seq_offsets[seq]), int(self.seq_offsets[seq + 1])

    def __repr__(self) -> str:
        m = self.meta
        return (
            f"FeatureStore({str(self.path)!r}, model={m.model_name!r}, hook={m.hook!r}, "
            f"d_sae={m.d_sae}, n_tokens={m.n_tokens})"
        )
