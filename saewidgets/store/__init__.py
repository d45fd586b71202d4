"""store: the store folder on disk: meta.json, the sparse record, reading and atomic writing.

Knows files, not analysis. Never imports torch. May import ``models``, ``saes``,
``annotations`` and the ground (it needs none but the ground).
"""
