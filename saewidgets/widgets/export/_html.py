"""Standalone HTML export: one file with the widget's bundle, its state and recorded answers.

The page runs ``static/standalone.js`` (inlined, allowed by a CSP hash), which loads the widget's
bundle from a ``blob:`` URL and calls its ``render`` with an in-page model. A composed widget's
children (widgets held in its synced traits, e.g. the Explorer's map and card) are exported with
it under ``widgets`` by model id, and rendered through an in-page ``host`` as anywidget does.
Binary arrays are base64-encoded, gzip-compressed first where that pays (``pack``); a widget may
give the state its export embeds (``_export_state``, e.g. values at the precision shown). The
JSON block has ``<``, ``>`` and ``&`` escaped, so no string
in the data can close the script element or open a comment.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import pathlib
from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np
from tqdm.auto import tqdm

from saewidgets.widgets._codecs import extract_buffers


class SaeWidget(Protocol):
    """What an export reads of a widget (``saewidgets.widgets._base.SaeWidget`` has it)."""

    _esm: Any
    model_id: str

    def get_state(self, key: Any = None) -> dict[str, Any]: ...

    def data_traits(self) -> list[str]: ...

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]: ...


_STATIC = pathlib.Path(__file__).resolve().parents[2] / "static"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="saewidgets">
<title>{title}</title>
<style>body {{ margin: 16px; background: #fff; color: #1f2328; }}</style>
</head>
<body>
<div id="saewidgets-root"></div>
<script type="application/json" id="saewidgets-data">{data}</script>
<script type="module">{boot}</script>
</body>
</html>
"""


def request_key(name: str, msg: Any) -> str:
    """The lookup key of a recorded request (mirrors ``requestKey`` in ``request.ts``)."""
    return json.dumps([name, msg], sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, ``<!--`` or ``]]>``)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _b64(buffers: list[memoryview]) -> list[str]:
    return [base64.b64encode(b).decode("ascii") for b in buffers]


#: Buffers shorter than this are embedded as they are (compression would not pay).
PACK_MIN_BYTES = 4096


def pack(buffer: bytes | memoryview) -> tuple[str, str]:
    """A buffer as (codec, base64): gzip of its bytes split into 4 byte planes ("gzip4", for
    4-byte numbers: their exponent bytes compress well apart) or of the bytes as they are
    ("gzip"), when that saves a tenth; else ("", the bytes). ``standalone.ts`` undoes it with
    the browser's ``DecompressionStream``."""
    raw = bytes(buffer)
    best = ("", raw)
    if len(raw) >= PACK_MIN_BYTES:
        codec, data = "gzip", raw
        if len(raw) % 4 == 0:
            codec, data = "gzip4", np.frombuffer(raw, np.uint8).reshape(-1, 4).T.tobytes()
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        if len(packed) < 0.9 * len(raw):
            best = (codec, packed)
    return best[0], base64.b64encode(best[1]).decode("ascii")


def child_widgets(widget: SaeWidget) -> list[SaeWidget]:
    """The widgets held in ``widget``'s synced traits (a composed widget's children)."""
    values = (getattr(widget, name) for name in widget.data_traits())
    return [v for v in values if hasattr(v, "_recorded_requests") and hasattr(v, "model_id")]


def _part(widget: SaeWidget) -> dict[str, Any]:
    """One widget's bundle source, state, buffers and recorded responses."""
    state = widget.get_state(key=widget.data_traits())
    state = getattr(widget, "_export_state", lambda st: st)(state)
    state, paths, buffers = extract_buffers(state)
    packed = [pack(b) for b in buffers]
    commands = getattr(type(widget), "_anywidget_commands", {})
    answered_by = getattr(widget, "_export_answers", {})
    responses = {}
    recorded = list(widget._recorded_requests())
    bar = tqdm(recorded, desc=f"export {type(widget).__name__}", disable=len(recorded) < 50)
    for name, msg in bar:
        response, out = commands[answered_by.get(name, name)](widget, msg, [])
        responses[request_key(name, msg)] = {"response": response, "buffers": _b64(out)}
    return {
        "esm": str(widget._esm),
        "state": state,
        "buffer_paths": paths,
        "buffers": [data for _, data in packed],
        "codecs": [codec for codec, _ in packed],
        "responses": responses,
    }


def payload_size(value: Any) -> int:
    """Bytes ``value`` takes in an export's data block (JSON plus base64 buffers)."""
    data, _, buffers = extract_buffers(value)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return len(text.encode("utf-8")) + sum(4 * ((len(b) + 2) // 3) for b in buffers)


def export_payload(widget: SaeWidget) -> dict[str, Any]:
    """The data block of an export: the widget's part and, under ``widgets``, the part of
    every widget it holds (at any depth) by model id."""
    parts: dict[str, Any] = {}
    todo = child_widgets(widget)
    while todo:
        child = todo.pop()
        if child.model_id not in parts:
            parts[child.model_id] = _part(child)
            todo.extend(child_widgets(child))
    return {**_part(widget), "widgets": parts}


def export_html(widget: SaeWidget, *, title: str | None = None) -> str:
    """The standalone HTML page of ``widget`` as a string."""
    boot = (_STATIC / "standalone.js").read_text(encoding="utf-8")
    lowered = boot.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError("static/standalone.js cannot be inlined: it contains </script or <!--")
    digest = base64.b64encode(hashlib.sha256(boot.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; "
        f"script-src 'sha256-{digest}' blob:; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
    )
    return _PAGE.format(
        csp=csp,
        title=html.escape(title or f"saewidgets {type(widget).__name__}"),
        data=script_json(export_payload(widget)),
        boot=boot,
    )


def write_html(
    widget: SaeWidget, path: str | pathlib.Path, *, title: str | None = None
) -> pathlib.Path:
    """Write :func:`export_html` to ``path`` (UTF-8) and return the path."""
    out = pathlib.Path(path)
    out.write_text(export_html(widget, title=title), encoding="utf-8")
    return out
