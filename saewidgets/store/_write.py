"""Writing a store folder safely: filled in a marked temporary sibling, swapped into place.

Only a folder whose ``meta.json`` says it is a FeatureStore is ever replaced; the old store stays
readable until one atomic exchange puts the new one in its place. Temporary folders carry a
marker file naming the process that made them, so stale ones of ours can be removed without
ever touching anything else.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import socket
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

from saewidgets._errors import StoreError

MARKER = ".saewidgets-partial"  # inside every temporary folder this module creates
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def is_store_folder(path: Path) -> bool:
    """True when ``path`` is a folder whose ``meta.json`` describes a FeatureStore."""
    try:
        data = json.loads((path / "meta.json").read_text())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and {"format_version", "sae_fingerprint", "d_sae"} <= set(data)


def check_target(target: Path, overwrite: bool) -> None:
    """Raise StoreError unless ``target`` is free, or a store that ``overwrite`` may replace."""
    resolved = target.resolve()
    if resolved == Path.cwd().resolve() or resolved in Path.cwd().resolve().parents:
        raise StoreError(
            f"out={str(target)!r} is the working directory (or contains it); saewidgets will not "
            "write a store over it. Pass a new folder name, e.g. out='my-store'."
        )
    if not os.path.lexists(target):
        return
    if not target.is_dir() or target.is_symlink():
        raise StoreError(
            f"{target} exists and is not a FeatureStore folder; saewidgets never replaces "
            "what it did not create. Choose another out folder."
        )
    if not is_store_folder(target):
        raise StoreError(
            f"{target} exists and is not a FeatureStore (no meta.json saying so); saewidgets "
            "never deletes what it did not create. Choose another out folder, or remove it "
            "yourself if it is yours to delete."
        )
    if not overwrite:
        raise StoreError(f"{target} already exists; pass overwrite=True or another out folder.")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(parent: Path, name: str) -> list[Path]:
    """Tidy temporary folders of ours for ``name`` in ``parent`` whose process has died: a
    complete store whose swap was cut short goes back to ``name`` when that is free, the rest
    is removed; a folder without our marker is never touched. Returns the folders handled."""
    handled = []
    host = socket.gethostname()
    for path in sorted(parent.glob(f".{name}.tmp-*")):
        try:
            owner = json.loads((path / MARKER).read_text())
            pid, where = int(owner["pid"]), str(owner["host"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if path.is_symlink() or where != host or _alive(pid):
            continue
        target = parent / name
        if not os.path.lexists(target) and is_store_folder(path):
            (path / MARKER).unlink()
            os.rename(path, target)
            note = f"{path} (a complete store, moved back to {target})"
        else:
            shutil.rmtree(path, ignore_errors=True)
            note = f"{path} (removed)"
        handled.append(path)
        warnings.warn(
            f"Tidied a folder left by an interrupted saewidgets write: {note}.", stacklevel=1
        )
    return handled


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux (or an old libc)
        return False
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _mark(folder: Path) -> None:
    (folder / MARKER).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))


def write_store_atomically(target: Path, overwrite: bool, fill: Callable[[Path], None]) -> None:
    """Run ``fill`` on a fresh temporary sibling folder of ``target``, then put it in place;
    on any failure the partial folder is removed and an existing ``target`` is untouched."""
    check_target(target, overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(target.parent, target.name)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    _mark(tmp)
    try:
        fill(tmp)
        check_target(target, overwrite)  # the folder may have changed while we worked
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        exc.add_note(f"saewidgets: removed the partial output {tmp}; {target} is as it was.")
        raise
    if not os.path.lexists(target):
        os.rename(tmp, target)
    else:
        _mark(target)  # from here on, a crash leaves both folders recognisably ours
        if not _exchange(tmp, target):  # no atomic swap: two renames, undone by a later run
            os.rename(target, tmp.with_name(tmp.name + "-old"))
            os.rename(tmp, target)
            tmp = tmp.with_name(tmp.name + "-old")
        shutil.rmtree(tmp)  # the old store
    (target / MARKER).unlink()
