"""LLM explanations and their scores, in their own tables of the annotations file.

They sit beside a person's label and never change it. One explanation per (SAE, feature, model);
a new text for the same model replaces it and drops the old text's scores.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pandas as pd

_SCHEMA = """
CREATE TABLE IF NOT EXISTS explanations (
    sae_id TEXT NOT NULL, feature INTEGER NOT NULL, model TEXT NOT NULL,
    explanation TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (sae_id, feature, model)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS explanation_scores (
    sae_id TEXT NOT NULL, feature INTEGER NOT NULL, model TEXT NOT NULL, method TEXT NOT NULL,
    scorer TEXT NOT NULL, score REAL, baseline REAL, n INTEGER NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (sae_id, feature, model, method, scorer)) WITHOUT ROWID;
"""
METHODS = ("detection", "fuzz")
COLUMNS = ["feature", "model", "explanation", "created"]
COLUMNS += [f"{m}{s}" for m in METHODS for s in ("", "_baseline", "_n")]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _ensure(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";")[:-1]:
        conn.execute(statement)


def put_explanation(conn: sqlite3.Connection, sid: str, f: int, text: str, model: str) -> None:
    """Store ``model``'s explanation of feature ``f`` (inside the caller's transaction)."""
    _ensure(conn)
    key = (sid, f, model)
    old = conn.execute(
        "SELECT explanation FROM explanations WHERE sae_id = ? AND feature = ? AND model = ?", key
    ).fetchone()
    if old is not None and old[0] == text:
        return
    conn.execute(
        "DELETE FROM explanation_scores WHERE sae_id = ? AND feature = ? AND model = ?", key
    )
    conn.execute("INSERT OR REPLACE INTO explanations VALUES (?, ?, ?, ?, ?)", (*key, text, _now()))


def put_score(
    conn: sqlite3.Connection,
    key: tuple[str, int, str],
    method: str,
    scorer: str,
    values: tuple[float, float | None, int],
) -> None:
    """Store a score of the explanation ``key`` = (SAE id, feature, model)."""
    _ensure(conn)
    conn.execute(
        "INSERT OR REPLACE INTO explanation_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, method, scorer, *values, _now()),
    )


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'explanation_scores'"
    ).fetchone()
    return row is not None


def read_explanations(conn: sqlite3.Connection, sid: str) -> pd.DataFrame:
    """One row per (feature, model): the explanation, when, and its latest score per method."""
    if not _has_tables(conn):
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.read_sql_query(
        "SELECT feature, model, explanation, created FROM explanations WHERE sae_id = ?"
        " ORDER BY feature, model",
        conn,
        params=(sid,),
    )
    scores = pd.read_sql_query(
        "SELECT feature, model, method, score, baseline, n FROM explanation_scores"
        " WHERE sae_id = ? ORDER BY created",
        conn,
        params=(sid,),
    )
    for m in METHODS:
        part = scores[scores["method"] == m].drop_duplicates(["feature", "model"], keep="last")
        part = part.rename(columns={"score": m, "baseline": f"{m}_baseline", "n": f"{m}_n"})
        frame = frame.merge(part.drop(columns="method"), on=["feature", "model"], how="left")
    frame["created"] = pd.to_datetime(frame["created"], utc=True)
    return frame[COLUMNS]
