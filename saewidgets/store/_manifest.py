"""What a store folder consists of: ``manifest.json`` lists every file a write made, with its
size and sha256, so that overwriting replaces only what saewidgets wrote and damage of the
right size is found (``check_files``).

Stores written before manifests existed are recognised by the fixed set of names a store
writes (``LEGACY``); anything else in their folder is foreign too.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from saewidgets._errors import StoreError

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
CHEAP_BYTES = 8 << 20  # files up to this size are checksummed whenever a store opens
_RECORD = ("tok_nnz", "tok_feature", "tok_value", "feat_indptr", "feat_token", "feat_value")
_REQUIRED = (
    "meta.json",
    "features.parquet",
    "accumulators.safetensors",
    "weights.safetensors",
    "vocab.json",
    "tokens.bin",
    "seq_len.bin",
    *(f"record/{n}.bin" for n in _RECORD),
)
# every name a store writes (test_ownership checks it against a new store's manifest)
LEGACY = (*_REQUIRED, "logits.safetensors", "token_bytes.json", "token_index.safetensors")


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read 8 MiB at a time."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 << 20):
            h.update(chunk)
    return h.hexdigest()


def _files(folder: Path) -> list[str]:
    """Relative paths of every entry below ``folder`` that is not a directory, sorted."""
    out = []
    for root, dirs, names in os.walk(folder):
        rel = Path(root).relative_to(folder)
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        out += [(rel / n).as_posix() for n in (*names, *links)]
    return sorted(out)


def write_manifest(folder: Path, ignore: Iterable[str] = ()) -> None:
    """Write ``manifest.json``: size and sha256 of every file in ``folder`` (its last step)."""
    skip = {MANIFEST, *ignore}
    files = {
        rel: {"size": (folder / rel).stat().st_size, "sha256": sha256_file(folder / rel)}
        for rel in _files(folder)
        if rel not in skip
    }
    doc = {"format": "saewidgets-store-manifest", "version": MANIFEST_VERSION, "files": files}
    (folder / MANIFEST).write_text(json.dumps(doc, indent=1))


def read_manifest(folder: Path) -> dict[str, dict[str, object]] | None:
    """``{relative path: {"size", "sha256"}}`` from ``manifest.json``; None for a store written
    before manifests; StoreError when the file is damaged."""
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = doc["files"]
        version = doc["version"]
        ok = all(
            isinstance(e, dict)
            and isinstance(e.get("size"), int)
            and isinstance(e.get("sha256"), str)
            for e in files.values()
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(
            f"{path} is damaged ({exc}); copy the store again or harvest it again."
        ) from exc
    if not ok or version != MANIFEST_VERSION or "meta.json" not in files:
        raise StoreError(
            f"{path} is not a store manifest of version {MANIFEST_VERSION}; copy the store again, "
            "harvest it again, or upgrade saewidgets."
        )
    return files


def is_store_folder(path: Path) -> bool:
    """True when ``path`` holds a FeatureStore: a ``meta.json`` describing one and the files
    its manifest lists (or, for an older store, every file a store has); a folder holding a
    copy of a store's ``meta.json`` alone is not one."""
    try:
        data = json.loads((path / "meta.json").read_text())
        files = read_manifest(path)
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or not {"format_version", "sae_fingerprint", "d_sae"} <= set(
        data
    ):
        return False
    if files is None:
        return all((path / rel).is_file() for rel in _REQUIRED)
    return all(
        (path / rel).is_file() and (path / rel).stat().st_size == entry["size"]
        for rel, entry in files.items()
    )


def foreign_entries(folder: Path, ignore: Iterable[str] = ()) -> list[str]:
    """Entries of a store folder that no store write made: files missing from its manifest
    (or, for an older store, not among ``LEGACY``), with folders holding only those shown once
    as ``name/``."""
    files = read_manifest(folder)
    own = {MANIFEST, *ignore, *(LEGACY if files is None else files)}
    own_dirs = {p.as_posix() for rel in own for p in Path(rel).parents if p != Path(".")}
    foreign = []
    for root, dirs, names in os.walk(folder):
        rel = Path(root).relative_to(folder)
        for d in sorted(dirs):
            if (rel / d).as_posix() not in own_dirs:
                foreign.append((rel / d).as_posix() + "/")
        dirs[:] = [d for d in dirs if (rel / d).as_posix() in own_dirs]
        foreign += [(rel / n).as_posix() for n in sorted(names) if (rel / n).as_posix() not in own]
    return sorted(foreign)


def check_files(folder: Path, files: dict[str, dict[str, object]], full: bool) -> list[str]:
    """Problems of ``folder``'s files against its manifest: missing, other size, or (for files
    up to ``CHEAP_BYTES``, or all with ``full``) other contents. Empty when all match."""
    problems = []
    for rel, entry in files.items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.stat().st_size != entry["size"]:
            problems.append(f"{path} holds {path.stat().st_size} bytes, not {entry['size']}")
        elif (full or path.stat().st_size <= CHEAP_BYTES) and sha256_file(path) != entry["sha256"]:
            problems.append(f"{path} has other contents than were written (checksum differs)")
    return problems
