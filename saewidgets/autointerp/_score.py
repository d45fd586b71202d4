"""``score``: how well an explanation predicts a feature on held-out examples (detection or
fuzzing, as delphi and Neuronpedia do it), beside a baseline given the feature's top tokens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from saewidgets._errors import ArgumentError, count_arg
from saewidgets.autointerp._explain import feature_list
from saewidgets.autointerp._prompts import (
    baseline_explanation,
    marked_text,
    parse_answer,
    score_request,
)
from saewidgets.autointerp._samples import explainer_examples, fuzz_marks, held_out

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.autointerp._llm import LLM

METHODS = ("detection", "fuzz")
BREAKDOWN = ["feature", "variant", "explanation", "source", "seq", "start", "tokens", "acts"]
BREAKDOWN += ["marks", "truth", "prediction", "reply", "error"]


class ScoreFrame(pd.DataFrame):
    """A DataFrame of scores with ``.breakdown``: one row per example shown to the scorer."""

    _metadata = ["breakdown"]
    breakdown: pd.DataFrame

    @property
    def _constructor(self) -> type[ScoreFrame]:
        return ScoreFrame


def balanced_accuracy(truth: np.ndarray, prediction: list[bool | None]) -> float:
    """Mean of the shares of positives and of negatives predicted right (None counts as wrong);
    NaN unless both are present (one class alone would reward always saying the same)."""
    right = np.array([p is not None and p == t for t, p in zip(truth, prediction, strict=True)])
    if not (np.any(truth) and np.any(~truth)):
        return float("nan")
    return float((right[truth].mean() + right[~truth].mean()) / 2)


def _explanations(frame: Any) -> dict[int, tuple[str | None, str]]:
    """feature -> (explanation, the model that wrote it) from a DataFrame or a mapping."""
    if isinstance(frame, pd.DataFrame):
        if not {"feature", "explanation"} <= set(frame.columns):
            raise ArgumentError(
                "explanations needs columns 'feature' and 'explanation' (as sw.explain returns), "
                f"got {list(frame.columns)}."
            )
        models = frame["model"] if "model" in frame else ["given"] * len(frame)
        rows = zip(frame["feature"], frame["explanation"], models, strict=True)
        return {int(f): (e if isinstance(e, str) and e else None, str(m)) for f, e, m in rows}
    if isinstance(frame, Mapping):
        return {
            int(f): (e if isinstance(e, str) and e else None, "given") for f, e in frame.items()
        }
    raise ArgumentError(
        "explanations must be the DataFrame sw.explain returns or a {feature: text} mapping, "
        f"got {type(frame).__name__}."
    )


def _examples(store: FeatureStore, f: int, method: str, n: int, seed: int) -> pd.DataFrame:
    """The held-out examples of ``f`` with the marks shown and their truth (from the store)."""
    frame = held_out(store, f, n, seed)
    if method == "detection":
        frame["marks"] = [[] for _ in range(len(frame))]
        return frame
    rng = np.random.default_rng([seed, f, 1])
    frame = frame[frame["source"] == "activating"].reset_index(drop=True)
    frame["marks"] = [fuzz_marks(a, i % 2 == 0, rng) for i, a in enumerate(frame["acts"])]
    frame["truth"] = [
        bool(m) and all(a[i] > 0 for i in m)
        for a, m in zip(frame["acts"], frame["marks"], strict=True)
    ]
    return frame


def _rows(
    store: FeatureStore, f: int, text: str | None, method: str, n: int, seed: int
) -> pd.DataFrame:
    examples = _examples(store, f, method, n, seed)
    base = baseline_explanation(explainer_examples(store, f)[0])
    parts = []
    for variant, expl in (("explanation", text), ("baseline", base)):
        part = examples.copy()
        part["feature"], part["variant"], part["explanation"] = f, variant, expl
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _summary(rows: pd.DataFrame, method: str, scorer: str) -> pd.DataFrame:
    out = []
    for f, part in rows.groupby("feature", sort=False):
        rec: dict[str, Any] = {"feature": int(f), "method": method}
        for variant, key in (("explanation", "score"), ("baseline", "baseline")):
            shown = part[(part["variant"] == variant) & part["explanation"].notna()]
            truth, pred = shown["truth"].to_numpy(bool), list(shown["prediction"])
            rec[key] = balanced_accuracy(truth, pred)
            if variant == "explanation":
                rec["n"] = len(shown)
            rec[f"{key}_unparsed"] = int(sum(p is None for p in pred))
        rec["scorer"] = scorer
        out.append(rec)
    return pd.DataFrame(out)


def score(
    store: FeatureStore,
    explanations: Any,
    llm: LLM,
    method: str = "detection",
    *,
    n: int = 10,
    seed: int = 0,
    annotations: Annotations | None = None,
    progress: bool = True,
) -> ScoreFrame:
    """Score each explanation on held-out examples: up to ``n`` activating and ``n``
    non-activating windows (detection) or ``n`` activating windows, half marked right (fuzz).

    Columns: ``feature``, ``method``, ``score`` (balanced accuracy over the examples shown; a
    reply that cannot be parsed counts as wrong; NaN when the held-out windows lack positives or
    negatives, e.g. a feature firing in every window), ``n``, ``score_unparsed``, ``baseline``
    (the same scorer given the feature's top tokens as the explanation), ``baseline_unparsed``,
    ``scorer``.
    ``.breakdown`` has one row per example and variant shown (truth from the store)."""
    if method not in METHODS:
        raise ArgumentError(f"method={method!r}: choose 'detection' or 'fuzz'.")
    n = count_arg(n, "n")
    given = _explanations(explanations)
    ids = feature_list(store, list(given))
    rows = pd.concat(
        [_rows(store, f, given[f][0], method, n, seed) for f in ids], ignore_index=True
    )
    ask = rows["explanation"].notna().to_numpy()
    texts = [marked_text(t, m) for t, m in zip(rows["tokens"], rows["marks"], strict=True)]
    requests = [
        score_request(method, e, t)
        for e, t, a in zip(rows["explanation"], texts, ask, strict=True)
        if a
    ]
    replies = iter(llm.chat(requests, desc=f"scoring ({method})", progress=progress))
    got = [next(replies) if a else None for a in ask]
    rows["reply"] = [r.text if r else None for r in got]
    rows["error"] = [r.error if r else "no explanation" for r in got]
    rows["prediction"] = pd.Series([parse_answer(r) for r in rows["reply"]], dtype=object)
    breakdown = rows[BREAKDOWN].reset_index(drop=True)
    result = ScoreFrame(_summary(breakdown, method, llm.model))
    result.breakdown = breakdown
    if annotations is not None:
        for rec in result.itertuples():
            model = given[int(rec.feature)][1]
            annotations.set_explanation_score(
                store,
                int(rec.feature),
                model,
                method,
                float(rec.score),
                float(rec.baseline),
                int(rec.n),
                llm.model,
            )
    return result
