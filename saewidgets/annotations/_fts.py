"""Full-text search over labels, tags, notes and explanations (SQLite FTS5).

The index is a TEMP table of the connection, rebuilt whenever the file has changed since it was
last built (a new change in ``history`` or a new explanation), so it can never be stale and the
file's schema stays as it is."""

from __future__ import annotations

import re
import sqlite3

import pandas as pd

from saewidgets._errors import AnnotationError

COLUMNS = ["sae_id", "feature", "field", "text", "score"]
_INDEX = """CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts USING fts5(
    sae_id UNINDEXED, feature UNINDEXED, field UNINDEXED, text,
    tokenize = 'unicode61 remove_diacritics 2')"""
_FILL = [
    "SELECT sae_id, feature, 'label', label FROM current WHERE label IS NOT NULL",
    "SELECT sae_id, feature, 'note', note FROM current WHERE note IS NOT NULL",
    "SELECT c.sae_id, c.feature, 'tag', t.value FROM current c, json_each(c.tags) t",
]
_EXPLANATIONS = "SELECT sae_id, feature, 'explanation', explanation FROM explanations"


def search(conn: sqlite3.Connection, query: str, sid: str | None, limit: int) -> pd.DataFrame:
    """Fields matching every word of ``query`` (each word also as a prefix), best first."""
    words = re.findall(r"\w+", query)
    if not words:
        raise AnnotationError(f"search needs at least one word to look for, got {query!r}.")
    _refresh(conn)
    match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    sql = "SELECT sae_id, feature, field, text, -bm25(fts) FROM temp.fts WHERE fts MATCH ?"
    args: list[object] = [match]
    if sid is not None:
        sql += " AND sae_id = ?"
        args.append(sid)
    rows = conn.execute(sql + " ORDER BY bm25(fts), feature LIMIT ?", [*args, limit]).fetchall()
    return pd.DataFrame(rows, columns=COLUMNS)


def _refresh(conn: sqlite3.Connection) -> None:
    has_explanations = _has_table(conn, "explanations")
    state = _state(conn, has_explanations)
    conn.execute(_INDEX)
    conn.execute("CREATE TABLE IF NOT EXISTS temp.fts_state (state TEXT)")
    if conn.execute("SELECT state FROM temp.fts_state").fetchone() == (state,):
        return
    conn.execute("DELETE FROM temp.fts")
    for select in _FILL + ([_EXPLANATIONS] if has_explanations else []):
        conn.execute(f"INSERT INTO temp.fts (sae_id, feature, field, text) {select}")
    conn.execute("DELETE FROM temp.fts_state")
    conn.execute("INSERT INTO temp.fts_state VALUES (?)", (state,))


def _state(conn: sqlite3.Connection, has_explanations: bool) -> str:
    state = str(conn.execute("SELECT COALESCE(MAX(change), 0) FROM history").fetchone()[0])
    if has_explanations:
        row = conn.execute("SELECT COUNT(*), MAX(created) FROM explanations").fetchone()
        state += f"/{row[0]}/{row[1]}"
    return state


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (name,)).fetchone() is not None
