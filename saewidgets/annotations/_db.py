"""The SQLite layer of annotations: schema, opening checks, and one change at a time.

Tables: ``current`` (one row per SAE id and feature), ``history`` (append-only, one row per
change, old and new values), ``meta`` (schema version).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import overload

from saewidgets._errors import AnnotationError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0
_MAGIC = b"SQLite format 3\x00"
COLUMNS = "sae_id, feature, label, tags, status, note, author, created, updated"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS current (
    sae_id TEXT NOT NULL, feature INTEGER NOT NULL, label TEXT, tags TEXT NOT NULL,
    status TEXT NOT NULL, note TEXT, author TEXT NOT NULL, created TEXT NOT NULL,
    updated TEXT NOT NULL, PRIMARY KEY (sae_id, feature)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history (
    change INTEGER PRIMARY KEY AUTOINCREMENT, sae_id TEXT NOT NULL, feature INTEGER NOT NULL,
    time TEXT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL, undoes INTEGER,
    old_label TEXT, old_tags TEXT, old_status TEXT, old_note TEXT,
    new_label TEXT, new_tags TEXT, new_status TEXT, new_note TEXT);
CREATE INDEX IF NOT EXISTS history_feature ON history (sae_id, feature, change);
CREATE INDEX IF NOT EXISTS history_undoes ON history (undoes);
"""


@dataclass(frozen=True)
class Annotation:
    """The current annotation of one feature of one SAE."""

    sae_id: str
    feature: int
    label: str | None
    tags: tuple[str, ...]
    status: str
    note: str | None
    author: str
    created: datetime
    updated: datetime


@dataclass(frozen=True)
class Values:
    label: str | None = None
    tags: tuple[str, ...] = ()
    status: str = "unreviewed"
    note: str | None = None


@overload
def apply_change(
    conn: sqlite3.Connection,
    sid: str,
    f: int,
    old: Annotation | None,
    new: Values,
    author: str,
    action: str,
    undoes: int | None = None,
) -> Annotation: ...
@overload
def apply_change(
    conn: sqlite3.Connection,
    sid: str,
    f: int,
    old: Annotation | None,
    new: Values | None,
    author: str,
    action: str,
    undoes: int | None = None,
) -> Annotation | None: ...
def apply_change(
    conn: sqlite3.Connection,
    sid: str,
    f: int,
    old: Annotation | None,
    new: Values | None,
    author: str,
    action: str,
    undoes: int | None = None,
) -> Annotation | None:
    """Write ``new`` (None deletes) and its history row; a no-op when nothing changes."""
    before = None if old is None else values_of(old)
    if before == new and undoes is None:
        return old
    now = datetime.now(timezone.utc)
    stamp = now.isoformat(timespec="microseconds")
    old_cols = (None,) * 4 if before is None else _columns(before)
    new_cols = (None,) * 4 if new is None else _columns(new)
    conn.execute(
        "INSERT INTO history (sae_id, feature, time, author, action, undoes, old_label,"
        " old_tags, old_status, old_note, new_label, new_tags, new_status, new_note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sid, f, stamp, author, action, undoes, *old_cols, *new_cols),
    )
    if new is None:
        conn.execute("DELETE FROM current WHERE sae_id = ? AND feature = ?", (sid, f))
        return None
    created = now if old is None else old.created
    conn.execute(
        f"INSERT OR REPLACE INTO current ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sid, f, *_columns(new), author, created.isoformat(timespec="microseconds"), stamp),
    )
    return Annotation(sid, f, new.label, new.tags, new.status, new.note, author, created, now)


def _columns(v: Values) -> tuple[str | None, str, str, str | None]:
    return (v.label, json.dumps(list(v.tags), ensure_ascii=False), v.status, v.note)


def undo_target(conn: sqlite3.Connection, sid: str, f: int) -> tuple[int, Values | None] | None:
    """The latest change of a feature not yet undone, and the values before it (None: none)."""
    row = conn.execute(
        "SELECT change, old_label, old_tags, old_status, old_note FROM history h"
        " WHERE sae_id = ? AND feature = ? AND action != 'undo' AND NOT EXISTS"
        " (SELECT 1 FROM history u WHERE u.undoes = h.change)"
        " ORDER BY change DESC LIMIT 1",
        (sid, f),
    ).fetchone()
    if row is None:
        return None
    restored = None if row[3] is None else Values(row[1], load_tags(row[2]), row[3], row[4])
    return row[0], restored


def values_of(a: Annotation) -> Values:
    return Values(a.label, a.tags, a.status, a.note)


def get_annotation(conn: sqlite3.Connection, sid: str, f: int) -> Annotation | None:
    sql = f"SELECT {COLUMNS} FROM current WHERE sae_id = ? AND feature = ?"
    row = conn.execute(sql, (sid, f)).fetchone()
    return None if row is None else row_to_annotation(row)


def row_to_annotation(r: tuple) -> Annotation:
    created, updated = datetime.fromisoformat(r[7]), datetime.fromisoformat(r[8])
    return Annotation(r[0], r[1], r[2], load_tags(r[3]), r[4], r[5], r[6], created, updated)


def load_tags(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def open_db(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) an annotations file; never writes to a file it rejects."""
    writable = _check_location(path)
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != _MAGIC:
                raise AnnotationError(
                    f"{path} is not a SQLite database (corrupt, or another kind of file); "
                    "it was left untouched: move it away or choose another path"
                )
    if not writable:
        return _open_read_only(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        is_new = _check_schema(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        if is_new:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";")[:-1]:
                conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            conn.execute("COMMIT")
    except sqlite3.DatabaseError as e:
        conn.close()
        raise AnnotationError(
            f"cannot open annotations file {path}: {e}; it was left untouched. If it is "
            "damaged, restore a backup or move it away and start a new file"
        ) from e
    except AnnotationError:
        conn.close()
        raise
    return conn


def _check_schema(conn: sqlite3.Connection, path: Path) -> bool:
    """True if the file has no tables yet; raises if it is not ours or is too new."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables.discard("sqlite_sequence")
    if not tables:
        return True
    if "meta" not in tables:
        raise AnnotationError(
            f"{path} is a SQLite database but not a saewidgets annotations file "
            f"(tables: {', '.join(sorted(tables))}); it was left untouched: choose another path"
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    text = str(row[0]) if row else ""
    version = int(text) if text.isascii() and text.isdigit() else None
    if version is None or version > SCHEMA_VERSION:
        raise AnnotationError(
            f"{path} has annotations schema version {row[0] if row else None}, but this "
            f"saewidgets reads versions up to {SCHEMA_VERSION}; it was left untouched: "
            "upgrade saewidgets (pip install -U saewidgets)"
        )
    return False


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open a file we may not write for reading only (``PRAGMA query_only`` marks it)."""
    for flags in ("mode=ro", "mode=ro&immutable=1"):  # WAL files need -shm; immutable does not
        conn = sqlite3.connect(
            f"{path.as_uri()}?{flags}", uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            if _check_schema(conn, path):
                raise AnnotationError(
                    f"{path} is read-only and holds no annotations yet; choose a writable path"
                )
            conn.execute("PRAGMA query_only = 1")
            return conn
        except sqlite3.OperationalError as e:
            conn.close()
            err = e
        except AnnotationError:
            conn.close()
            raise
    raise AnnotationError(f"cannot open the read-only annotations file {path}: {err}") from err


def is_read_only(conn: sqlite3.Connection) -> bool:
    """True for a connection opened by ``_open_read_only``."""
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def _check_location(path: Path) -> bool:
    """Raise when ``path`` cannot hold annotations; False when it exists but is read-only."""
    if path.is_dir():
        raise AnnotationError(f"{path} is a folder; give a file path such as {path / 'ann.db'}")
    folder = path.parent
    if not folder.is_dir():
        raise AnnotationError(
            f"cannot open annotations at {path}: folder {folder} does not exist; "
            "create it first (Path(folder).mkdir(parents=True))"
        )
    if path.is_file() and not _can_write(path):
        return False
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".saewidgets-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        if path.is_file():
            return False  # an existing file in a read-only folder: read it
        raise AnnotationError(
            f"cannot open annotations at {path}: {e.strerror} ({e.filename}); SQLite needs to "
            "write the file and its journal beside it: choose a writable folder"
        ) from e
    return True


def _can_write(path: Path) -> bool:
    try:
        path.open("r+b").close()
    except OSError:
        return False
    return True
