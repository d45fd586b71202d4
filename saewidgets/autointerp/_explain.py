"""``explain``: ask an LLM what each feature detects, from the examples and logit weights the
store already holds; the answers go beside (never over) a person's labels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from saewidgets._errors import ArgumentError
from saewidgets.autointerp._prompts import explain_request, parse_explanation
from saewidgets.autointerp._samples import explainer_examples

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.autointerp._llm import LLM


def feature_list(store: FeatureStore, features: int | Iterable[int]) -> list[int]:
    """``features`` (one id or several) checked against the store, duplicates dropped."""
    if isinstance(features, (str, bytes)) or not isinstance(features, Iterable):
        features = [features]  # type: ignore[list-item]
    out = [store.check_feature(f) for f in features]
    if not out:
        raise ArgumentError("features is empty: pass one feature id or a list of them.")
    return list(dict.fromkeys(out))


def explain(
    store: FeatureStore,
    features: int | Iterable[int],
    llm: LLM,
    annotations: Annotations | None = None,
    *,
    dry_run: bool = False,
    progress: bool = True,
) -> pd.DataFrame:
    """One explanation per feature: columns ``feature``, ``explanation`` (None where the reply
    could not be parsed), ``model``, ``error``. With ``annotations``, each explanation is stored
    there as this model's explanation. ``dry_run=True`` calls nothing and returns the prompts
    (columns ``feature``, ``system``, ``prompt`` and ``messages``, the whole conversation sent:
    the system prompt, two worked examples, the prompt)."""
    ids = feature_list(store, features)
    requests = [explain_request(*explainer_examples(store, f), store.logit_weights(f)) for f in ids]
    if dry_run:
        system = [r["messages"][0]["content"] for r in requests]
        prompt = [r["messages"][-1]["content"] for r in requests]
        messages = [r["messages"] for r in requests]
        return pd.DataFrame(
            {"feature": ids, "system": system, "prompt": prompt, "messages": messages}
        )
    replies = llm.chat(requests, desc="explaining", progress=progress)
    texts = [parse_explanation(r.text) for r in replies]
    errors = [
        r.error or (None if t else f"reply could not be parsed: {r.text!r}")
        for r, t in zip(replies, texts, strict=True)
    ]
    if annotations is not None:
        for f, t in zip(ids, texts, strict=True):
            if t:
                annotations.set_explanation(store, f, t, llm.model)
    return pd.DataFrame({"feature": ids, "explanation": texts, "model": llm.model, "error": errors})
