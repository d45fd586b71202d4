"""Feature annotations (label, tags, status, note) in a SQLite file, with history and undo.

WAL mode and a busy timeout let several kernels write to one file; every write is its own
transaction. The SQLite layer is ``_annotation_db``, the file formats ``_annotations_io``.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from saewidgets._errors import AnnotationError, FeatureIndexError, count_arg
from saewidgets.annotations import _db as db
from saewidgets.annotations import _explanations as ex
from saewidgets.annotations import _fts as fts
from saewidgets.annotations import _io as aio
from saewidgets.annotations._db import Annotation

STATUSES = ("unreviewed", "interpretable", "polysemantic", "dead", "unclear")
_FIELDS = ("label", "tags", "status", "note")

OnConflict = Literal["report", "ours", "theirs"]


@dataclass(frozen=True, eq=False)
class ImportReport:
    """What an import did: features added, updated (empty fields filled) and unchanged.

    ``conflicts`` has one row per differing field: feature, field, ours, theirs, resolution
    (``"unresolved"`` when nothing was written, ``"ours"`` or ``"theirs"``).
    """

    added: int
    updated: int
    unchanged: int
    conflicts: pd.DataFrame


class Annotations:
    """Labels, tags, status and notes of SAE features, stored in the SQLite file ``path``.

    ``store`` arguments take an SAE id string or any object with a ``sae_id`` attribute
    (a FeatureStore or Lens). Several processes may read and write the same file at once.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._path = Path(path).expanduser().absolute()
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = db.open_db(self._path)

    @property
    def path(self) -> Path:
        """The SQLite file."""
        return self._path

    def set(
        self,
        store: object,
        feature: int,
        label: str | None = None,
        tags: Sequence[str] | None = None,
        status: str | None = None,
        note: str | None = None,
        author: str | None = None,
    ) -> Annotation:
        """Change the fields passed (None keeps a field, ``""`` clears a label or note)."""
        sid, f = sae_id_of(store), feature_id(feature)
        check_range(store, f)
        label, note = _text(label, "label"), _text(note, "note")
        new_tags = None if tags is None else _tags(tags)
        new_status = None if status is None else _status(status)
        with self._write() as conn:
            old = db.get_annotation(conn, sid, f)
            base = db.values_of(old) if old else db.Values()
            new = db.Values(
                label=base.label if label is None else label or None,
                tags=base.tags if new_tags is None else new_tags,
                status=new_status or base.status,
                note=base.note if note is None else note or None,
            )
            return db.apply_change(conn, sid, f, old, new, author or default_author(), "set")

    def get(self, store: object, feature: int) -> Annotation | None:
        """The current annotation of ``feature``, or None if it has none."""
        sid, f = sae_id_of(store), feature_id(feature)
        check_range(store, f)
        with self._read() as conn:
            return db.get_annotation(conn, sid, f)

    def undo(self, store: object, feature: int, author: str | None = None) -> Annotation | None:
        """Revert the feature's latest change not yet undone; None if that leaves no annotation."""
        sid, f = sae_id_of(store), feature_id(feature)
        check_range(store, f)
        with self._write() as conn:
            target = db.undo_target(conn, sid, f)
            if target is None:
                raise AnnotationError(f"nothing to undo for feature {f} of SAE {sid!r}")
            change, restored = target
            old, who = db.get_annotation(conn, sid, f), author or default_author()
            return db.apply_change(conn, sid, f, old, restored, who, "undo", change)

    def history(self, store: object, feature: int) -> pd.DataFrame:
        """Every change of ``feature``, oldest first.

        Columns: change (id), time (UTC), author, action (set / undo / import), undoes (the
        change an undo reverted), old_label, new_label, old_tags, new_tags, old_status,
        new_status, old_note, new_note. Old or new status is None where no annotation existed.
        """
        sid, f = sae_id_of(store), feature_id(feature)
        check_range(store, f)
        with self._read() as conn:
            rows = conn.execute(
                "SELECT change, time, author, action, undoes, old_label, new_label, old_tags,"
                " new_tags, old_status, new_status, old_note, new_note FROM history"
                " WHERE sae_id = ? AND feature = ? ORDER BY change",
                (sid, f),
            ).fetchall()
        cols = ["change", "time", "author", "action", "undoes", "old_label", "new_label"]
        cols += ["old_tags", "new_tags", "old_status", "new_status", "old_note", "new_note"]
        df = pd.DataFrame(rows, columns=cols)
        df["time"] = _datetimes(df["time"])
        df["undoes"] = df["undoes"].astype("Int64")
        for c, i in (("old_tags", 7), ("new_tags", 8)):
            df[c] = pd.Series([r[i] and db.load_tags(r[i]) for r in rows], dtype=object)
        return df

    def to_dataframe(self, store: object) -> pd.DataFrame:
        """All annotations of one SAE, indexed by feature id like ``store.features``.

        Columns: label, tags (tuple), status, note, author, created and updated (UTC).
        """
        sid = sae_id_of(store)
        with self._read() as conn:
            rows = conn.execute(
                "SELECT feature, label, tags, status, note, author, created, updated"
                " FROM current WHERE sae_id = ? ORDER BY feature",
                (sid,),
            ).fetchall()
        cols = ["feature", "label", "tags", "status", "note", "author", "created", "updated"]
        df = pd.DataFrame(rows, columns=cols)
        df["feature"] = df["feature"].astype(np.int64)
        df["tags"] = pd.Series([db.load_tags(r[2]) for r in rows], dtype=object)
        df["created"], df["updated"] = _datetimes(df["created"]), _datetimes(df["updated"])
        return df.set_index("feature")

    def labels(self, store: object) -> dict[int, str]:
        """``{feature: label}`` for every labelled feature of one SAE (one fast query)."""
        sid = sae_id_of(store)
        with self._read() as conn:
            rows = conn.execute(
                "SELECT feature, label FROM current WHERE sae_id = ? AND label IS NOT NULL",
                (sid,),
            ).fetchall()
        return dict(rows)

    def features(
        self, store: object, status: str | None = None, tag: str | None = None
    ) -> list[int]:
        """Annotated feature ids of one SAE, ascending, optionally with a given status or tag."""
        sql = "SELECT feature FROM current WHERE sae_id = ?"
        args: list[object] = [sae_id_of(store)]
        if status is not None:
            sql += " AND status = ?"
            args.append(_status(status))
        if tag is not None:
            sql += " AND EXISTS (SELECT 1 FROM json_each(current.tags) WHERE value = ?)"
            args.append(tag)
        with self._read() as conn:
            return [r[0] for r in conn.execute(sql + " ORDER BY feature", args)]

    def search(
        self, query: object, text: str | None = None, *, store: object = None, limit: int = 100
    ) -> pd.DataFrame:
        """Full-text search: ``search("negation")`` finds labels, tags, notes and explanations
        holding every word (as a word or its prefix; accents and case ignored), best first,
        with columns ``sae_id``, ``feature``, ``field``, ``text``, ``score`` (``store=``
        keeps one SAE's). The older form ``search(store, text)`` returns that SAE's annotation
        rows whose label, note or a tag contains ``text`` as a substring."""
        if text is not None:
            return self._substring(query, text)
        if not isinstance(query, str):
            raise AnnotationError(f"search takes the words to look for as a string, got {query!r}.")
        sid = None if store is None else sae_id_of(store)
        limit = count_arg(limit, "limit")
        with self._read() as conn:
            return fts.search(conn, query, sid, limit)

    def _substring(self, store: object, text: str) -> pd.DataFrame:
        df = self.to_dataframe(store)
        needle = text.casefold()
        hit = [
            any(isinstance(s, str) and needle in s.casefold() for s in (label, note, *tags))
            for label, note, tags in zip(df["label"], df["note"], df["tags"], strict=True)
        ]
        return df[np.array(hit, dtype=bool)]

    def count(self, store: object) -> int:
        """Number of annotated features of one SAE."""
        with self._read() as conn:
            sql = "SELECT COUNT(*) FROM current WHERE sae_id = ?"
            return int(conn.execute(sql, (sae_id_of(store),)).fetchone()[0])

    def sae_ids(self) -> list[str]:
        """The SAE ids that have annotations in this file, sorted."""
        with self._read() as conn:
            sql = "SELECT DISTINCT sae_id FROM current ORDER BY sae_id"
            return [r[0] for r in conn.execute(sql)]

    def last_change(self) -> int:
        """Id of the newest change in the file (0 if none): poll it to notice other writers."""
        with self._read() as conn:
            return int(conn.execute("SELECT COALESCE(MAX(change), 0) FROM history").fetchone()[0])

    def export_csv(self, store: object, path: str | os.PathLike[str]) -> None:
        """Write one SAE's annotations as CSV (tags as a JSON list in one cell), each feature's
        best-scored LLM explanation and its scores after them (features with an explanation
        alone get a row too; ``import_csv`` reads back the annotations)."""
        best: dict[int, dict[str, Any]] = {}
        for row in self._explanation_records(store):
            best.setdefault(row["feature"], row)  # best detection score first
        aio.write_csv(path, self._all(store), best)

    def export_json(self, store: object, path: str | os.PathLike[str]) -> None:
        """Write one SAE's annotations as JSON, with the SAE id and every LLM explanation with
        its latest scores (``explanations``)."""
        aio.write_json(path, sae_id_of(store), self._all(store), self._explanation_records(store))

    def _explanation_records(self, store: object) -> list[dict[str, Any]]:
        """The explanations of ``explanations()`` as dicts (time as ISO text), each feature's
        best detection score first (then fuzz)."""
        frame = self.explanations(store).sort_values(
            ["feature", "detection", "fuzz"], ascending=[True, False, False], na_position="last"
        )
        frame["created"] = [t.isoformat() for t in frame["created"]]
        records = frame.to_dict("records")
        for r in records:
            r["feature"] = int(r["feature"])
            for m in ex.METHODS:  # example counts as integers (NaN where not scored)
                n = r[f"{m}_n"]
                r[f"{m}_n"] = n if n != n else int(n)
        return records

    def export_neuronpedia(
        self, store: object, path: str | os.PathLike[str], model_id: str, layer: str
    ) -> None:
        """Write labels as Neuronpedia explanation records (modelId, layer, index, description)."""
        aio.write_neuronpedia(path, self._all(store), model_id, layer)

    def import_csv(
        self,
        store: object,
        path: str | os.PathLike[str],
        on_conflict: OnConflict = "report",
        author: str | None = None,
    ) -> ImportReport:
        """Import a CSV; a field that differs from an existing value is a conflict."""
        return self._import(store, aio.read_csv(path), on_conflict, author)

    def import_json(
        self,
        store: object,
        path: str | os.PathLike[str],
        on_conflict: OnConflict = "report",
        author: str | None = None,
    ) -> ImportReport:
        """Import a JSON export; refuses a file whose sae_id is another SAE's. Its LLM
        explanations and their scores (scorer ``"imported"``) go beside the labels."""
        file_sid, records = aio.read_json(path)
        explanations = aio.read_json_explanations(path)
        sid = sae_id_of(store)
        if file_sid is not None and file_sid != sid:
            raise AnnotationError(
                f"{path} holds annotations of SAE {file_sid!r}, not {sid!r}; to copy labels "
                "between SAEs on purpose, delete the file's top-level 'sae_id' key first"
            )
        for e in explanations:
            check_range(store, e["feature"], f"{path} explanation of feature {e['feature']}")
        report = self._import(store, records, on_conflict, author)
        with self._write() as conn:
            for e in explanations:
                key = (sid, e["feature"], e["model"])
                ex.put_explanation(conn, sid, e["feature"], e["explanation"], e["model"])
                for m in ex.METHODS:
                    if e.get(m) is not None:
                        base = e.get(f"{m}_baseline")
                        values = (
                            float(e[m]),
                            None if base is None else float(base),
                            int(e.get(f"{m}_n") or 0),
                        )
                        ex.put_score(conn, key, m, "imported", values)
        return report

    def import_neuronpedia(
        self,
        store: object,
        path: Any,
        model_id: str | None = None,
        layer: str | None = None,
        on_conflict: OnConflict = "report",
        author: str | None = None,
    ) -> ImportReport:
        """``import_neuronpedia(records, store)`` (a FeatureStore or Lens second): Neuronpedia
        database explanation records (a list of dicts or a JSON file) stored as explanations
        beside, never over, a person's labels; ``model_id``/``layer`` keep one SAE's records
        (``layer`` matches ``source``). The older ``import_neuronpedia(store, path)`` imports
        their descriptions as labels (first one per index)."""
        if hasattr(path, "sae_id"):
            return self._import_explanations(store, path, model_id, layer)
        return self._import(store, aio.read_neuronpedia(path, model_id, layer), on_conflict, author)

    def _import_explanations(
        self, records: Any, store: object, model_id: str | None, source: str | None
    ) -> ImportReport:
        rows = aio.neuronpedia_explanations(records, model_id, source)
        sid = sae_id_of(store)
        for f, _, _ in rows:
            check_range(store, f, "Neuronpedia record")
        with self._write() as conn:
            before = ex.read_explanations(conn, sid)
            keys = zip(before["feature"], before["model"], strict=True)
            old = dict(zip(keys, before["explanation"], strict=True))
            for f, text, model in rows:
                ex.put_explanation(conn, sid, f, text, model)
        added = sum((f, m) not in old for f, _, m in rows)
        unchanged = sum(old.get((f, m)) == t for f, t, m in rows)
        empty = pd.DataFrame(columns=["feature", "field", "ours", "theirs", "resolution"])
        return ImportReport(added, len(rows) - added - unchanged, unchanged, empty)

    def set_explanation(self, store: object, feature: int, explanation: str, model: str) -> None:
        """Store ``model``'s explanation of ``feature`` beside (never over) its label."""
        sid, f = sae_id_of(store), feature_id(feature)
        check_range(store, f)
        text, who = _text(explanation, "explanation"), _text(model, "model")
        if not text or not who:
            raise AnnotationError("explanation and model must be non-empty strings")
        with self._write() as conn:
            ex.put_explanation(conn, sid, f, text, who)

    def set_explanation_score(
        self,
        store: object,
        feature: int,
        model: str,
        method: str,
        score: float,
        baseline: float,
        n: int,
        scorer: str,
    ) -> None:
        """Store a score (and its baseline) of ``model``'s explanation of ``feature``."""
        sid, f = sae_id_of(store), feature_id(feature)
        if method not in ex.METHODS:
            raise AnnotationError(f"method {method!r} is not one of {', '.join(ex.METHODS)}")
        with self._write() as conn:
            ex.put_score(conn, (sid, f, model), method, scorer, (score, baseline, n))

    def explanations(self, store: object) -> pd.DataFrame:
        """LLM explanations of ``store``'s features: one row per feature and model, with the
        latest ``detection`` and ``fuzz`` scores, their baselines and example counts."""
        with self._read() as conn:
            return ex.read_explanations(conn, sae_id_of(store))

    def close(self) -> None:
        """Close the database connection (reopened automatically on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Annotations:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[type[Annotations], tuple[str]]:
        return (Annotations, (str(self._path),))

    def __repr__(self) -> str:
        return f"Annotations({str(self._path)!r})"

    def _all(self, store: object) -> list[Annotation]:
        sid = sae_id_of(store)
        with self._read() as conn:
            sql = f"SELECT {db.COLUMNS} FROM current WHERE sae_id = ? ORDER BY feature"
            return [db.row_to_annotation(r) for r in conn.execute(sql, (sid,))]

    def _import(
        self,
        store: object,
        records: list[aio.Record],
        on_conflict: OnConflict,
        author: str | None,
    ) -> ImportReport:
        if on_conflict not in ("report", "ours", "theirs"):
            raise AnnotationError(
                f"on_conflict={on_conflict!r} is not valid; use 'report', 'ours' or 'theirs'"
            )
        sid, who = sae_id_of(store), author or default_author()
        for r in records:
            check_range(store, r.feature, r.where)
        incoming = [(r, _record_values(r)) for r in records]
        added = updated = unchanged = 0
        conflicts: list[tuple[int, str, object, object, str]] = []
        with self._write() as conn:
            for rec, theirs in incoming:
                old = db.get_annotation(conn, sid, rec.feature)
                if old is None:
                    db.apply_change(
                        conn, sid, rec.feature, None, theirs, rec.author or who, "import"
                    )
                    added += 1
                    continue
                merged, clashes = _merge(db.values_of(old), theirs, on_conflict)
                resolution = "unresolved" if on_conflict == "report" else on_conflict
                conflicts += [(rec.feature, f, o, t, resolution) for f, o, t in clashes]
                if clashes and on_conflict == "report":
                    continue  # nothing of a conflicting record is written
                if merged == db.values_of(old):
                    unchanged += not clashes
                    continue
                db.apply_change(conn, sid, rec.feature, old, merged, rec.author or who, "import")
                updated += 1
        cols = ["feature", "field", "ours", "theirs", "resolution"]
        return ImportReport(added, updated, unchanged, pd.DataFrame(conflicts, columns=cols))

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                self._conn = db.open_db(self._path)
            try:
                yield self._conn
            except sqlite3.Error as e:
                raise AnnotationError(f"cannot read annotations from {self._path}: {e}") from e

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._read() as conn:
            if db.is_read_only(conn):
                raise AnnotationError(
                    f"{self._path} is read-only (file or folder permissions): annotations can "
                    "be read but not changed. Copy it somewhere writable to edit it."
                )
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


def sae_id_of(store: object) -> str:
    """The SAE id of ``store``: the string itself, or its ``sae_id`` attribute."""
    sid = store if isinstance(store, str) else getattr(store, "sae_id", None)
    if not isinstance(sid, str) or not sid:
        raise AnnotationError(
            f"expected an SAE id string or an object with a 'sae_id' string attribute "
            f"(a FeatureStore or Lens), got {type(store).__name__}"
        )
    return sid


def feature_id(feature: object) -> int:
    """``feature`` as a Python int, if it is a non-negative integer (numpy ints accepted)."""
    if isinstance(feature, (bool, np.bool_)) or not isinstance(feature, (int, np.integer)):
        raise FeatureIndexError(
            f"feature id must be a non-negative integer, got {feature!r} "
            f"({type(feature).__name__}); pass e.g. int(feature)"
        )
    if not 0 <= feature < 2**63:
        raise FeatureIndexError(f"feature id must be a non-negative integer, got {feature}")
    return int(feature)


def check_range(store: object, f: int, where: str = "") -> None:
    """FeatureIndexError when ``store`` knows its width (``d_sae``) and ``f`` lies outside it;
    a bare SAE id string carries no width, so any id is accepted for it."""
    d_sae = getattr(store, "d_sae", None)
    if isinstance(d_sae, int) and not 0 <= f < d_sae:
        at = f"{where}: " if where else ""
        raise FeatureIndexError(
            f"{at}feature {f} is out of range: this SAE has features 0..{d_sae - 1}; nothing "
            "was written. Check the feature ids (or that the file is for this SAE)."
        )


def default_author() -> str:
    """The OS user name, or ``"unknown"`` where it cannot be found."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _status(status: object) -> str:
    if status not in STATUSES:
        raise AnnotationError(f"status {status!r} is not valid; use one of: {', '.join(STATUSES)}")
    return str(status)


def _text(value: object, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise AnnotationError(f"{name} must be a string, got {type(value).__name__}")
    return value


def _tags(tags: object) -> tuple[str, ...]:
    if isinstance(tags, str) or not isinstance(tags, (list, tuple, set, frozenset)):
        raise AnnotationError(
            f"tags must be a list of strings, got {tags!r}; write tags=['a', 'b']"
        )
    out: list[str] = []
    for t in tags:
        if not isinstance(t, str) or not t.strip():
            raise AnnotationError(f"each tag must be a non-empty string, got {t!r}")
        if t.strip() not in out:
            out.append(t.strip())
    return tuple(out)


def _record_values(rec: aio.Record) -> db.Values:
    try:
        feature_id(rec.feature)
        return db.Values(
            label=_text(rec.label, "label") or None,
            tags=() if rec.tags is None else _tags(rec.tags),
            status=_status(rec.status or "unreviewed"),
            note=_text(rec.note, "note") or None,
        )
    except AnnotationError as e:
        raise AnnotationError(f"{rec.where}: {e}") from None


def _merge(
    ours: db.Values, theirs: db.Values, on_conflict: OnConflict
) -> tuple[db.Values, list[tuple[str, object, object]]]:
    """Fill our empty fields from theirs; a field set on both sides and different clashes."""
    empty, merged, clashes = db.Values(), {}, []
    for name in _FIELDS:
        o, t = getattr(ours, name), getattr(theirs, name)
        keep_ours = t == getattr(empty, name) or o == t
        if not keep_ours and o != getattr(empty, name):
            clashes.append((name, o, t))
            keep_ours = on_conflict != "theirs"
        merged[name] = o if keep_ours else t
    return db.Values(**merged), clashes


def _datetimes(col: pd.Series) -> pd.Series:
    return pd.to_datetime(col, utc=True, format="ISO8601")
