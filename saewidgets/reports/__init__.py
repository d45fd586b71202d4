"""reports: the files ``saewidgets demo`` writes into its report folder.

The feature table, ``summary.txt``, the exported views (``map.html``, ``grid.html``,
``cards.html``, ``explorer.html``), the comparison and trajectory pages, and ``index.html``
linking them. May import ``widgets`` and the layers ``widgets`` may; never ``demo``, ``models``
or ``harvesting`` (the demo job harvests and hands the results here).
"""
