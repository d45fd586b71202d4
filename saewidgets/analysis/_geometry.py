"""Relations between features: decoder cosine, co-occurrence and output similarity.

Decoder cosine: cosine of decoder rows. Co-occurrence: on how many harvested tokens two
features both fire (count), Jaccard ``c / (n_i + n_j - c)`` and lift ``c N / (n_i n_j)`` (lift
corrects for how often each fires on its own; PMI = log lift). Output similarity: cosine of the
features' logit weights centred over the vocabulary, computed as ``o_i G o_jᵀ`` with the centred
Gram matrix ``G`` of the unembedding, never the d_sae x d_vocab matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from saewidgets._checks import finite_result
from saewidgets._errors import ArgumentError, StoreError, count_arg
from saewidgets.analysis._screen import screened_products

if TYPE_CHECKING:
    from saewidgets.store._reader import StoreFiles

BY = ("cosine", "cooccurrence", "output")


@dataclass(frozen=True)
class Geometry:
    """N x N relations between the selected ``features`` (rows and columns in that order)."""

    features: np.ndarray
    cosine: np.ndarray
    cooc_count: np.ndarray
    jaccard: np.ndarray
    lift: np.ndarray
    output_sim: np.ndarray

    def pairs(self) -> pd.DataFrame:
        """Long form, one row per unordered pair (a < b in selection order)."""
        i, j = np.triu_indices(len(self.features), k=1)
        return pd.DataFrame(
            {
                "feature_a": self.features[i],
                "feature_b": self.features[j],
                "cosine": self.cosine[i, j],
                "cooc_count": self.cooc_count[i, j],
                "jaccard": self.jaccard[i, j],
                "lift": self.lift[i, j],
                "output_sim": self.output_sim[i, j],
            }
        )


_DAMAGED = "the store's decoder weights are damaged (NaN/inf); harvest the store again."


def unit_decoder(store: StoreFiles) -> np.ndarray:
    """Decoder rows scaled to unit norm (zero rows stay zero); cached on the store."""
    return store.derived("unit_decoder", lambda: _unit_rows(store.weights["W_dec"]))


def _unit_rows(W: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(W, axis=1, keepdims=True)
    return W / np.where(n > 0, n, 1.0)


def output_vectors(store: StoreFiles) -> tuple[np.ndarray, np.ndarray]:
    """(W_out, W_out @ G): the two factors of the output-similarity product; cached."""
    return store.derived("output_vectors", lambda: _output_factors(store))


def output_norms(store: StoreFiles) -> np.ndarray:
    """Norm of each feature's output direction under the centred Gram metric (the norm of its
    centred logit weights): the store's ``out_norm`` column, computed for older stores; cached."""
    if "out_norm" in store.features:
        return store.features["out_norm"].to_numpy(np.float64)
    check_outputs(store)
    W = store.weights
    return store.derived("output_norms", lambda: output_norm_column(W["W_out"], W["gram"]))


def output_norm_column(W_out: np.ndarray, gram: np.ndarray, rows: int = 4096) -> np.ndarray:
    """float64 [d_sae]: ``sqrt(o_i G o_iᵀ)`` for each row of ``W_out``, ``rows`` at a time."""
    G = np.asarray(gram, dtype=np.float64)
    out = np.empty(len(W_out))
    for s in range(0, len(W_out), rows):
        O = np.asarray(W_out[s : s + rows], dtype=np.float64)
        out[s : s + rows] = _output_norms(O, O @ G)
    return out


def decoder_norms(store: StoreFiles) -> np.ndarray:
    """float64 [d_sae]: norm of each decoder row (the store's ``dec_norm`` column)."""
    if "dec_norm" in store.features:
        return store.features["dec_norm"].to_numpy(np.float64)
    return store.derived("dec_norm", lambda: _row_norms(store.weights["W_dec"]))


def output_row_norms(store: StoreFiles) -> np.ndarray:
    """float64 [d_sae]: Euclidean norm of each row of ``W_out`` (stored as ``W_out_norm`` since
    0.2, computed for older stores); cached."""
    if "W_out_norm" in store.weights:
        return store.weights["W_out_norm"].astype(np.float64)
    return store.derived("W_out_norm", lambda: _row_norms(store.weights["W_out"]))


def _row_norms(W: np.ndarray, rows: int = 16384) -> np.ndarray:
    out = np.empty(len(W))
    for s in range(0, len(W), rows):
        block = np.asarray(W[s : s + rows], dtype=np.float64)
        out[s : s + rows] = np.sqrt(np.einsum("ij,ij->i", block, block))
    return out


def _output_norms(O: np.ndarray, OG: np.ndarray) -> np.ndarray:
    return np.sqrt(np.maximum(np.einsum("ij,ij->i", OG, O), 0))


def check_outputs(store: StoreFiles) -> None:
    """Raise StoreError when the store has no output directions (no direct path to logits)."""
    if "W_out" not in store.weights:
        raise StoreError(
            f"Hook {store.meta.hook!r} has no known direct path to the logits, so output "
            "similarity is not defined for this store."
        )


def _output_factors(store: StoreFiles) -> tuple[np.ndarray, np.ndarray]:
    check_outputs(store)
    O, G = store.weights["W_out"].astype(np.float64), store.weights["gram"].astype(np.float64)
    return O, O @ G


def _output_sim(O_a: np.ndarray, OG_a: np.ndarray, O_b: np.ndarray, OG_b: np.ndarray) -> np.ndarray:
    num = OG_a @ O_b.T
    na, nb = _output_norms(O_a, OG_a), _output_norms(O_b, OG_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / np.outer(na, nb)


def indicator(store: StoreFiles, features: np.ndarray | None = None) -> sp.csr_matrix:
    """Sparse 0/1 matrix [n_tokens, d_sae] (or [n_tokens, len(features)]) of who fires where."""
    if features is None:
        ptr, feat = store.record.token_features()
        data = np.ones(len(feat), dtype=np.int32)
        return sp.csr_matrix((data, np.asarray(feat), ptr), shape=(store.n_tokens, store.d_sae))
    cols = [store.record.feature(int(f))[0] for f in features]
    lengths = np.asarray([len(c) for c in cols], dtype=np.int64)
    ptr = np.concatenate([[0], np.cumsum(lengths)])
    toks = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    data = np.ones(len(toks), dtype=np.int32)
    csc = sp.csc_matrix((data, toks, ptr), shape=(store.n_tokens, len(features)))
    return csc.tocsr()


def lift_and_jaccard(
    c: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, n_tokens: int
) -> tuple[np.ndarray, np.ndarray]:
    """Lift ``c N / (n_a n_b)`` and Jaccard ``c / (n_a + n_b - c)``; NaN where undefined."""
    c = c.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        prod = np.multiply.outer(n_a, n_b).astype(np.float64) if c.ndim == 2 else n_a * n_b
        union = (np.add.outer(n_a, n_b) if c.ndim == 2 else n_a + n_b) - c
        lift = np.where(prod > 0, c * n_tokens / prod, np.nan)
        jac = np.where(union > 0, c / union, np.nan)
    return lift, jac


def geometry(store: StoreFiles, ids: np.ndarray) -> Geometry:
    """Dense N x N relations for the features ``ids``."""
    D = _unit_rows(np.asarray(store.weights["W_dec"][ids], dtype=np.float64))
    cos = D @ D.T
    finite_result(cos, f"The decoder cosine of features {ids.tolist()}", _DAMAGED)
    M = indicator(store, ids)
    C = (M.T @ M).toarray().astype(np.int64)
    n = np.diag(C).copy()
    lift, jac = lift_and_jaccard(C, n, n, store.n_tokens)
    if "W_out" in store.weights:
        O = np.asarray(store.weights["W_out"][ids], dtype=np.float64)
        OG = O @ store.weights["gram"].astype(np.float64)
        out = _output_sim(O, OG, O, OG)
    else:
        out = np.full(cos.shape, np.nan)
    return Geometry(ids, cos, C, jac, lift, out)


def npmi(count: np.ndarray, lift: np.ndarray, n_tokens: int) -> np.ndarray:
    """Normalised PMI of co-firing pairs, ``log(lift) / -log(count / n_tokens)``: 1 for pairs
    that always fire together, 0 for independent ones, NaN where they never co-fire."""
    c = np.asarray(count, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = -np.log(c / n_tokens)
        out = np.where(h > 0, np.log(lift) / h, 1.0)
    return np.where(c > 0, out, np.nan)


def neighbours(store: StoreFiles, f: int, by: str, k: int, min_count: int = 3) -> pd.DataFrame:
    """Nearest ``k`` features to ``f`` by decoder cosine, co-occurrence lift, or output similarity.

    Co-occurrence ranks by normalised PMI, ``log(lift) / -log(c / N)`` in [-1, 1], among features
    that co-fire with ``f`` on at least ``min_count`` tokens: unlike raw lift it grows with the
    count ``c`` (lift 15.8 on 2 tokens is a coincidence; NPMI says so), and the frame carries
    ``count``, ``lift``, ``npmi`` and ``jaccard`` beside ``value`` (= the ranking measure).
    """
    if by not in BY:
        raise ArgumentError(f"by={by!r}: choose one of {', '.join(BY)}.")
    k = count_arg(k, "k")
    min_count = count_arg(min_count, "min_count")
    extra: dict[str, np.ndarray] = {}
    if by == "cosine":
        W, norm = store.weights["W_dec"], decoder_norms(store)
        finite_result(W[f], f"The decoder row of feature {f}", _DAMAGED)
        finite_result(norm, "The store's decoder norms", _DAMAGED)
        if norm[f] == 0:  # a zero decoder row: cosine 0 with every feature
            value = np.zeros(store.d_sae)
        else:
            with np.errstate(divide="ignore"):
                scale = np.where(norm > 0, 1.0 / (norm * norm[f]), 0.0)  # zero rows: cosine 0
            value = screened_products(W, W[f], scale, norm, k, f)
    elif by == "output":
        check_outputs(store)
        norm = output_norms(store)
        if norm[f] == 0:  # no output (on the centred logits): no output neighbours
            value = np.full(store.d_sae, np.nan)
        else:
            O = store.weights["W_out"]
            v = store.weights["gram"].astype(np.float64) @ np.asarray(O[f], dtype=np.float64)
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = 1.0 / (norm[f] * norm)
            value = screened_products(O, v, scale, output_row_norms(store), k, f)
    else:
        count = cooccurrence_counts(store, f)
        n = store.record.counts()  # over every token, as the co-occurrence counts
        lift, jac = lift_and_jaccard(count, np.full(len(n), n[f]), n, store.n_tokens)
        score = npmi(count, lift, store.n_tokens)
        value = np.where(count >= min_count, score, np.nan)
        extra = {"count": count, "lift": lift, "npmi": score, "jaccard": jac}
    value = np.asarray(value, dtype=np.float64).copy()
    value[f] = np.nan
    ok = np.nonzero(~np.isnan(value))[0]
    if len(ok) > k:  # only features at least as close as the k-th can be among the first k
        kth = -np.partition(-value[ok], k - 1)[k - 1]
        ok = ok[value[ok] >= kth]
    order = ok[np.lexsort((ok, -value[ok]))][:k]
    frame = pd.DataFrame({"feature": order, "value": value[order]})
    for name, arr in extra.items():
        frame[name] = arr[order]
    frame.attrs["by"] = by
    return frame


def cooccurrence_counts(store: StoreFiles, f: int) -> np.ndarray:
    """int64 [d_sae]: on how many tokens each feature fires together with ``f``."""
    toks, _ = store.record.feature(f)
    ptr, feat = store.record.token_features()
    starts, lens = ptr[toks], ptr[toks + 1] - ptr[toks]
    total = int(lens.sum())
    idx = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
    return np.bincount(np.asarray(feat[idx]), minlength=store.d_sae).astype(np.int64)
