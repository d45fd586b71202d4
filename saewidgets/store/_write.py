"""Writing a store folder atomically: filled in a temporary sibling, renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from saewidgets._errors import StoreError


def write_store_atomically(target: Path, overwrite: bool, fill: Callable[[Path], None]) -> None:
    """Run ``fill`` on a fresh temporary sibling folder of ``target``, then rename it into place;
    on any failure nothing is left behind and an existing ``target`` is untouched."""
    if target.exists() and not overwrite:
        raise StoreError(f"{target} already exists; pass overwrite=True or another out folder.")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        fill(tmp)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
