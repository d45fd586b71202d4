"""The report's explanations: a spread of features explained and scored (detection and fuzzing)
by an LLM, each score beside the baseline's, written as ``explanations.html`` (every example the
scorer saw, with its truth and the scorer's answer) and ``explanations.csv``."""

from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from saewidgets.annotations._io import csv_cell
from saewidgets.autointerp._explain import explain
from saewidgets.autointerp._prompts import marked_text
from saewidgets.autointerp._score import METHODS, score

if TYPE_CHECKING:
    from saewidgets.analysis._featurestore import FeatureStore
    from saewidgets.annotations._annotations import Annotations
    from saewidgets.autointerp._llm import LLM

#: features the demo explains, and held-out examples per class each score uses
DEMO_FEATURES, DEMO_N = 3, 5
#: a feature is explained when it fires on at least MIN_COUNT tokens (held-out examples remain
#: once the explainer has had its 20) and on at most MAX_DENSITY of them (negatives remain)
MIN_COUNT, MAX_DENSITY = 40, 0.02
COLUMNS = ["feature", "density", "explanation", "error"]
COLUMNS += [f"{m}{s}" for m in METHODS for s in ("", "_baseline", "_n", "_unparsed")]


def pick_features(store: FeatureStore, k: int) -> list[int]:
    """``k`` features spread evenly over the density ranks of those firing on MIN_COUNT tokens
    or more and on at most MAX_DENSITY of the tokens, densest first."""
    fe = store.features
    ok = fe[(fe["count"] >= MIN_COUNT) & (fe["density"] <= MAX_DENSITY)]
    ok = ok.sort_values("density", ascending=False)
    if k >= len(ok):
        return [int(f) for f in ok.index]
    return [int(ok.index[i]) for i in np.linspace(0, len(ok) - 1, k).round().astype(int)]


def explain_and_score(
    store: FeatureStore,
    features: list[int],
    llm: LLM,
    *,
    n: int = DEMO_N,
    annotations: Annotations | None = None,
    progress: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per feature (``COLUMNS``: the explanation, each method's score, baseline, example
    count and unparsed replies) and the scorers' breakdowns (``method`` added)."""
    expl = explain(store, features, llm, annotations=annotations, progress=progress)
    table = expl[["feature", "explanation", "error"]].copy()
    table.insert(1, "density", [float(store.features["density"].iat[f]) for f in features])
    parts = []
    for method in METHODS:
        got = score(store, expl, llm, method, n=n, annotations=annotations, progress=progress)
        keep = {"score": method, "baseline": f"{method}_baseline", "n": f"{method}_n"}
        keep["score_unparsed"] = f"{method}_unparsed"
        table = table.merge(got[["feature", *keep]].rename(columns=keep), on="feature")
        parts.append(got.breakdown.assign(method=method))
    return table[COLUMNS], pd.concat(parts, ignore_index=True)


def _number(value: float) -> str:
    return "–" if value != value else f"{value:.2f}"


def _row(rec: pd.Series) -> str:
    cells = [str(int(rec["feature"])), f"{rec['density']:.2e}"]
    text = rec["explanation"] if isinstance(rec["explanation"], str) else f"({rec['error']})"
    cells.append(text)
    for m in METHODS:
        cells += [_number(rec[m]), _number(rec[f"{m}_baseline"]), str(int(rec[f"{m}_n"]))]
    return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"


def _answer(p: object) -> str:
    return "none (unparsed or failed)" if p is None else ("yes" if p else "no")


def _examples(breakdown: pd.DataFrame, f: int) -> str:
    rows = []
    part = breakdown[(breakdown["feature"] == f) & breakdown["explanation"].notna()]
    for r in part.itertuples():
        text = marked_text(r.tokens, r.marks)
        cells = [r.method, r.variant, text, "yes" if r.truth else "no", _answer(r.prediction)]
        mark = ' class="wrong"' if r.prediction is None or r.prediction != r.truth else ""
        tds = "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
        rows.append(f"<tr{mark}>{tds}</tr>")
    head = "<tr><th>method</th><th>given</th><th>text shown</th><th>fires</th><th>answer</th></tr>"
    summary = f"<summary>feature {f}: the {len(part)} questions asked</summary>"
    return f"<details>{summary}<table>{head}{''.join(rows)}</table></details>"


_STYLE = (
    "body{font:14px/1.4 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .4rem;"
    "text-align:left;vertical-align:top;white-space:pre-wrap}.wrong td{background:#fde8e8}"
    "summary{cursor:pointer;margin:.4rem 0}"
)


def _means(table: pd.DataFrame) -> str:
    out = []
    for m in METHODS:
        s, b = table[m].to_numpy(float), table[f"{m}_baseline"].to_numpy(float)
        both = ~(np.isnan(s) | np.isnan(b))
        wins = int((s[both] > b[both]).sum())
        out.append(
            f"{m}: mean {_number(np.nanmean(s) if both.any() else np.nan)} vs baseline "
            f"{_number(np.nanmean(b) if both.any() else np.nan)}; the explanation beats the "
            f"baseline on {wins} of {int(both.sum())} features scored"
        )
    return "<br>".join(html.escape(line) for line in out)


def write_html(table: pd.DataFrame, breakdown: pd.DataFrame, model: str, path: Path) -> Path:
    """``explanations.html``: the table, the mean scores, and every question asked."""
    head = ["feature", "density", "explanation"]
    head += [f"{m} {s}" for m in METHODS for s in ("score", "baseline", "n")]
    rows = "".join(_row(rec) for _, rec in table.iterrows())
    details = "".join(_examples(breakdown, int(f)) for f in table["feature"])
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>Explanations and their '
        f"scores</title><style>{_STYLE}</style></head><body>"
        '<main id="saewidgets-root" data-sw-ready>'
        f"<h1>Explanations and their scores</h1><p>Explainer and scorer: {html.escape(model)}. "
        "Score: balanced accuracy of the scorer's yes/no answers on held-out examples (0.5 is "
        "chance; – where the held-out examples lack positives or negatives). Baseline: the same "
        "scorer given the feature's top tokens as the explanation. An unparsed answer counts as "
        f"wrong.</p><p>{_means(table)}</p><table><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in head)
        + f"</tr>{rows}</table>{details}</main></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """``explanations.csv``: the table, every cell quoted, text cells made inert."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        for rec in table.itertuples(index=False):
            writer.writerow(
                [
                    csv_cell(v) if isinstance(v, str) else ("" if v is None or v != v else v)
                    for v in rec
                ]
            )
    return path


def write_explanations(
    store: FeatureStore,
    folder: Path,
    llm: LLM,
    k: int = DEMO_FEATURES,
    *,
    n: int = DEMO_N,
    annotations: Annotations | None = None,
    progress: bool = True,
) -> list[Path]:
    """Explain and score ``k`` features (:func:`pick_features`) with ``llm`` and write
    ``explanations.html`` and ``explanations.csv`` into ``folder``; the explanations and scores
    also go into ``annotations`` when given. Returns the paths written (none without features)."""
    features = pick_features(store, k)
    if not features:
        return []
    table, breakdown = explain_and_score(
        store, features, llm, n=n, annotations=annotations, progress=progress
    )
    return [
        write_html(table, breakdown, llm.model, folder / "explanations.html"),
        write_csv(table, folder / "explanations.csv"),
    ]
