"""widgets: anywidget views over analysis results, with their wire codecs and data builders.

``widgets.export`` holds a view outside a live kernel (standalone HTML, snapshots, altair
figures, the nbconvert exporter). May import ``analysis``, ``store``, ``annotations`` and the
ground; never ``harvesting``, ``models`` or ``demo`` (a live view that runs text uses the Lens
it was given, duck-typed). Public names are re-exported lazily by ``saewidgets``.
"""
