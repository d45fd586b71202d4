"""The trainer of the demo SAEs shipped in ``saewidgets/data/demo_saes`` (not part of the package).

``train`` (TopK + AuxK, ReLU + L1, the cluster preset, SAELens-format saving), ``evaluate``
(explained variance, CE loss recovered, densities, the cluster), ``activations`` (the corpus as
token rows, the model's activations cached on disk). ``scripts/train_demo_saes.py`` runs them;
the tests in ``tests/demo_training`` import them with ``scripts/`` on the path.
"""
