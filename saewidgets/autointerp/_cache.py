"""Every LLM reply kept in a SQLite file, keyed by model and request, so a rerun costs nothing.

Only successful replies are kept: a failed call is tried again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from saewidgets._errors import LLMError

_SCHEMA = """CREATE TABLE IF NOT EXISTS calls (
    key TEXT PRIMARY KEY, model TEXT NOT NULL, request TEXT NOT NULL, reply TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL) WITHOUT ROWID"""


def request_key(model: str, request: dict[str, Any]) -> str:
    """sha256 of the model name and the request (messages and generation settings)."""
    text = json.dumps([model, request], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class CallCache:
    """A SQLite file of replies; safe to share between threads and processes."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser().absolute()
        if self.path.is_dir() or not self.path.parent.is_dir():
            raise LLMError(
                f"cache={str(path)!r}: give a file path in an existing folder (e.g. "
                f"{self.path.parent / 'llm_calls.sqlite'}), or cache=None to keep no cache."
            )
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(_SCHEMA)
            self._conn.commit()
        except sqlite3.DatabaseError as e:
            raise LLMError(
                f"cannot use {self.path} as the LLM call cache ({e}); it was left as it was: "
                "pass another cache= path."
            ) from e

    def get(self, key: str) -> tuple[str, int, int] | None:
        """The cached (reply, prompt tokens, completion tokens), or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT reply, prompt_tokens, completion_tokens FROM calls WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), int(row[2]))

    def put(
        self, key: str, model: str, request: dict[str, Any], reply: tuple[str, int, int]
    ) -> None:
        """Keep one successful reply."""
        text = json.dumps(request, ensure_ascii=False)
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO calls VALUES (?, ?, ?, ?, ?, ?)", (key, model, text, *reply)
            )
            self._conn.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM calls").fetchone()[0])
