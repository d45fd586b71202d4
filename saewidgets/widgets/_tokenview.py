"""TokenView: text coloured by the activations of a few SAE features."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np
import traitlets

from saewidgets._checks import flag_arg, int_arg, int_list, text_arg
from saewidgets._errors import DataError, FeatureIndexError
from saewidgets.widgets._attribution import AttributionAnswers, AttributionRequests
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._codecs import NDArray

#: How many of the most active features a tooltip lists for a token.
TOP_K = 5
#: Features drawn in the static snapshot, one row of tokens each.
SNAPSHOT_FEATURES = 3


class _EncodesText(Protocol):
    """What TokenView needs from a ``Lens``."""

    def encode(self, text: str) -> Any: ...

    def to_str_tokens(self, text: str) -> list[str]: ...


def _numpy(acts: Any) -> np.ndarray:
    """A float32 array from a NumPy array or a torch tensor (without importing torch)."""
    if hasattr(acts, "detach"):
        acts = acts.detach().float().cpu().numpy()
    return np.asarray(acts, dtype=np.float32)


def _most_active(full: np.ndarray, ids: np.ndarray, n: int) -> list[int]:
    """Ids of the ``n`` features with the highest maximum activation (ties: higher sum)."""
    if full.shape[0] == 0:
        return []
    peak, total = full.max(axis=0), full.sum(axis=0)
    order = np.lexsort((-total, -peak))
    return [int(ids[c]) for c in order[:n] if peak[c] > 0]


def _top_features(full: np.ndarray, ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per token, the ``k`` largest activations (descending) and their feature ids."""
    k = min(k, full.shape[1])
    if k == 0:
        empty = np.zeros((full.shape[0], 0))
        return empty.astype(np.int32), empty.astype(np.float32)
    cols = np.argpartition(-full, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(full, cols, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    cols, vals = np.take_along_axis(cols, order, axis=1), np.take_along_axis(vals, order, axis=1)
    return ids[cols].astype(np.int32), vals.astype(np.float32)


def _bos_first(lens: Any) -> bool:
    """Whether the Lens puts BOS before every text: it prepends BOS and its tokenizer has one
    (a Hugging Face tokenizer without BOS, as Qwen's, gets nothing prepended)."""
    return (
        bool(getattr(lens, "prepend_bos", False)) and getattr(lens, "bos_token_id", 0) is not None
    )


def _special_positions(lens: Any, text: str) -> list[int]:
    """Positions of the Lens's special tokens (``special_token_ids()``) in ``text``'s tokens;
    none for a Lens-like object without token ids."""
    if not (hasattr(lens, "to_tokens") and hasattr(lens, "special_token_ids")):
        return []
    ids = np.asarray(lens.to_tokens(text)[0]).ravel()
    return np.flatnonzero(np.isin(ids, np.asarray(lens.special_token_ids(), np.int64))).tolist()


class TokenView(AttributionRequests):
    """Text coloured by SAE feature activations; hover a token for its values and top features."""

    _esm = bundle("tokenview")
    _no_lens = "this TokenView has no Lens; build it with TokenView(lens, text)"
    _attributions: AttributionAnswers | None

    tokens = traitlets.List(traitlets.Unicode()).tag(sync=True)
    """Token strings, in order."""

    features = traitlets.List(traitlets.Int()).tag(sync=True)
    """Ids of the shown features, in colour order (the columns of ``acts``)."""

    acts = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [n_tokens, len(features)]: each shown feature's activation at each token."""

    top_ids = NDArray(ndim=2, default_value=np.zeros((0, 0), np.int32))
    """int32 [n_tokens, k]: ids of the k (<= 5) most active features at each token, best first."""

    top_vals = NDArray(ndim=2, default_value=np.zeros((0, 0), np.float32))
    """float32 [n_tokens, k]: the activations matching ``top_ids``."""

    labels = traitlets.Dict(key_trait=traitlets.Unicode(), value_trait=traitlets.Unicode()).tag(
        sync=True
    )
    """Optional human labels by feature id (keys are ids as strings), shown next to the ids."""

    focus = traitlets.Int(None, allow_none=True).tag(sync=True)
    """Feature the text is coloured by; None colours each token by its strongest shown feature."""

    selected_token = traitlets.Int(-1).tag(sync=True)
    """Index of the token last clicked in the view (-1: none); set from the browser."""

    text = traitlets.Unicode("").tag(sync=True)
    """The text shown; with a Lens, setting it (here or in the view's text box) re-runs it."""

    bos = traitlets.Bool(False).tag(sync=True)
    """The first token is BOS: drawn grey and left out of the colour scale and of the choice of
    default features (its activations are often far above the rest and would wash them out)."""

    special = traitlets.List(traitlets.Int()).tag(sync=True)
    """Positions of special tokens (BOS, EOS, PAD, ... anywhere in the text; the Lens's
    ``special_token_ids()``, which ``harvest`` leaves out of the statistics): drawn grey and,
    like ``bos``, left out of the colour scale and of the choice of default features."""

    live = traitlets.Bool(False).tag(sync=True)
    """Whether the view shows an editable text box that re-runs the Lens (needs a Lens)."""

    attributable = traitlets.Bool(False).tag(sync=True)
    """Whether clicking a token lists the features ranked by attribution for the next-token
    prediction there, each with a one-click exact ablation (needs a Lens)."""

    open_feature = traitlets.Int(-1).tag(sync=True)
    """Feature last clicked in the attribution list (-1: none); set from the browser, so a
    notebook can observe it and open that feature's card."""

    def __init__(
        self,
        lens: _EncodesText,
        text: str,
        features: Sequence[int] | None = None,
        *,
        n_features: int = 5,
        labels: dict[int, str] | None = None,
        live: bool = True,
    ) -> None:
        if not (hasattr(lens, "encode") and hasattr(lens, "to_str_tokens")):
            raise DataError(
                f"TokenView needs an sw.Lens, got {type(lens).__name__}; without one use "
                "TokenView.from_arrays(tokens, acts)."
            )
        self._setup(features, n_features, labels)
        self._lens: _EncodesText | None = lens
        self.bos = _bos_first(lens)
        if hasattr(lens, "attribute") and hasattr(lens, "ablate"):
            self._attributions = AttributionAnswers(lens)  # type: ignore[arg-type]
            self.attributable = True
        self.live = flag_arg(live, "live")
        self.text = text_arg(text, "text")

    @classmethod
    def from_arrays(
        cls,
        tokens: Sequence[str],
        acts: Any,
        feature_ids: Sequence[int] | None = None,
        *,
        features: Sequence[int] | None = None,
        n_features: int = 5,
        labels: dict[int, str] | None = None,
        bos: bool = False,
        special: Sequence[int] = (),
    ) -> TokenView:
        """A view of precomputed activations, no Lens: ``acts`` is [pos, d_sae], or
        [pos, len(feature_ids)] when ``feature_ids`` names its columns; ``bos``: the first
        token is BOS, ``special``: positions of other special tokens (both drawn grey)."""
        view = cls.__new__(cls)
        view._setup(features, n_features, labels)
        view._lens = None
        view.bos = flag_arg(bos, "bos")
        full = _numpy(acts)
        if full.ndim != 2:
            raise DataError(f"acts must be 2-D [pos, features], got shape {full.shape}")
        ids = np.arange(full.shape[1]) if feature_ids is None else np.asarray(feature_ids, int)
        if ids.shape != (full.shape[1],):
            raise DataError(f"{len(ids)} feature_ids given for {full.shape[1]} columns of acts")
        at = int_list(special, "special", 0)
        if any(p >= len(tokens) for p in at):
            raise DataError(
                f"special has positions {[p for p in at if p >= len(tokens)][:5]}, past the "
                f"{len(tokens)} tokens; pass positions of tokens (0 is the first)."
            )
        view._load(list(tokens), full, ids, at)
        view.text = "".join(tokens)
        return view

    def _setup(
        self, features: Sequence[int] | None, n_features: int, labels: dict[int, str] | None
    ) -> None:
        n_features = int_arg(n_features, "n_features", 1)
        chosen = None if features is None else int_list(features, "features", 0)
        SaeWidget.__init__(self, labels={str(k): str(v) for k, v in (labels or {}).items()})
        self._n_features = n_features
        self._chosen = chosen
        self._full = np.zeros((0, 0), np.float32)
        self._ids = np.zeros(0, int)
        self._loading = False
        self._attributions = None

    def _load(
        self, tokens: list[str], full: np.ndarray, ids: np.ndarray, special: Sequence[int] = ()
    ) -> None:
        """Show ``full`` [pos, n_cols] (column c is feature ``ids[c]``) over ``tokens``, with
        the tokens at ``special`` (and BOS) drawn grey."""
        if len(tokens) != full.shape[0]:
            raise DataError(f"{len(tokens)} tokens but activations for {full.shape[0]} positions")
        if not np.isfinite(full).all():
            raise DataError("activations contain NaN or infinite values")
        grey = sorted({*special, *([0] if self.bos and len(tokens) else [])})
        counted = np.delete(full, grey, axis=0)  # special tokens never pick the features
        shown = self._chosen or _most_active(counted, ids, self._n_features)
        top_ids, top_vals = _top_features(full, ids, TOP_K)
        self._full, self._ids = full, ids
        self._loading = True
        try:
            with self.hold_sync():
                self.tokens = tokens
                self.special = grey
                self.features = shown
                self.top_ids, self.top_vals = top_ids, top_vals
                self.selected_token = -1
                self.error = ""
        finally:
            self._loading = False
        self._slice()

    def _slice(self) -> None:
        """Refresh ``acts`` from the held activations for the current ``features``."""
        index = {int(f): c for c, f in enumerate(self._ids)}
        missing = [f for f in self.features if f not in index]
        if missing:
            raise FeatureIndexError(f"features {missing} are not in this view's activations")
        cols = [index[f] for f in self.features]
        self.acts = self._full[:, cols]
        if self.focus is not None and self.focus not in self.features:
            self.focus = None

    @traitlets.observe("features")
    def _on_features(self, change: dict[str, Any]) -> None:
        if not self._loading:
            self._chosen = list(change["new"])
            self._slice()

    @traitlets.observe("text")
    def _on_text(self, change: dict[str, Any]) -> None:
        if self._lens is None or self._loading:
            return
        try:
            tokens = [str(t) for t in self._lens.to_str_tokens(change["new"])]
            full = _numpy(self._lens.encode(change["new"]))
            ids = np.arange(full.shape[1]) if full.ndim == 2 else np.zeros(0)
            self._load(tokens, full, ids, _special_positions(self._lens, change["new"]))
        except Exception as exc:
            self._loading = True
            try:
                self.text = change["old"]  # keep text and activations consistent
            finally:
                self._loading = False
            self.error = f"{type(exc).__name__}: {exc}"
            raise

    def _summary(self) -> str:
        shown = ", ".join(f"#{f}" for f in self.features) or "none"
        return f"TokenView — {len(self.tokens):,} tokens; features {shown}"

    def _snapshot_html(self) -> str:
        from saewidgets.widgets.export._snapshot import box, esc, fmt, note, token_spans

        acts = np.asarray(self.acts, float)
        rows = []
        for c, f in enumerate(self.features[:SNAPSHOT_FEATURES]):
            column = acts[:, c]
            scaled = np.delete(column, self.special)
            top = float(scaled.max()) if len(scaled) else 0.0
            label = self.labels.get(str(f))
            name = f"#{f}" + (f" {label}" if label else "")
            rows.append(
                f'<div style="margin-top:4px"><b>{esc(name)}</b> '
                f'<span style="color:#656d76">max {fmt(top)}</span></div>'
                + token_spans(self.tokens, list(column), top, set(self.special))
            )
        if not rows:
            rows.append(note("no feature fires on this text"))
        return box("TokenView", self._summary(), *rows)

    @request
    def run(self, msg: dict[str, Any]) -> dict[str, int]:
        """Live mode: run new text from the view's text box through the Lens."""
        if self._lens is None:
            raise DataError("this TokenView has no Lens; build it with TokenView(lens, text)")
        self.text = str(msg["text"])
        return {"n_tokens": len(self.tokens)}

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        return [] if self._attributions is None else self._attributions.recorded()
