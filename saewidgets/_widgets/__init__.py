"""anywidget widgets over the analysis results; public names are re-exported by ``saewidgets``."""
