"""The explainer's and the scorers' prompts, and the parsing of their replies.

Activating tokens are marked ``<<like this>>``. A reply that cannot be parsed gives None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from saewidgets.analysis._logits import LogitWeights

EXPLAIN_TOKENS = 48
ANSWER_TOKENS = 8
BASELINE_TOKENS = 5

EXPLAIN_SYSTEM = (
    "You explain features of a language model. A feature fires on some tokens of a text. You see "
    "texts where it fires, with the tokens it fires on marked <<like this>>, and the tokens the "
    "feature makes more and less likely next. Reply with one short phrase (at most 15 words) "
    "saying what the feature detects. Reply with the phrase only."
)
#: worked examples shown before each feature (user, assistant): the reply's form, for small models
EXPLAIN_SHOTS = (
    (
        "Texts where the feature fires most strongly:\n1. She did<< not>> want to go.\n"
        "2. It is<< not>> true that he left.\n3. They could<< never>> agree.\n\n"
        "Tokens it makes more likely: ' be', ' want', ' have'\n"
        "Tokens it makes less likely: ' always', ' yes'\n\nWhat does the feature detect?",
        'the words "not" and "never": negation',
    ),
    (
        "Texts where the feature fires most strongly:\n1. The meeting is on<< Monday>>.\n"
        "2. See you<< Friday>> afternoon.\n3. Every<< Sunday>> we rest.\n\n"
        "Tokens it makes more likely: ' morning', ' night'\n"
        "Tokens it makes less likely: ' the', ' of'\n\nWhat does the feature detect?",
        "days of the week",
    ),
)
DETECTION_SYSTEM = (
    "A feature of a language model is described as: {explanation}\n"
    "You see a text. Answer yes if the feature fires on any token of the text, no if not. "
    "Reply with yes or no only."
)
FUZZ_SYSTEM = (
    "A feature of a language model is described as: {explanation}\n"
    "You see a text with some tokens marked <<like this>>. Answer yes if the marked tokens are the "
    "ones the feature fires on, no if they are not. Reply with yes or no only."
)
QUESTIONS = {
    "detection": "Does the feature fire in this text?",
    "fuzz": "Are the marked tokens the ones the feature fires on?",
}


def marked_text(tokens: Sequence[str], marks: Sequence[int]) -> str:
    """The tokens joined into text, those at ``marks`` wrapped in ``<<`` ``>>``."""
    chosen = set(marks)
    return "".join(f"<<{t}>>" if i in chosen else t for i, t in enumerate(tokens))


def _active(acts: Sequence[float]) -> list[int]:
    return [i for i, a in enumerate(acts) if a > 0]


def _listing(frame: pd.DataFrame, start: int) -> list[str]:
    return [
        f"{start + i}. {marked_text(t, _active(a))}"
        for i, (t, a) in enumerate(zip(frame["tokens"], frame["acts"], strict=True))
    ]


def _tokens(tokens: Sequence[str]) -> str:
    return ", ".join(repr(t) for t in tokens)


def explain_request(top: pd.DataFrame, quant: pd.DataFrame, logits: LogitWeights) -> dict[str, Any]:
    """The chat request asking for an explanation of one feature."""
    lines = ["Texts where the feature fires most strongly:", *_listing(top, 1)]
    if len(quant):
        lines += ["", "Texts where it fires more weakly:", *_listing(quant, len(top) + 1)]
    lines += [
        "",
        f"Tokens it makes more likely: {_tokens(logits.top_tokens)}",
        f"Tokens it makes less likely: {_tokens(logits.bottom_tokens)}",
        "",
        "What does the feature detect?",
    ]
    shots = [
        {"role": role, "content": text}
        for user, reply in EXPLAIN_SHOTS
        for role, text in (("user", user), ("assistant", reply))
    ]
    request = _request(EXPLAIN_SYSTEM, "\n".join(lines), EXPLAIN_TOKENS)
    request["messages"][1:1] = shots
    return request


def score_request(method: str, explanation: str, text: str) -> dict[str, Any]:
    """The chat request asking whether ``text`` (marked, for fuzzing) fits ``explanation``."""
    system = (DETECTION_SYSTEM if method == "detection" else FUZZ_SYSTEM).format(
        explanation=explanation
    )
    question = QUESTIONS[method]
    request = _request(system, f"Text: {text}\n{question} Answer yes or no.", ANSWER_TOKENS)
    return {**request, "choice": ["yes", "no"]}  # the embedded model picks one; servers ignore it


def _request(system: str, user: str, max_tokens: int) -> dict[str, Any]:
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return {"messages": messages, "max_tokens": max_tokens, "temperature": 0}


_PREFIX = re.compile(
    r"^\s*((explanation|answer|feature)\s*[:\-]|(this|the) feature (detects|fires on))\s*", re.I
)


def parse_explanation(reply: str | None) -> str | None:
    """The first non-empty line of ``reply`` without a leading "Explanation:" or quotes."""
    for line in (reply or "").splitlines():
        text = _PREFIX.sub("", line).strip().strip("\"'`*").strip().rstrip(".").strip()
        if text:
            return text[:300]
    return None


_ANSWER = re.compile(r"^\W*(yes|no|true|false|1|0)\b", re.I)
_WORD = re.compile(r"\b(yes|no)\b", re.I)


def parse_answer(reply: str | None) -> bool | None:
    """True for a reply starting with yes / true / 1, False for no / false / 0; else the one of
    yes / no the reply says (``The answer is "no"``); None when it says neither or both."""
    m = _ANSWER.match(reply or "")
    if m is not None:
        return m.group(1).lower() in ("yes", "true", "1")
    words = {w.lower() for w in _WORD.findall(reply or "")}
    return None if len(words) != 1 else words == {"yes"}


def baseline_explanation(top: pd.DataFrame) -> str:
    """The trivial explanation: the tokens the top examples peak on, most frequent first."""
    peaks = Counter(t[i] for t, i in zip(top["tokens"], top["max_index"], strict=True))
    return "Fires on the tokens " + _tokens([t for t, _ in peaks.most_common(BASELINE_TOKENS)])
