"""Compare two SAEs on one model and hook: best matches by decoder cosine and by activation
correlation, a one-to-one assignment maximising total decoder cosine, and a summary table.

Decoder cosine is computed in blocks of A's features against all of B's, so memory stays
O(block x d_b). Activation correlation (Pearson, over the tokens both stores harvested) comes
from the two sparse records: the cross sums ``sum_t a_i(t) b_j(t)`` are a sparse product of A's
feature-major record with B's token-major one, block by block; no activation matrix is densified.

The assignment is exact (``scipy.optimize.linear_sum_assignment`` on the full cosine matrix) when
both widths are at most ``exact_limit``. Above that it is the optimal assignment restricted to
candidate pairs: each feature's ``candidates`` best partners from either side, solved exactly on
that sparse graph (``min_weight_full_bipartite_matching``); should the graph hold no full matching,
pairs are taken greedily from the candidates and the rest assigned exactly. Its gap is bounded:
``assignment_bound`` (the sum of the m best row maxima or column maxima, m = min(d_a, d_b), no
assignment can beat either) minus ``assignment_total``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp
from tqdm.auto import tqdm

from saewidgets._checks import count_arg, finite_result, flag_arg, sequence_arg
from saewidgets._errors import DataError, StoreError
from saewidgets.analysis._geometry import unit_decoder
from saewidgets.analysis._identity import check_same_model
from saewidgets.store._reader import StoreFiles

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore

#: Widths up to which the assignment is solved exactly on the dense cosine matrix.
EXACT_LIMIT = 4096
#: Match shares reported in the summary: features whose best match has cosine above these.
MATCH_THRESHOLDS = (0.9, 0.7, 0.5)


@dataclass(frozen=True)
class SAEComparison:
    """Two SAEs' features matched.

    - ``matches``: index = A's feature ids; ``match`` (B's feature of highest decoder cosine),
      ``cosine``; ``act_corr`` (Pearson correlation of the activations of the feature and its
      ``match`` over the shared tokens), ``act_match`` (B's feature of highest activation
      correlation, -1 when undefined) and ``act_match_corr``. The three activation columns are
      NaN / -1 unless both stores harvested the same tokens (``same_tokens``), and for dead
      features (no variance).
    - ``assignment``: one-to-one pairs maximising total decoder cosine: ``feature_a``,
      ``feature_b``, ``cosine``; min(d_a, d_b) rows. ``assignment_method`` says how it was found;
      ``assignment_total`` is its total cosine and ``assignment_bound`` an upper bound on the
      optimum (equal to the total when exact, up to ties).
    - ``summary``: one column per SAE (``names``): features, L0, dead / ultra-rare / dense
      fractions, median log10 density of live features, and the share of its features whose best
      match in the other SAE has decoder cosine above 0.9 / 0.7 / 0.5.
    - ``pair_densities``: the assignment's pairs with ``density_a`` and ``density_b`` (the
      matched-pairs density scatter).
    - ``store_a``, ``store_b``: the two stores compared (what ``sw.CompareView`` draws).
    """

    names: tuple[str, str]
    matches: pd.DataFrame
    reverse_matches: pd.DataFrame
    assignment: pd.DataFrame
    assignment_method: str
    assignment_total: float
    assignment_bound: float
    summary: pd.DataFrame
    pair_densities: pd.DataFrame
    same_tokens: bool
    store_a: FeatureStore = field(repr=False)
    store_b: FeatureStore = field(repr=False)


def compare(
    a: FeatureStore,
    b: FeatureStore,
    *,
    names: tuple[str, str] = ("A", "B"),
    exact_limit: int = EXACT_LIMIT,
    candidates: int = 8,
    block: int = 1024,
    progress: bool = True,
) -> SAEComparison:
    """Match the features of two stores of one model and hook (any widths and architectures)."""
    _check_pair(a, b)
    names = _names(names)
    exact_limit = count_arg(exact_limit, "exact_limit", 0)
    candidates = count_arg(candidates, "candidates", 1)
    block = count_arg(block, "block", 1)
    progress = flag_arg(progress, "progress")
    Ua, Ub = _unit_decoders(a, b, names)
    scan = _CosineScan(Ua, Ub, candidates, block, progress)
    same = (
        a.meta.dataset_fingerprint == b.meta.dataset_fingerprint
        and a.meta.n_tokens == b.meta.n_tokens
    )
    matches, reverse = _match_tables(a, b, scan, same, block, progress)
    assignment, method, bound = _assignment(Ua, Ub, scan, exact_limit, candidates)
    rows, cols = assignment["feature_a"].to_numpy(), assignment["feature_b"].to_numpy()
    densities = assignment.assign(
        density_a=a.features["density"].to_numpy()[rows],
        density_b=b.features["density"].to_numpy()[cols],
    )
    return SAEComparison(
        names=names,
        matches=matches,
        reverse_matches=reverse,
        assignment=assignment,
        assignment_method=method,
        assignment_total=float(assignment["cosine"].to_numpy().sum()),
        assignment_bound=float(bound),
        summary=_summary(a, b, scan.best, scan.col_best, names),
        pair_densities=densities,
        same_tokens=same,
        store_a=a,
        store_b=b,
    )


def _unit_decoders(
    a: FeatureStore, b: FeatureStore, names: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """The unit decoder rows of both stores (float32), refused where one is not finite."""
    Ua = unit_decoder(a).astype(np.float32)
    Ub = unit_decoder(b).astype(np.float32)
    for name, store, U in ((names[0], a, Ua), (names[1], b, Ub)):
        finite_result(
            U,
            f"The decoder of store {name} ({store.path})",
            "the store is damaged; harvest it again.",
        )
    return Ua, Ub


def _match_tables(
    a: FeatureStore, b: FeatureStore, scan: _CosineScan, same: bool, block: int, progress: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each feature's best match the other way (``matches`` for A, ``reverse`` for B); the
    activation correlations only where both stores saw the same tokens (NaN otherwise)."""
    act_corr = np.full(a.d_sae, np.nan)
    act_match = np.full(a.d_sae, -1, dtype=np.int64)
    act_match_corr = np.full(a.d_sae, np.nan)
    if same:
        act_corr, act_match, act_match_corr = _activation_matches(a, b, scan.match, block, progress)
    matches = pd.DataFrame(
        {
            "match": scan.match,
            "cosine": scan.best,
            "act_corr": act_corr,
            "act_match": act_match,
            "act_match_corr": act_match_corr,
        },
        index=pd.RangeIndex(a.d_sae, name="feature"),
    )
    reverse = pd.DataFrame(
        {"match": scan.col_match, "cosine": scan.col_best},
        index=pd.RangeIndex(b.d_sae, name="feature"),
    )
    return matches, reverse


def _assignment(
    Ua: np.ndarray, Ub: np.ndarray, scan: _CosineScan, exact_limit: int, candidates: int
) -> tuple[pd.DataFrame, str, float]:
    """The one-to-one assignment (``feature_a``, ``feature_b``, ``cosine``), how it was solved,
    and the bound on its total: the sum of the ``min(d_a, d_b)`` best cosines either way."""
    if max(len(Ua), len(Ub)) <= exact_limit:
        rows, cols = _exact_assignment(Ua, Ub)
        method = "exact (scipy linear_sum_assignment)"
    else:
        rows, cols = _candidate_assignment(Ua, Ub, scan)
        method = f"optimal over each feature's top {candidates} candidates from either side"
    cos = np.einsum("ij,ij->i", Ua[rows].astype(np.float64), Ub[cols].astype(np.float64))
    assignment = pd.DataFrame({"feature_a": rows, "feature_b": cols, "cosine": cos})
    m = min(len(Ua), len(Ub))
    bound = min(np.sort(scan.best)[::-1][:m].sum(), np.sort(scan.col_best)[::-1][:m].sum())
    return assignment, method, float(bound)


def _names(names: object) -> tuple[str, str]:
    """``names`` as two different non-empty strings."""
    pair = sequence_arg(names, "names")
    if len(pair) != 2 or not all(isinstance(n, str) and n for n in pair) or pair[0] == pair[1]:
        raise DataError(
            f"names must be two different non-empty strings, got {names!r}; e.g. ('16k', '65k')."
        )
    return (pair[0], pair[1])


def _check_pair(a: StoreFiles, b: StoreFiles) -> None:
    for name, store in (("a", a), ("b", b)):
        if not isinstance(store, StoreFiles):
            raise StoreError(
                f"compare needs two FeatureStores; {name} is a {type(store).__name__}. "
                "Open one with sw.FeatureStore.open(path)."
            )
    check_same_model([a, b], "compare")


class _CosineScan:
    """One blocked pass over the decoder cosine matrix [d_a, d_b]: each row's and column's best
    partner and value, and each row's and column's ``c`` best partners (the candidates)."""

    def __init__(self, Ua: np.ndarray, Ub: np.ndarray, c: int, block: int, progress: bool):
        d_a, d_b = len(Ua), len(Ub)
        c = max(1, min(c, d_a, d_b))
        self.match = np.zeros(d_a, np.int64)
        self.best = np.zeros(d_a, np.float64)
        self.row_cand = np.zeros((d_a, c), np.int64)
        self.col_best = np.full(d_b, -np.inf)
        self.col_match = np.zeros(d_b, np.int64)
        col_val = np.full((c, d_b), -np.inf, np.float32)
        col_idx = np.zeros((c, d_b), np.int64)
        starts = range(0, d_a, block)
        for s in tqdm(starts, desc="decoder cosine", disable=not progress, leave=False):
            S = Ua[s : s + block] @ Ub.T
            n = len(S)
            arg = S.argmax(1)
            self.match[s : s + n] = arg
            self.best[s : s + n] = S[np.arange(n), arg]
            self.row_cand[s : s + n] = np.argpartition(-S, c - 1, axis=1)[:, :c]
            top = np.argmax(S, 0)
            val = S[top, np.arange(d_b)]
            better = val > self.col_best
            self.col_best[better] = val[better]
            self.col_match[better] = top[better] + s
            k = min(c, n)
            part = np.argpartition(-S, k - 1, axis=0)[:k]
            vals = np.concatenate([col_val, np.take_along_axis(S, part, 0)])
            idx = np.concatenate([col_idx, part + s])
            keep = np.argpartition(-vals, c - 1, axis=0)[:c]
            col_val = np.take_along_axis(vals, keep, 0)
            col_idx = np.take_along_axis(idx, keep, 0)
        self.col_cand = col_idx.T  # [d_b, c]: rows of A
        self.col_cand_valid = np.isfinite(col_val.T)


def _exact_assignment(Ua: np.ndarray, Ub: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(Ua.astype(np.float64) @ Ub.T.astype(np.float64), True)
    return rows.astype(np.int64), cols.astype(np.int64)


def _candidate_assignment(
    Ua: np.ndarray, Ub: np.ndarray, scan: _CosineScan
) -> tuple[np.ndarray, np.ndarray]:
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    d_a, d_b = len(Ua), len(Ub)
    r1 = np.repeat(np.arange(d_a), scan.row_cand.shape[1])
    c1 = scan.row_cand.ravel()
    valid = scan.col_cand_valid.ravel()
    r2 = scan.col_cand.ravel()[valid]
    c2 = np.repeat(np.arange(d_b), scan.col_cand.shape[1])[valid]
    pairs = np.unique(np.stack([np.concatenate([r1, r2]), np.concatenate([c1, c2])]), axis=1)
    r, c = pairs
    w = np.einsum("ij,ij->i", Ua[r].astype(np.float64), Ub[c].astype(np.float64))
    graph = sp.csr_matrix((w + 2.0, (r, c)), shape=(d_a, d_b))  # > 0: every edge stored
    try:
        rows, cols = min_weight_full_bipartite_matching(graph, maximize=True)
    except ValueError:  # no full matching among the candidates
        return _greedy_then_exact(Ua, Ub, r, c, w)
    rows, cols = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    order = np.argsort(rows)
    return rows[order], cols[order]


def _greedy_then_exact(
    Ua: np.ndarray, Ub: np.ndarray, r: np.ndarray, c: np.ndarray, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs taken best-first while both ends are free; the rest assigned exactly."""
    from scipy.optimize import linear_sum_assignment

    free_a = np.ones(len(Ua), bool)
    free_b = np.ones(len(Ub), bool)
    rows, cols = [], []
    for k in np.argsort(-w, kind="stable"):
        i, j = r[k], c[k]
        if free_a[i] and free_b[j]:
            free_a[i] = free_b[j] = False
            rows.append(i)
            cols.append(j)
    left_a, left_b = np.flatnonzero(free_a), np.flatnonzero(free_b)
    if len(left_a) and len(left_b):
        S = Ua[left_a].astype(np.float64) @ Ub[left_b].T.astype(np.float64)
        lr, lc = linear_sum_assignment(S, maximize=True)
        rows += left_a[lr].tolist()
        cols += left_b[lc].tolist()
    out_r, out_c = np.asarray(rows, np.int64), np.asarray(cols, np.int64)
    order = np.argsort(out_r)
    return out_r[order], out_c[order]


def _csr_features(store: StoreFiles) -> sp.csr_matrix:
    """[d_sae, n_tokens] activations as CSR (the record's feature-major files, memory-mapped)."""
    folder = store.record.folder
    indptr = np.fromfile(folder / "feat_indptr.bin", dtype=np.int64)
    nnz = int(indptr[-1])
    tok = np.memmap(folder / "feat_token.bin", np.int64, "r") if nnz else np.zeros(0, np.int64)
    val = np.memmap(folder / "feat_value.bin", np.float32, "r") if nnz else np.zeros(0, np.float32)
    return sp.csr_matrix(
        (np.asarray(val, np.float64), np.asarray(tok), indptr), shape=(store.d_sae, store.n_tokens)
    )


def _csr_tokens(store: StoreFiles) -> sp.csr_matrix:
    """[n_tokens, d_sae] activations as CSR (the record's token-major files)."""
    ptr, feat = store.record.token_features()
    folder = store.record.folder
    nnz = int(ptr[-1])
    val = np.memmap(folder / "tok_value.bin", np.float32, "r") if nnz else np.zeros(0, np.float32)
    return sp.csr_matrix(
        (np.asarray(val, np.float64), np.asarray(feat, np.int64), ptr),
        shape=(store.n_tokens, store.d_sae),
    )


def _activation_matches(
    a: StoreFiles, b: StoreFiles, match: np.ndarray, block: int, progress: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pearson correlation of each A feature with its decoder match, and its best correlate."""
    n = a.n_tokens
    At, B = _csr_features(a), _csr_tokens(b)
    mean_a = np.asarray(At.sum(1)).ravel() / n
    var_a = np.asarray(At.multiply(At).sum(1)).ravel() / n - mean_a**2
    Bt = B.T.tocsr()
    mean_b = np.asarray(Bt.sum(1)).ravel() / n
    var_b = np.asarray(Bt.multiply(Bt).sum(1)).ravel() / n - mean_b**2
    sd_a = np.sqrt(np.maximum(var_a, 0))
    sd_b = np.sqrt(np.maximum(var_b, 0))
    corr_match = np.full(a.d_sae, np.nan)
    best = np.full(a.d_sae, -1, np.int64)
    best_corr = np.full(a.d_sae, np.nan)
    starts = range(0, a.d_sae, block)
    for s in tqdm(starts, desc="activation correlation", disable=not progress, leave=False):
        cross = (At[s : s + block] @ B).toarray() / n
        rows = np.arange(s, min(s + block, a.d_sae))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = (cross - np.outer(mean_a[rows], mean_b)) / np.outer(sd_a[rows], sd_b)
        corr[:, sd_b == 0] = np.nan
        corr[sd_a[rows] == 0] = np.nan
        corr_match[rows] = corr[np.arange(len(rows)), match[rows]]
        live = np.isfinite(corr).any(1)
        arg = np.where(live, np.argmax(np.where(np.isfinite(corr), corr, -np.inf), 1), -1)
        best[rows] = arg
        best_corr[rows[live]] = corr[np.flatnonzero(live), arg[live]]
    return np.clip(corr_match, -1, 1), best, np.clip(best_corr, -1, 1)


def _summary(
    a: StoreFiles,
    b: StoreFiles,
    best_a: np.ndarray,
    best_b: np.ndarray,
    names: tuple[str, str],
) -> pd.DataFrame:
    columns = {}
    for name, store, best in ((names[0], a, best_a), (names[1], b, best_b)):
        f = store.features
        live = ~f["dead"].to_numpy(bool)
        row: dict[str, float] = {
            "features": float(store.d_sae),
            "L0": float(f["count"].sum() / store.meta.n_counted),
            "dead": float(f["dead"].mean()),
            "ultra_rare": float(f["ultra_rare"].mean()),
            "dense": float(f["dense"].mean()),
            "median_log10_density": float(np.median(f["log10_density"][live]))
            if live.any()
            else float("nan"),
        }
        for t in MATCH_THRESHOLDS:
            row[f"matched_above_{t}"] = float((best > t).mean())
        columns[name] = row
    return pd.DataFrame(columns)
