"""An nbconvert exporter whose HTML shows every saewidgets view offline.

``jupyter nbconvert --to html --execute`` stores the widget state, and nbconvert then draws every
widget with ipywidgets' manager loaded from a CDN: offline the report is blank where the views
were. ``jupyter nbconvert --to saewidgets-html --execute report.ipynb`` (this exporter, registered
under ``nbconvert.exporters``) writes the same HTML but shows each saewidgets view as the static
snapshot its output carries (inline SVG, no script); other widgets keep their live view.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SNAPSHOT_CLASS = "saewidgets-snapshot"


class SnapshotPreprocessor(Preprocessor):  # type: ignore[misc]
    """Drop the widget view of each output that carries a saewidgets snapshot, so the snapshot
    is drawn; drop the stored widget state when no widget view is left (no CDN script)."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Edit ``nb`` in place (nbconvert hands each exporter its own copy)."""
        left = False
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if WIDGET_VIEW in data and SNAPSHOT_CLASS in str(data.get("text/html", "")):
                    del data[WIDGET_VIEW]
                left = left or WIDGET_VIEW in data
        if not left:
            nb.metadata.pop("widgets", None)
        return nb, resources


class SnapshotHTMLExporter(HTMLExporter):  # type: ignore[misc]
    """HTML like ``--to html``, with each saewidgets view as its offline snapshot."""

    export_from_notebook = "HTML with saewidgets snapshots"

    def _init_preprocessors(self) -> None:
        super()._init_preprocessors()
        self.register_preprocessor(SnapshotPreprocessor, enabled=True)  # last: after --execute
