"""Standalone HTML export: one file with the widget's bundle, its state and recorded answers.

The page runs ``static/standalone.js`` (inlined, allowed by a CSP hash), which loads the widget's
bundle from a ``blob:`` URL and calls its ``render`` with an in-page model. A composed widget's
children (widgets held in its synced traits, e.g. the Explorer's map and card) are exported with
it under ``widgets`` by model id, and rendered through an in-page ``host`` as anywidget does.
Binary arrays are base64-encoded, gzip-compressed first where that pays (``pack``). Answers to
many requests (``_packed_requests``, e.g. a card per feature of a wide SAE) are stored in gzip
blocks of ``PACK_BLOCK`` answers, found by a hash of the request, and decoded by the page only
when one of them is asked for. The JSON block has ``<``, ``>`` and ``&`` escaped, so no string in
the data can close the script element or open a comment.
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


#: Recorded answers per compressed block of a packed export (``_packed_requests``).
PACK_BLOCK = 256


def block_of(key: str, n_blocks: int) -> int:
    """The block holding the answer to request ``key``: FNV-1a (32 bit) of its UTF-8 bytes
    modulo ``n_blocks`` (mirrors ``blockOf`` in ``js/src/lib/pack.ts``)."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % n_blocks


def pack_block(entries: list[tuple[str, Any, list[memoryview]]]) -> str:
    """Recorded answers ``(key, response, buffers)`` as one base64 gzip block: a little-endian
    uint32 length, the JSON ``[[key, response, [buffer lengths]], ...]``, then every buffer
    (each padded to 4 bytes) split into 4 byte planes (``unpackBlock`` in ``pack.ts``)."""
    head = [[key, response, [len(b) for b in buffers]] for key, response, buffers in entries]
    text = json.dumps(head, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    data = text.encode("utf-8")
    binary = b"".join(bytes(b) + b"\0" * (-len(b) % 4) for _, _, bs in entries for b in bs)
    planes = np.frombuffer(binary, np.uint8).reshape(-1, 4).T.tobytes()
    raw = len(data).to_bytes(4, "little") + data + planes
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def packed_answers(widget: SaeWidget, requests: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The answers to ``requests`` in ``ceil(n / PACK_BLOCK)`` blocks (``pack_block``), each
    request in block ``block_of(key)``; answers are computed a block at a time."""
    if not requests:
        return []
    n_blocks = -(-len(requests) // PACK_BLOCK)
    todo: list[list[tuple[str, str, dict[str, Any]]]] = [[] for _ in range(n_blocks)]
    for name, msg in requests:
        key = request_key(name, msg)
        todo[block_of(key, n_blocks)].append((key, name, msg))
    commands = getattr(type(widget), "_anywidget_commands", {})
    answered_by = getattr(widget, "_export_answers", {})
    blocks = []
    desc = f"export {type(widget).__name__} (packed)"
    bar = tqdm(total=len(requests), desc=desc, disable=len(requests) < 50)
    for block in todo:
        entries = []
        for key, name, msg in block:
            response, out = commands[answered_by.get(name, name)](widget, msg, [])
            entries.append((key, response, out))
        blocks.append(pack_block(entries))
        bar.update(len(block))
    bar.close()
    return blocks


def child_widgets(widget: SaeWidget) -> list[SaeWidget]:
    """The widgets held in ``widget``'s synced traits (a composed widget's children)."""
    values = (getattr(widget, name) for name in widget.data_traits())
    return [v for v in values if hasattr(v, "_recorded_requests") and hasattr(v, "model_id")]


def _part(widget: SaeWidget, packed: bool = True) -> dict[str, Any]:
    """One widget's bundle source, state, buffers and recorded responses (the packed ones
    left out with ``packed=False``)."""
    state = widget.get_state(key=widget.data_traits())
    state, paths, buffers = extract_buffers(state)
    coded = [pack(b) for b in buffers]
    commands = getattr(type(widget), "_anywidget_commands", {})
    answered_by = getattr(widget, "_export_answers", {})
    responses = {}
    recorded = list(widget._recorded_requests())
    bar = tqdm(recorded, desc=f"export {type(widget).__name__}", disable=len(recorded) < 50)
    for name, msg in bar:
        response, out = commands[answered_by.get(name, name)](widget, msg, [])
        responses[request_key(name, msg)] = {"response": response, "buffers": _b64(out)}
    asked = list(getattr(widget, "_packed_requests", list)()) if packed else []
    return {
        "esm": str(widget._esm),
        "state": state,
        "buffer_paths": paths,
        "buffers": [data for _, data in coded],
        "codecs": [codec for codec, _ in coded],
        "responses": responses,
        "packed": packed_answers(widget, asked),
    }


def export_payload(widget: SaeWidget, packed: bool = True) -> dict[str, Any]:
    """The data block of an export: the widget's part and, under ``widgets``, the part of
    every widget it holds (at any depth) by model id."""
    parts: dict[str, Any] = {}
    todo = child_widgets(widget)
    while todo:
        child = todo.pop()
        if child.model_id not in parts:
            parts[child.model_id] = _part(child, packed)
            todo.extend(child_widgets(child))
    return {**_part(widget, packed), "widgets": parts}


def export_html(widget: SaeWidget, *, title: str | None = None, packed: bool = True) -> str:
    """The standalone HTML page of ``widget`` as a string (``packed=False``: without the
    packed answers, for size estimates)."""
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
        data=script_json(export_payload(widget, packed)),
        boot=boot,
    )


def write_html(
    widget: SaeWidget, path: str | pathlib.Path, *, title: str | None = None
) -> pathlib.Path:
    """Write :func:`export_html` to ``path`` (UTF-8) and return the path."""
    out = pathlib.Path(path)
    out.write_text(export_html(widget, title=title), encoding="utf-8")
    return out
