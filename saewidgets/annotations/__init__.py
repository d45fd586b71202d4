"""annotations: feature labels, tags, status and notes in SQLite, with history and files.

Owns the annotation database and its CSV/JSON/Neuronpedia file formats. May import only the ground
(``saewidgets._errors``); no other layer.
"""
