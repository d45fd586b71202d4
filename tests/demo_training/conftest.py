"""The demo SAE trainer lives in scripts/demo_training (not shipped in the package): its tests
import it as ``scripts/train_demo_saes.py`` does, with ``scripts/`` on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = str(Path(__file__).resolve().parents[2] / "scripts")
if SCRIPTS not in sys.path:
    sys.path.insert(0, SCRIPTS)
