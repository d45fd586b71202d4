"""widgets.export: a view outside a live kernel.

Standalone HTML (``to_html``), the static snapshot a view's output carries (inline SVG),
altair figures (``to_altair``) and the nbconvert exporter that shows the snapshots. A view
calls these lazily; they import only the views' wire modules (``_codecs``, ``_carddata``,
``_columns``), never a view.
"""
