"""File formats for annotations: CSV, JSON and Neuronpedia explanation records.

This module only reads and writes files; validation of values and merging into the database
happen in ``saewidgets.annotations._annotations``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saewidgets._errors import AnnotationError
from saewidgets.annotations._db import Annotation

JSON_FORMAT = "saewidgets.annotations"
CSV_COLUMNS = ("feature", "label", "tags", "status", "note", "author", "created", "updated")
#: the best-scored LLM explanation of each feature, after the annotation's columns
SCORE_COLUMNS = tuple(f"{m}{s}" for m in ("detection", "fuzz") for s in ("", "_baseline", "_n"))
EXPLANATION_COLUMNS = ("explanation", "explanation_model", *SCORE_COLUMNS)
NEURONPEDIA_TYPE = "saewidgets_manual"


@dataclass(frozen=True)
class Record:
    """One annotation read from a file, before validation; ``where`` locates it for errors."""

    where: str
    feature: int
    label: str | None = None
    tags: tuple[str, ...] | None = None
    status: str | None = None
    note: str | None = None
    author: str | None = None


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell made inert for spreadsheets: one that starts a formula gets a leading ``'``
    (as OWASP advises; the cell is quoted when written). A cell already starting with ``'``
    gets one too, so that ``read_csv`` can take exactly one off and give the text back."""
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def _uncell(text: str | None) -> str | None:
    """The text of a cell written by ``csv_cell``."""
    if text is not None and text.startswith("'") and text[1:].startswith((*FORMULA_STARTS, "'")):
        return text[1:]
    return text


def _annotation_cells(r: Annotation | None) -> list[object]:
    if r is None:  # a feature with an LLM explanation and no annotation
        return [""] * (len(CSV_COLUMNS) - 1)
    return [
        csv_cell(r.label or ""),
        json.dumps(list(r.tags), ensure_ascii=False),
        r.status,
        csv_cell(r.note or ""),
        csv_cell(r.author),
        r.created.isoformat(),
        r.updated.isoformat(),
    ]


def _explanation_cells(row: dict[str, Any] | None) -> list[object]:
    if row is None:
        return [""] * len(EXPLANATION_COLUMNS)
    cells: list[object] = [csv_cell(row["explanation"]), csv_cell(row["model"])]
    return cells + ["" if _missing(row[c]) else row[c] for c in SCORE_COLUMNS]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def write_csv(
    path: str | os.PathLike[str],
    rows: Iterable[Annotation],
    explanations: dict[int, dict[str, Any]] | None = None,
) -> None:
    """Write one CSV line per annotated or explained feature; tags are a JSON list in one cell;
    then the feature's best LLM explanation (``explanations``: feature -> its fields) and its
    scores. Every cell is quoted and text cells that a spreadsheet would run as formulas are
    escaped (``csv_cell``)."""
    by_feature = {r.feature: r for r in rows}
    explained = explanations or {}
    with _atomic(path) as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow((*CSV_COLUMNS, *EXPLANATION_COLUMNS))
        for feature in sorted(set(by_feature) | set(explained)):
            writer.writerow(
                [
                    feature,
                    *_annotation_cells(by_feature.get(feature)),
                    *_explanation_cells(explained.get(feature)),
                ]
            )


def read_csv(path: str | os.PathLike[str]) -> list[Record]:
    """Read a CSV with a ``feature`` column and any of label, tags, status, note, author."""
    with _open_text(path) as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or "feature" not in reader.fieldnames:
            raise AnnotationError(
                f"{path}: the CSV has no 'feature' column (columns: {reader.fieldnames}); "
                f"the first line must name the columns, e.g. {','.join(CSV_COLUMNS)}"
            )
        records = []
        for line, raw in enumerate(reader, start=2):
            where = f"{path} line {line}"
            cells = {k: (v or None) for k, v in raw.items() if k is not None}
            if cells.get("explanation") and not any(cells.get(c) for c in CSV_COLUMNS[1:]):
                continue  # an LLM explanation alone (as export_csv writes it): no annotation
            tags = cells.get("tags")
            records.append(
                Record(
                    where=where,
                    feature=_int(cells.get("feature"), where),
                    label=_uncell(cells.get("label")),
                    tags=None if tags is None else _csv_tags(tags, where),
                    status=cells.get("status"),
                    note=_uncell(cells.get("note")),
                    author=_uncell(cells.get("author")),
                )
            )
    return records


def write_json(
    path: str | os.PathLike[str],
    sae_id: str,
    rows: Iterable[Annotation],
    explanations: list[dict[str, Any]] | None = None,
) -> None:
    """Write ``{"format", "version", "sae_id", "annotations": [...], "explanations": [...]}``
    as UTF-8 JSON; each explanation has its feature, model, text, time and latest scores."""
    doc: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": 1,
        "sae_id": sae_id,
        "annotations": [
            {
                "feature": r.feature,
                "label": r.label,
                "tags": list(r.tags),
                "status": r.status,
                "note": r.note,
                "author": r.author,
                "created": r.created.isoformat(),
                "updated": r.updated.isoformat(),
            }
            for r in rows
        ],
        "explanations": [
            {k: None if _missing(v) else v for k, v in e.items()} for e in explanations or []
        ],
    }
    with _atomic(path) as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, allow_nan=False)


def read_json(path: str | os.PathLike[str]) -> tuple[str | None, list[Record]]:
    """Read a file written by ``write_json`` (or a bare list of annotation objects)."""
    doc = _load_json(path)
    sae_id = None
    if isinstance(doc, dict):
        if "annotations" not in doc:
            raise AnnotationError(
                f"{path}: a JSON object needs an 'annotations' list; "
                "write a saewidgets export or a plain list of annotation objects"
            )
        version = doc.get("version", 1)
        if (
            isinstance(version, bool)
            or version != 1
            or doc.get("format", JSON_FORMAT) != JSON_FORMAT
        ):
            raise AnnotationError(
                f"{path}: format {doc.get('format')!r} version {version!r} is not a saewidgets "
                f"annotations export this version reads ({JSON_FORMAT!r} version 1); upgrade "
                "saewidgets, or export the annotations again"
            )
        sae_id, doc = doc.get("sae_id"), doc["annotations"]
    if not isinstance(doc, list):
        raise AnnotationError(f"{path}: expected a list of annotation objects")
    records = []
    for i, item in enumerate(doc):
        where = f"{path} item {i}"
        if not isinstance(item, dict) or "feature" not in item:
            raise AnnotationError(f"{where}: each annotation must be an object with a 'feature'")
        tags = item.get("tags")
        if tags is not None and (
            not isinstance(tags, list) or not all(isinstance(t, str) for t in tags)
        ):
            raise AnnotationError(f"{where}: 'tags' must be a list of strings, got {tags!r}")
        records.append(
            Record(
                where=where,
                feature=_int(item["feature"], where),
                label=_opt_str(item, "label", where),
                tags=None if tags is None else tuple(tags),
                status=_opt_str(item, "status", where),
                note=_opt_str(item, "note", where),
                author=_opt_str(item, "author", where),
            )
        )
    return sae_id, records


def read_json_explanations(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The ``explanations`` of a file written by ``write_json`` (none in older files), each
    checked: an int ``feature``, non-empty ``model`` and ``explanation`` strings, and numbers
    (or null) for the scores."""
    doc = _load_json(path)
    items = doc.get("explanations", []) if isinstance(doc, dict) else []
    if not isinstance(items, list):
        raise AnnotationError(f"{path}: 'explanations' must be a list, got {items!r}")
    out = []
    for i, item in enumerate(items):
        where = f"{path} explanation {i}"
        if not isinstance(item, dict):
            raise AnnotationError(f"{where}: each explanation must be an object, got {item!r}")
        for key in ("model", "explanation"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise AnnotationError(f"{where}: {key!r} must be a non-empty string")
        for key in SCORE_COLUMNS:
            v = item.get(key)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise AnnotationError(f"{where}: {key!r} must be a number or null, got {v!r}")
        out.append({**item, "feature": _int(item.get("feature"), where)})
    return out


def write_neuronpedia(
    path: str | os.PathLike[str], rows: Iterable[Annotation], model_id: str, layer: str
) -> None:
    """Write labelled features as a JSON list of Neuronpedia explanation records."""
    records = [
        {
            "modelId": model_id,
            "layer": layer,
            "index": str(r.feature),
            "description": r.label,
            "typeName": NEURONPEDIA_TYPE,
            "explanationModelName": None,
        }
        for r in rows
        if r.label is not None
    ]
    with _atomic(path) as f:
        json.dump(records, f, ensure_ascii=False, indent=1)


def read_neuronpedia(
    path: str | os.PathLike[str], model_id: str | None, layer: str | None
) -> list[Record]:
    """Read Neuronpedia explanations (JSON list or JSON lines, optionally .gz) as labels.

    Only records of ``model_id``/``layer`` are kept; the first explanation of each index wins.
    """
    items = list(_neuronpedia_items(path))
    sources = sorted({(str(i.get("modelId")), str(i.get("layer"))) for i in items})
    if model_id is None and layer is None and len(sources) > 1:
        listed = ", ".join(f"{m}/{lay}" for m, lay in sources)
        raise AnnotationError(
            f"{path} holds explanations of several SAEs ({listed}); "
            "pass model_id= and layer= to choose one"
        )
    seen: set[int] = set()
    records = []
    for i, item in enumerate(items):
        if model_id is not None and item.get("modelId") != model_id:
            continue
        if layer is not None and item.get("layer") != layer:
            continue
        where = f"{path} record {i}"
        feature = _int(item.get("index"), where)
        description = item.get("description")
        if feature in seen or not isinstance(description, str) or not description:
            continue
        seen.add(feature)
        records.append(Record(where=where, feature=feature, label=description))
    return records


def _neuronpedia_items(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    text = _read_text(path)
    try:
        doc = json.loads(text)
        lines = doc if isinstance(doc, list) else [doc]
    except json.JSONDecodeError:
        try:
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            raise AnnotationError(
                f"{path} is neither a JSON list nor JSON lines ({e}); "
                "export explanations from Neuronpedia as JSON"
            ) from e
    for item in lines:
        if not isinstance(item, dict):
            raise AnnotationError(f"{path}: each explanation must be a JSON object, got {item!r}")
        yield item


def _csv_tags(cell: str, where: str) -> tuple[str, ...]:
    if cell.lstrip().startswith("["):
        try:
            tags = json.loads(cell)
        except json.JSONDecodeError as e:
            raise AnnotationError(f"{where}: tags cell {cell!r} is not a JSON list ({e})") from e
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise AnnotationError(f"{where}: tags must be a list of strings, got {cell!r}")
        return tuple(tags)
    return tuple(t.strip() for t in cell.split(";") if t.strip())


def _int(value: object, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())  # ASCII digits only: "١٢" or "²" are not feature ids
    raise AnnotationError(f"{where}: feature id must be a non-negative integer, got {value!r}")


def _opt_str(item: dict[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise AnnotationError(f"{where}: {key!r} must be a string or null, got {value!r}")
    return value


def _load_json(path: str | os.PathLike[str]) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as e:
        raise AnnotationError(f"{path} is not valid JSON ({e})") from e


def _read_text(path: str | os.PathLike[str]) -> str:
    with _open_text(path) as f:
        return f.read()


_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16", b"\x00\x00\xfe\xff": "UTF-32"}


def _open_text(path: str | os.PathLike[str]) -> io.StringIO:
    """The file's text, UTF-8 with or without a byte-order mark (gzip allowed); any other
    encoding is refused with a clear error rather than read as mojibake."""
    p = Path(path)
    if not p.is_file():
        raise AnnotationError(f"cannot import {p}: no such file")
    try:
        data = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
    except (OSError, EOFError) as e:
        raise AnnotationError(f"cannot import {p}: damaged gzip file ({e})") from None
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            raise AnnotationError(
                f"cannot import {p}: it is {name}-encoded; save it as UTF-8 (e.g. 'CSV UTF-8' "
                "in Excel, or open it in an editor and save with encoding UTF-8)"
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise AnnotationError(
            f"cannot import {p}: it is not UTF-8 (byte {data[e.start]:#04x} at offset "
            f"{e.start}); it is probably in a legacy encoding such as Windows-1252 or "
            "Latin-1: save it as UTF-8 and import again"
        ) from None
    return io.StringIO(text, newline="")


class _atomic:
    """Open a temporary text file beside ``path``; rename it over ``path`` on success."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __enter__(self) -> Any:
        if not self.path.parent.is_dir():
            raise AnnotationError(
                f"cannot write {self.path}: folder {self.path.parent} does not exist"
            )
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        self.file = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.file.close()  # may fail too (a full disk shows on the last flush)
            if exc_type is None:
                os.chmod(self.tmp, 0o666 & ~_umask())
                os.replace(self.tmp, self.path)
        finally:
            if os.path.lexists(self.tmp):  # a failed write leaves no temporary file behind
                os.unlink(self.tmp)


def _umask() -> int:
    """The process's umask: read from /proc where there is one (setting it to read it would
    race with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def neuronpedia_explanations(
    records: Any, model_id: str | None, source: str | None
) -> list[tuple[int, str, str]]:
    """(feature, text, model) of Neuronpedia database explanation records (``description``,
    ``typeName``, ``explanationModelName``; ``source`` or the older ``layer``): a list of
    dicts, or a JSON / JSON-lines file of them. The model is ``explanationModelName``, else
    ``typeName``, else ``"neuronpedia"``; records of another model_id/source are skipped."""
    is_path = isinstance(records, (str, os.PathLike))
    items = list(_neuronpedia_items(records)) if is_path else records
    if not isinstance(items, (list, tuple)):
        raise AnnotationError(
            f"records are Neuronpedia explanation dicts (a list) or a JSON file, got {records!r}"
        )
    out = []
    for i, item in enumerate(items):
        where = f"{records if is_path else 'records'}[{i}]"
        if not isinstance(item, dict):
            raise AnnotationError(f"{where} is not a JSON object: {item!r}")
        src = item.get("source", item.get("layer"))
        if (model_id is not None and item.get("modelId") != model_id) or (
            source is not None and src != source
        ):
            continue
        text = item.get("description")
        if not isinstance(text, str) or not text.strip():
            raise AnnotationError(f"{where} has no 'description' text: {item!r}")
        model = item.get("explanationModelName") or item.get("typeName") or "neuronpedia"
        out.append((_int(item.get("index"), where), text, str(model)))
    return out
