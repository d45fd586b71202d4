"""analysis: functions of a store (and SAE weights) returning frozen dataclasses or DataFrames:
examples, histograms, logit weights, geometry, the all-pairs grid, the summary; and
``FeatureStore``, the public facade whose methods delegate to these modules.

May import ``store`` and the layers below it.
"""
