"""StoreFiles: the files of a harvested store folder, reopened without the model.

Folder layout: ``meta.json``; ``features.parquet`` (one row per feature); ``accumulators``,
``weights`` and ``logits`` (safetensors); ``vocab.json``; ``token_bytes.json`` (raw bytes of
the tokens that hold part of a character; absent in older stores); ``tokens.bin`` (int32,
every token) and ``seq_len.bin`` (int32 per sequence); ``record/`` (the sparse record, see
``_record``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from saewidgets._errors import FeatureIndexError, StoreError, count_arg
from saewidgets._tokenbytes import display_tokens, from_json, token_label
from saewidgets.store._manifest import check_files, read_manifest
from saewidgets.store._meta import StoreMeta
from saewidgets.store._mmap import map_safetensors
from saewidgets.store._record import Record
from saewidgets.store._validate import damaged, validate_store

_S = TypeVar("_S", bound="StoreFiles")


class StoreFiles:
    """The files of one store folder, read lazily: meta, tables, arrays, tokens, the record.

    Knows files only; the analysis API (``FeatureStore``) builds on it in ``analysis/``."""

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
    def open(cls: type[_S], path: str | os.PathLike[str], lens: Any = None) -> _S:
        """Open a store folder; with ``lens``, check that it was harvested with that Lens."""
        if not isinstance(path, (str, os.PathLike)):
            raise StoreError(
                f"path must be a folder path (str or pathlib.Path), got {type(path).__name__}."
            )
        folder = Path(path).expanduser()
        meta = StoreMeta.read(folder)
        checked = validate_store(folder, meta)
        store = cls(folder, meta)
        store.__dict__.update(checked)  # the feature table and vocabulary, already read
        if meta.max_token_id >= len(store.vocab):
            raise _bad_tokens(folder)
        if meta.max_token_id < 0:  # not recorded (an older store): check every token now
            store.tokens  # noqa: B018
        files = read_manifest(folder)
        if files is not None:  # stores written before manifests are checked by verify() only
            problems = check_files(folder, files, full=False)
            if problems:
                raise damaged(folder, problems)
        if lens is not None:
            store.check_lens(lens)
        return store

    def verify(self) -> None:
        """Check everything: every file's checksum against the manifest written with the store,
        and the contents against each other (finite weights and values, the record against the
        statistics and the feature table); StoreError listing every problem found."""
        from saewidgets.store._verify import verify_store

        verify_store(self)

    def check_lens(self, lens: Any) -> None:
        """Raise StoreError when ``lens`` has another model, hook or SAE than this store."""
        diffs = []
        if lens.model_name != self.meta.model_name:
            diffs.append(f"model {lens.model_name!r} vs {self.meta.model_name!r}")
        elif self.meta.model_fingerprint and lens.model_fingerprint != self.meta.model_fingerprint:
            diffs.append(f"model {lens.model_name!r}: same name, other weights or vocabulary")
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
        """int32 [n_tokens]: every harvested token id, sequences back to back (checked against
        the vocabulary when first read)."""
        toks = np.fromfile(self.path / "tokens.bin", dtype=np.int32)
        if len(toks) and (int(toks.max()) >= len(self.vocab) or int(toks.min()) < 0):
            raise _bad_tokens(self.path)
        return toks

    @cached_property
    def seq_offsets(self) -> np.ndarray:
        """int64 [n_seq + 1]: where each sequence starts in ``tokens``."""
        lens = np.fromfile(self.path / "seq_len.bin", dtype=np.int32)
        return np.concatenate([[0], np.cumsum(lens, dtype=np.int64)])

    @cached_property
    def record(self) -> Record:
        """The sparse record of every non-zero activation."""
        return Record(self.path / "record", self.d_sae)

    def counted_feature(self, f: int) -> tuple[np.ndarray, np.ndarray]:
        """Feature ``f``'s record entries (token indices, values) the statistics count: those on
        ``meta.excluded_token_ids`` (special tokens such as BOS) left out."""
        tok, val = self.record.feature(f)
        if not self.meta.excluded_token_ids or len(tok) == 0:
            return tok, val
        kept = ~np.isin(self.tokens[tok], np.asarray(self.meta.excluded_token_ids, np.int32))
        return tok[kept], val[kept]

    @cached_property
    def weights(self) -> dict[str, np.ndarray]:
        """The SAE arrays (W_enc, W_dec, b_enc, b_dec, maybe threshold, W_out, gram), read-only
        and memory-mapped: only what is used is read from disk."""
        return map_safetensors(self.path / "weights.safetensors")

    @cached_property
    def accumulators(self) -> dict[str, np.ndarray]:
        """The mergeable per-feature statistics (count, total, max, hist, top_val, top_tok),
        read-only and memory-mapped."""
        return map_safetensors(self.path / "accumulators.safetensors")

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

    @cached_property
    def partial_tokens(self) -> dict[int, bytes]:
        """``{id: raw bytes}`` of tokens holding part of a UTF-8 character (``{}`` in stores
        written before they were recorded: those show such tokens as decoded alone)."""
        path = self.path / "token_bytes.json"
        if not path.is_file():
            return {}
        try:
            return from_json(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError, AttributeError) as e:
            raise StoreError(
                f"{path} is damaged ({e}); delete it to show split characters as decoded alone, "
                "or harvest again."
            ) from e

    def str_tokens(self, ids: np.ndarray) -> list[str]:
        """Each token id on its own, as shown in lists (a stray byte as ``<0xE2>``)."""
        vocab, partial = self.vocab, self.partial_tokens
        return [token_label(int(i), vocab, partial) for i in ids]

    def text_tokens(self, ids: np.ndarray) -> list[str]:
        """Consecutive token ids as shown in running text (split characters decoded together)."""
        vocab = self.vocab
        return display_tokens(ids, (vocab[int(i)] for i in ids), self.partial_tokens)

    @cached_property
    def logit_tables(self) -> dict[str, np.ndarray]:
        """The per-feature logit tables (top/bottom ids and values, histograms)."""
        path = self.path / "logits.safetensors"
        if not path.exists():
            raise StoreError(
                f"Hook {self.meta.hook!r} has no direct path to the logits that saewidgets knows, "
                "so this store has no logit weights. They need an SAE on the residual stream, "
                "on mlp.hook_post or on attn.hook_z (all heads)."
            )
        return map_safetensors(path)

    def seq_range(self, seq: int) -> tuple[int, int]:
        """[start, end) of sequence ``seq`` in ``tokens``."""
        seq = count_arg(seq, "seq (a sequence index)", 0, self.meta.n_seq - 1)
        return int(self.seq_offsets[seq]), int(self.seq_offsets[seq + 1])

    def __repr__(self) -> str:
        m = self.meta
        return (
            f"{type(self).__name__}({str(self.path)!r}, model={m.model_name!r}, hook={m.hook!r}, "
            f"d_sae={m.d_sae}, n_tokens={m.n_tokens})"
        )


def _bad_tokens(folder: Path) -> StoreError:
    return StoreError(
        f"{folder / 'tokens.bin'} holds token ids outside the vocabulary; the store is "
        "damaged. Copy the store again from its source, or harvest it again."
    )
