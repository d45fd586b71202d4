"""Neuronpedia upload batches: every feature (or a chosen subset) as the records of the
``neuronpedia`` package's ``Feature`` dataclass (density, top and bottom logits, explanations,
activations with tokens, values and quantile min/max/fraction), written in JSON files of
``batch_size`` features each, so memory is bounded by one batch."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from saewidgets._errors import ArgumentError, StoreError, count_arg

FeatureStore = Any  # a saewidgets FeatureStore (not imported: it imports this module)

N_TOP, N_INTERVALS, PER_INTERVAL, N_LOGITS = 20, 10, 5, 10


def to_neuronpedia(
    store: FeatureStore,
    folder: str | os.PathLike[str],
    model_id: str,
    source: str,
    annotations: Any = None,
    features: Sequence[int] | None = None,
    batch_size: int = 128,
) -> list[Path]:
    """Write ``batch-00000.json``, ... into the new (or empty) ``folder``, then the scores of
    the explanations exported (``explanation-scores.json``, when any); return their paths."""
    out = _new_folder(folder)
    for name, value in (("model_id", model_id), ("source", source)):
        if not isinstance(value, str) or not value:
            raise ArgumentError(
                f"{name} is Neuronpedia's id string (e.g. 'gpt2-small'), got {value!r}."
            )
    batch_size = count_arg(batch_size, "batch_size")
    ids = range(store.d_sae) if features is None else [store.check_feature(f) for f in features]
    explained = _explanations(store, annotations)
    paths = []
    batches = _chunks(ids, batch_size)
    for i, batch in enumerate(tqdm(batches, total=-(-len(ids) // batch_size), desc="neuronpedia")):
        records = [feature_record(store, f, model_id, source, explained.get(f, [])) for f in batch]
        paths.append(_write_json(out / f"batch-{i:05d}.json", records))
    scores = _scores(store, annotations, set(ids), model_id, source)
    if scores:
        paths.append(_write_json(out / "explanation-scores.json", scores))
    return paths


def _scores(
    store: FeatureStore, annotations: Any, ids: set[int], model_id: str, source: str
) -> list[dict[str, Any]]:
    """One record per scored explanation and method: the explanation (index, text, model) with
    the method, its score (``value``), the baseline's and the example count. Neuronpedia's
    ``Explanation`` has no score field, so they sit in a file of their own."""
    if annotations is None:
        return []
    out = []
    for row in annotations.explanations(store).itertuples():
        if int(row.feature) not in ids:
            continue
        for m in ("detection", "fuzz"):
            value = getattr(row, m)
            if value == value:  # scored
                out.append(
                    {
                        "modelId": model_id,
                        "source": source,
                        "index": int(row.feature),
                        "text": row.explanation,
                        "explainer_model": row.model,
                        "method": m,
                        "value": float(value),
                        "baseline": _finite(getattr(row, f"{m}_baseline")),
                        "n": int(getattr(row, f"{m}_n")),
                    }
                )
    return out


def feature_record(
    store: FeatureStore, f: int, model_id: str, source: str, explanations: list[dict[str, Any]]
) -> dict[str, Any]:
    """One feature as the fields of ``neuronpedia.np_feature.Feature``."""
    base = {"modelId": model_id, "source": source, "index": f}
    top, bottom = _logits(store, f)
    return {
        **base,
        "density": float(store.features["density"].iat[f]),
        "top_logits": top,
        "bottom_logits": bottom,
        "explanations": [{**base, **e} for e in explanations] or None,
        "activations": [{**base, **a} for a in activations(store, f)] or None,
    }


def activations(store: FeatureStore, f: int) -> list[dict[str, Any]]:
    """Top examples (one bin: their min and max, fraction = examples / firings), then the
    quantile examples (each interval's bounds and its share of the firings)."""
    count = int(store.features["count"].iat[f])
    if count == 0:
        return []
    top = store.top_examples(f, n=N_TOP)
    out = [
        _activation(row, float(top["act"].min()), float(top["act"].max()), len(top) / count)
        for row in top.itertuples()
    ]
    q = store.quantile_examples(f, n_intervals=N_INTERVALS, per_interval=PER_INTERVAL)
    for row in q.itertuples():
        out.append(_activation(row, float(row.lo), float(row.hi), row.n_in_interval / count))
    return out


def _activation(row: Any, lo: float, hi: float, fraction: float) -> dict[str, Any]:
    return {
        "tokens": [str(t) for t in row.tokens],
        "values": [float(v) for v in row.acts],
        "quantileMin": lo,
        "quantileMax": hi,
        "quantileFraction": min(1.0, float(fraction)),
    }


def _logits(store: FeatureStore, f: int) -> tuple[list[dict[str, Any]] | None, ...]:
    if not store.meta.has_output_directions:
        return None, None
    lw = store.logit_weights(f, k=N_LOGITS)
    pairs = ((lw.top_tokens, lw.top_values), (lw.bottom_tokens, lw.bottom_values))
    return tuple(
        [{"token": str(t), "value": float(v)} for t, v in zip(toks, vals, strict=True)]
        for toks, vals in pairs
    )


def _explanations(store: FeatureStore, annotations: Any) -> dict[int, list[dict[str, Any]]]:
    """Per feature: the LLM explanations, then a person's label (method ``saewidgets_label``)."""
    out: dict[int, list[dict[str, Any]]] = {}
    if annotations is None:
        return out
    for row in annotations.explanations(store).itertuples():
        out.setdefault(int(row.feature), []).append(
            {"text": row.explanation, "method": "saewidgets_explain", "explainer_model": row.model}
        )
    for f, label in annotations.labels(store).items():
        out.setdefault(int(f), []).append(
            {"text": label, "method": "saewidgets_label", "explainer_model": None}
        )
    return out


def _finite(value: float) -> float | None:
    return float(value) if value == value else None


def _chunks(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for f in ids:
        batch.append(f)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _new_folder(folder: str | os.PathLike[str]) -> Path:
    out = Path(folder).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise StoreError(
            f"{out} already exists and is not an empty folder; Neuronpedia batches are written "
            "only into a new or empty folder (nothing is replaced): choose another path."
        )
    out.mkdir(parents=True, exist_ok=True)
    return out


def _write_json(path: Path, records: list[dict[str, Any]]) -> Path:
    text = json.dumps(records, ensure_ascii=False, allow_nan=False)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:  # a failed write (a full disk) leaves no temporary file behind
        if os.path.lexists(tmp):
            tmp.unlink()
    return path
