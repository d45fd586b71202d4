"""The base class of every saewidgets widget and the ``request`` decorator for JS->Python calls."""

from __future__ import annotations

import functools
import json
import logging
import pathlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import anywidget
import traitlets
from anywidget.experimental import command

from saewidgets.widgets._codecs import extract_buffers

_log = logging.getLogger("saewidgets")
#: Kinds of the custom messages of the request path for hosts without ``invoke`` (``host.ts``).
REQUEST_KIND = "saewidgets-request"
RESPONSE_KIND = "saewidgets-response"
_NEEDS_KERNEL = (
    "A static snapshot: the interactive view needs a running kernel; "
    "use .to_html() for a kernel-free interactive copy."
)
_STATIC = pathlib.Path(__file__).resolve().parent.parent / "static"

W = TypeVar("W", bound="SaeWidget")


def bundle(name: str) -> pathlib.Path | str:
    """The built ES module ``static/<name>.js``, or a module that shows how to build it."""
    path = _STATIC / f"{name}.js"
    if path.is_file():
        return path
    message = (
        f"saewidgets: the JS bundle static/{name}.js is missing. Build it with "
        "`npm ci && npm run build` in js/ (pip install from a clone does this)."
    )
    return (
        "export default { render({ el }) { const p = document.createElement('pre');"
        f" p.textContent = {json.dumps(message)}; el.append(p); }} }};"
    )


def request(
    method: Callable[[W, dict[str, Any]], Any],
) -> Callable[[W, Any, list[bytes]], tuple[Any, list[memoryview]]]:
    """Make ``method(self, msg)`` callable from JS as ``request(invoke, name, msg)``.

    The return value may hold binary leaves (e.g. from ``array_to_json``); they travel as buffers.
    An exception becomes ``{"error": "Type: message"}``, which the widget shows.
    """

    @functools.wraps(method)
    def handler(self: W, msg: Any, buffers: list[bytes]) -> tuple[Any, list[memoryview]]:
        try:
            value, paths, out = extract_buffers(method(self, msg))
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the widget
            _log.debug("request %s failed", method.__name__, exc_info=True)
            return {"error": f"{type(exc).__name__}: {exc}"}, []
        return {"value": value, "buffer_paths": paths}, out

    return command(handler)


class SaeWidget(anywidget.AnyWidget):
    """Base of the saewidgets widgets: an error banner, strict keywords and ``to_html``."""

    error = traitlets.Unicode("").tag(sync=True)
    """Message shown in the widget's error banner; empty when all is well."""

    def __init__(self, **kwargs: Any) -> None:
        unknown = sorted(set(kwargs) - set(self.data_traits()))
        if unknown:
            raise TypeError(
                f"{type(self).__name__} got unexpected keyword argument(s): {', '.join(unknown)}"
            )
        super().__init__(**kwargs)
        self.on_msg(self._answer_message)

    def _answer_message(self, _widget: Any, content: Any, buffers: list[bytes]) -> None:
        """Answer a request sent over the custom-message channel (hosts without ``invoke``)."""
        if not isinstance(content, dict) or content.get("kind") != REQUEST_KIND:
            return
        commands = getattr(type(self), "_anywidget_commands", {})
        handler = commands.get(content.get("name"))
        if handler is None:
            response: Any = {"error": f"unknown request {content.get('name')!r}"}
            out: list[memoryview] = []
        else:
            response, out = handler(self, content.get("msg"), buffers)
        self.send({"kind": RESPONSE_KIND, "id": content.get("id"), "response": response}, out)

    @request
    def _ping(self, msg: dict[str, Any]) -> bool:
        """Answers at once: tells a page whether a kernel is behind it."""
        return True

    @classmethod
    def data_traits(cls) -> list[str]:
        """Names of the synced traits this widget adds to anywidget's own (what an export saves)."""
        base = set(anywidget.AnyWidget.class_trait_names(sync=True))
        names = cls.class_trait_names(sync=True)
        return sorted(n for n in names if n not in base and not n.startswith("_"))

    def to_html(self, path: str | pathlib.Path, *, title: str | None = None) -> pathlib.Path:
        """Write a standalone HTML file (bundle and data inlined; opens offline, no kernel)."""
        from saewidgets.widgets.export._html import write_html

        return write_html(self, path, title=title)

    def _recorded_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """(name, msg) pairs of requests whose answers a standalone export embeds."""
        return ()

    def _packed_requests(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """(name, msg) pairs whose answers an export stores in compressed blocks, decoded when
        asked for (``export._html.packed_answers``): many answers, few of them read."""
        return ()

    # -- what hosts that cannot run the widget show ----------------------------------------
    def _summary(self) -> str:
        """One line saying what the widget shows (its ``text/plain`` form)."""
        return type(self).__name__

    def _snapshot_html(self) -> str:
        """A static picture of the widget as HTML + inline SVG (no script)."""
        from saewidgets.widgets.export._snapshot import box, note

        return box(type(self).__name__, self._summary(), note(_NEEDS_KERNEL))

    def __repr__(self) -> str:
        try:
            return self._summary()
        except Exception as exc:  # noqa: BLE001 - a repr must not raise
            return f"{type(self).__name__} (summary failed: {type(exc).__name__}: {exc})"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The widget view plus fallbacks: a one-line summary and a static HTML snapshot, which
        nbconvert (without widget state), GitHub and Quarto show where the widget cannot run."""
        out = super()._repr_mimebundle_(**kwargs)
        if out is None:
            return None
        data, meta = out
        try:
            snapshot = self._snapshot_html()
        except Exception as exc:  # noqa: BLE001 - the live view must still display
            from saewidgets.widgets.export._snapshot import box, note

            snapshot = box(type(self).__name__, repr(self), note(f"no snapshot: {exc}"))
        return {**data, "text/plain": repr(self), "text/html": snapshot}, meta
