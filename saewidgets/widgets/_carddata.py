"""The per-feature data a FeatureCard shows, packed compactly for the comm and for exports.

Everything comes from the FeatureStore's analysis methods; nothing is recomputed here. Example
tokens travel as indices into a per-feature list of unique token strings (uint16) and the
activations as float32, all as binary leaves, so one feature's card costs a few kilobytes.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._errors import AnnotationError, DataError, StoreError
from saewidgets.analysis._examples import example_rows
from saewidgets.widgets._codecs import array_to_json
from saewidgets.widgets._columns import numeric_columns, three_digits

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotation, Annotations

FLAG_COLUMNS = ("dead", "ultra_rare", "dense")
#: The annotation fields a card can edit.
EDITABLE = ("label", "status", "tags", "note")
NEIGHBOUR_KINDS = ("cosine", "cooccurrence", "output")
N_TOP = 20
N_INTERVALS = 10
PER_INTERVAL = 5
N_LOGITS = 10
N_NEIGHBOURS = 10
HIST_BINS = 40
#: Top examples in a compact card (kernel-free exports of every feature).
COMPACT_TOP = 5
#: Tokens before and after an example's peak (``FeatureStore.top_examples``' default).
TOP_WINDOW = (12, 4)


def _number(x: Any) -> float | int | None:
    """A JSON-safe scalar: NaN and infinities become None."""
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    value = float(x)
    return value if math.isfinite(value) else None


@functools.lru_cache(maxsize=8)
def _stat_arrays(store: FeatureStore) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The numeric columns and the flags of ``store.features`` as arrays (read once per store,
    not once per card: exports read thousands of rows)."""
    features = store.features
    numeric = {c.name: features[c.name].to_numpy() for c in numeric_columns(features)}
    flags = {c: features[c].to_numpy() for c in FLAG_COLUMNS if c in features.columns}
    return numeric, flags


def stats(store: FeatureStore, f: int) -> dict[str, Any]:
    """The feature's row of ``store.features``: every numeric column and the flags."""
    numeric, flags = _stat_arrays(store)
    i = store.features.index.get_loc(f)
    out: dict[str, Any] = {name: _number(values[i]) for name, values in numeric.items()}
    out.update({name: bool(values[i]) for name, values in flags.items()})
    return out


def card_columns(store: FeatureStore) -> list[dict[str, Any]]:
    """The schema of the columns the card's header shows, in order (``_columns``)."""
    return [c.to_json() for c in numeric_columns(store.features) if c.card]


def _sparse(values: np.ndarray) -> dict[str, Any]:
    """``{n, value}`` (dense) or ``{n, index, value}`` (non-zero entries), whichever is smaller."""
    nz = np.flatnonzero(values)
    index_dtype = np.uint16 if len(values) < 2**16 else np.int32
    if len(nz) * (4 + np.dtype(index_dtype).itemsize) >= len(values) * 4:
        return {"n": len(values), "value": array_to_json(values)}
    return {
        "n": len(values),
        "index": array_to_json(nz.astype(index_dtype)),
        "value": array_to_json(values[nz]),
    }


def examples(
    store: FeatureStore, f: int, n_top: int = N_TOP, quantiles: bool = True
) -> dict[str, Any]:
    """Top and quantile-interval examples as flat arrays (``group`` -1 = top, else interval;
    ``special``: the tokens left out of the statistics, by index into ``tok``)."""
    quant = (
        store.quantile_examples(f, n_intervals=N_INTERVALS, per_interval=PER_INTERVAL)
        if quantiles
        else pd.DataFrame()
    )
    if len(quant):
        top = store.top_examples(f, n=n_top)
        rows = pd.concat([top.assign(interval=-1), quant], ignore_index=True)
    else:  # no frame (compact cards: one per feature of a wide SAE in one export)
        rows = _top_rows(store, f, n_top)
        rows["interval"] = np.full(len(rows["seq"]), -1)
    strings: dict[str, int] = {}
    tok: list[int] = []
    acts: list[float] = []
    lengths: list[int] = []
    for tokens, values in zip(rows["tokens"], rows["acts"], strict=True):
        tok += [strings.setdefault(t, len(strings)) for t in tokens]
        acts += list(values)
        lengths.append(len(tokens))
    index_dtype = np.uint16 if len(strings) < 2**16 else np.int32
    intervals = []
    if len(quant):
        for i, g in quant.groupby("interval", sort=False):
            lo, hi = float(g["lo"].iloc[0]), float(g["hi"].iloc[0])
            n = int(g["n_in_interval"].iloc[0])
            intervals.append({"interval": int(i), "lo": lo, "hi": hi, "n": n})
    return {
        "strings": list(strings),
        "tok": array_to_json(np.asarray(tok, index_dtype)),
        "acts": _sparse(np.asarray(acts, np.float32)),
        "length": array_to_json(np.asarray(lengths, np.uint16)),
        "max_index": array_to_json(np.asarray(rows["max_index"], np.uint16)),
        "group": array_to_json(np.asarray(rows["interval"], np.int8)),
        "seq": array_to_json(np.asarray(rows["seq"], np.int32)),
        "pos": array_to_json(np.asarray(rows["pos"], np.int32)),
        "special": array_to_json(special_positions(store, rows["seq"], rows["start"], lengths)),
        "intervals": intervals,
    }


def _top_rows(store: FeatureStore, f: int, n: int) -> dict[str, Any]:
    """The columns of ``store.top_examples(f, n)`` as arrays and lists, without a frame."""
    val, tok = store.accumulators["top_val"][f], store.accumulators["top_tok"][f]
    keep = tok >= 0
    return example_rows(store, f, tok[keep][:n], val[keep][:n], TOP_WINDOW)


def special_positions(
    store: FeatureStore, seqs: Any, starts: Any, lengths: list[int]
) -> np.ndarray:
    """int32: the indices into the flat example tokens of those the store's statistics leave
    out (``meta.excluded_token_ids``: BOS, EOS, PAD, ...), drawn greyed in context."""
    excluded = np.asarray(store.meta.excluded_token_ids, np.int64)
    if len(excluded) == 0 or not lengths:
        return np.zeros(0, np.int32)
    first = store.seq_offsets[np.asarray(seqs, np.int64)] + np.asarray(starts, np.int64)
    n = np.asarray(lengths, np.int64)
    flat = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n) + np.repeat(first, n)
    return np.flatnonzero(np.isin(store.tokens[flat], excluded)).astype(np.int32)


def histogram(store: FeatureStore, f: int) -> dict[str, Any]:
    """Equal-width histogram of the non-zero activations over ``(0, max]``."""
    hist = store.histogram(f, bins=HIST_BINS)
    return {"edges": array_to_json(hist.edges), "counts": array_to_json(hist.counts)}


def logits(store: FeatureStore, f: int) -> dict[str, Any]:
    """Top and bottom logit weights (direct path) and their histogram, or ``{"error": ...}``."""
    try:
        lw = store.logit_weights(f, k=N_LOGITS)
    except StoreError as exc:
        return {"error": str(exc)}
    return {
        "top_tokens": list(lw.top_tokens),
        "top_values": array_to_json(lw.top_values),
        "bottom_tokens": list(lw.bottom_tokens),
        "bottom_values": array_to_json(lw.bottom_values),
        "hist_edges": array_to_json(lw.hist_edges),
        "hist_counts": array_to_json(lw.hist_counts),
    }


def neighbours(store: FeatureStore, f: int) -> dict[str, Any]:
    """Nearest features by each measure: ``{kind: {feature, value[, count]}}`` or an error."""
    out: dict[str, Any] = {}
    for kind in NEIGHBOUR_KINDS:
        try:
            frame = store.neighbours(f, by=kind, k=N_NEIGHBOURS)
        except StoreError as exc:
            out[kind] = {"error": str(exc)}
            continue
        entry = {
            "feature": array_to_json(frame["feature"].to_numpy(np.int32)),
            "value": array_to_json(frame["value"].to_numpy(np.float32)),
        }
        if "count" in frame:
            entry["count"] = array_to_json(frame["count"].to_numpy(np.int32))
        out[kind] = entry
    return out


def compact_payload(store: FeatureStore, f: int) -> dict[str, Any]:
    """A small card for kernel-free exports of many features: stats (exact), histogram, the top
    ``COMPACT_TOP`` examples and the logit weights (no quantile examples, no neighbours), their
    float arrays at the 3 significant digits the card shows (``screen_precision``)."""
    skipped = {"error": "not in this export's compact card (export the feature in full)"}
    return {
        "feature": f,
        "stats": stats(store, f),
        "hist": screen_precision(histogram(store, f)),
        "examples": screen_precision(examples(store, f, n_top=COMPACT_TOP, quantiles=False)),
        "logits": screen_precision(logits(store, f)),
        "neighbours": {kind: dict(skipped) for kind in NEIGHBOUR_KINDS},
        "annotation": None,
        "labels": {},
        "explanations": [],
    }


def screen_precision(value: Any) -> Any:
    """``value`` with every float32 wire array (``array_to_json``) rounded by ``three_digits``:
    each still shows as the 3 significant digits of the exact value, and compresses."""
    if isinstance(value, dict) and value.get("dtype") == "float32" and "data" in value:
        exact = np.frombuffer(bytes(value["data"]), np.float32)
        return {**value, "data": memoryview(three_digits(exact).tobytes())}
    if isinstance(value, dict):
        return {k: screen_precision(v) for k, v in value.items()}
    return value


def neighbour_ids(payload: dict[str, Any]) -> list[int]:
    """The feature ids listed in a payload's neighbour lists (in order, without repeats)."""
    ids: dict[int, None] = {}
    for entry in payload["neighbours"].values():
        if "feature" in entry:
            data = entry["feature"]
            arr = np.frombuffer(bytes(data["data"]), dtype=data["dtype"])
            ids.update((int(i), None) for i in arr)
    return list(ids)


def annotation_dict(a: Annotation | None) -> dict[str, Any] | None:
    """The editable fields of an annotation (None when the feature has none)."""
    if a is None:
        return None
    return {"label": a.label or "", "status": a.status, "tags": list(a.tags), "note": a.note or ""}


def explanation_list(annotations: Annotations, store: FeatureStore, f: int) -> list[dict[str, Any]]:
    """The LLM explanations of ``f`` stored in ``annotations``, best detection score first: model,
    explanation and each method's score, baseline and example count (None where not scored)."""
    frame = annotations.explanations(store)
    frame = frame[frame["feature"] == f].sort_values(
        "detection", ascending=False, na_position="last"
    )
    keys = ["model", "explanation"]
    keys += [f"{m}{s}" for m in ("detection", "fuzz") for s in ("", "_baseline", "_n")]
    return [
        {
            k: (None if isinstance(v, float) and v != v else v)
            for k, v in zip(keys, row, strict=True)
        }
        for row in frame[keys].itertuples(index=False)
    ]


def neuronpedia_url(store: FeatureStore, f: int) -> str | None:
    """The feature's Neuronpedia page when the SAE's config names a Neuronpedia id (SAELens
    releases do: ``metadata.neuronpedia_id``, e.g. ``gpt2-small/8-res-jb``); a link only."""
    cfg = store.meta.sae_config if isinstance(store.meta.sae_config, dict) else {}
    meta = cfg.get("metadata")
    np_id = (meta.get("neuronpedia_id") if isinstance(meta, dict) else None) or cfg.get(
        "neuronpedia_id"
    )
    if not isinstance(np_id, str) or not re.fullmatch(r"[\w.\-]+/[\w.\-]+", np_id):
        return None
    return f"https://www.neuronpedia.org/{np_id}/{f}"


def feature_payload(
    store: FeatureStore, f: int, annotations: Annotations | None = None
) -> dict[str, Any]:
    """Everything the card shows for feature ``f`` (labels of ``f`` and its neighbours too)."""
    payload: dict[str, Any] = {
        "feature": f,
        "stats": stats(store, f),
        "hist": histogram(store, f),
        "examples": examples(store, f),
        "logits": logits(store, f),
        "neighbours": neighbours(store, f),
        "annotation": None,
        "labels": {},
        "explanations": [],
        "neuronpedia": neuronpedia_url(store, f),
    }
    if annotations is not None:
        payload["annotation"] = annotation_dict(annotations.get(store, f))
        payload["explanations"] = explanation_list(annotations, store, f)
        every = annotations.labels(store)
        shown = [f, *neighbour_ids(payload)]
        payload["labels"] = {str(i): every[i] for i in shown if i in every}
    return payload


class CardService:
    """Answers the card requests of every widget showing one store: a feature's data
    (:func:`feature_payload`) and annotation saves, telling listeners of each save."""

    def __init__(self, store: FeatureStore, annotations: Annotations | None = None) -> None:
        from saewidgets.annotations._annotations import Annotations

        if annotations is not None and not isinstance(annotations, Annotations):
            raise AnnotationError(
                f"annotations= takes an sw.Annotations, got {type(annotations).__name__}; "
                "pass annotations=sw.Annotations('notes.db')."
            )
        self.store, self.annotations = store, annotations
        self._listeners: list[Callable[[int], None]] = []

    def payload(self, feature: int) -> dict[str, Any]:
        """The card data of ``feature`` (checked against the store)."""
        f = self.store.check_feature(feature)
        return feature_payload(self.store, f, self.annotations)

    def compact(self, feature: int) -> dict[str, Any]:
        """The compact card of ``feature`` (:func:`compact_payload`) with its annotation."""
        f = self.store.check_feature(feature)
        payload = compact_payload(self.store, f)
        if self.annotations is not None:
            payload["annotation"] = annotation_dict(self.annotations.get(self.store, f))
            payload["explanations"] = explanation_list(self.annotations, self.store, f)
            label = self.labels().get(str(f))
            payload["labels"] = {} if label is None else {str(f): label}
        return payload

    def annotate(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Save ``{"feature", "label"?, "status"?, "tags"?, "note"?}``; listeners run after."""
        if self.annotations is None:
            raise DataError("this view has no Annotations; pass annotations=sw.Annotations(path)")
        f = self.store.check_feature(msg["feature"])
        fields = {k: msg[k] for k in EDITABLE if k in msg}
        saved = self.annotations.set(self.store, f, **fields)
        for listener in list(self._listeners):
            listener(f)
        return {"feature": f, "annotation": annotation_dict(saved)}

    def on_annotated(self, listener: Callable[[int], None]) -> None:
        """Call ``listener(feature)`` after every saved annotation."""
        self._listeners.append(listener)

    def labels(self) -> dict[str, str]:
        """Labels by feature id (keys are ids as strings), as the widgets' ``labels`` traits."""
        if self.annotations is None:
            return {}
        return {str(k): v for k, v in self.annotations.labels(self.store).items()}
