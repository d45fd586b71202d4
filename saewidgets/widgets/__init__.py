"""widgets: anywidget views over analysis results, their HTML export and static figures.

May import ``analysis``, ``store``, ``annotations`` and the ground; never ``harvesting`` or
``demo`` (a live view that runs text uses the Lens it was given, duck-typed). Public names are
re-exported lazily by ``saewidgets``.
"""
