"""Writing a store folder safely: filled in a marked temporary sibling, swapped into place.

Only a folder that is a FeatureStore (its ``meta.json`` says so and the files its manifest
lists are there) and holds nothing else is ever replaced; the old store stays readable until
one atomic exchange puts the new one in its place. Temporary folders carry a marker file naming
the process and the store that made them, so stale ones of ours can be removed without ever
touching anything else.
"""

from __future__ import annotations

import ctypes
import json
import os
import secrets
import shutil
import socket
import warnings
from collections.abc import Callable
from pathlib import Path

from saewidgets._errors import ArgumentError, StoreError
from saewidgets.store._manifest import MANIFEST, foreign_entries, is_store_folder, write_manifest

MARKER = ".saewidgets-partial"  # inside every temporary folder this module creates
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_KINDS = ("tmp", "shards")  # temporary siblings of a store: .NAME.tmp-XXXX, .NAME.shards-XXXX

__all__ = ["MANIFEST", "MARKER", "is_store_folder", "store_path", "write_store_atomically"]


def store_path(out: str | os.PathLike[str]) -> Path:
    """``out`` as a Path, ``~`` expanded (a literal ``./~`` folder is never what was meant)."""
    return Path(os.fspath(out)).expanduser()


def check_overwrite(overwrite: object) -> bool:
    """``overwrite`` when it is a bool; ArgumentError for anything else (1, "no", None...)."""
    if not isinstance(overwrite, bool):
        raise ArgumentError(
            f"overwrite must be True or False, got {overwrite!r} ({type(overwrite).__name__}); "
            "a store is replaced only on an explicit overwrite=True."
        )
    return overwrite


def check_target(target: Path, overwrite: bool) -> None:
    """Raise StoreError unless ``target`` is free, or a store that ``overwrite`` may replace."""
    check_overwrite(overwrite)
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
            f"{target} exists and is not a FeatureStore (no meta.json and store files saying "
            "so); saewidgets never deletes what it did not create. Choose another out folder, "
            "or remove it yourself if it is yours to delete."
        )
    foreign = foreign_entries(target, ignore=(MARKER,))
    if foreign:
        shown = ", ".join(foreign[:10]) + (
            f" and {len(foreign) - 10} more" if len(foreign) > 10 else ""
        )
        raise StoreError(
            f"{target} is a FeatureStore but also holds {shown}, which saewidgets did not write; "
            "it never replaces what it did not create. Move those out of the folder, or choose "
            "another out folder."
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


def _owner(path: Path, name: str, kind: str) -> int | None:
    """The pid that made temporary folder ``path`` for store ``name`` on this host, or None
    when ``path`` is not such a folder of ours (no marker, another store, another host)."""
    rest = path.name[len(f".{name}.{kind}-") :]
    try:
        owner = json.loads((path / MARKER).read_text())
        pid, where = int(owner["pid"]), str(owner["host"])
        made_for = owner.get("target", None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    # markers from before they named their store: the random suffix holds no dot, so the
    # temporary folder of a store called "NAME.tmp-x" is not taken for one of "NAME"
    mine = made_for == name if made_for is not None else "." not in rest
    if not mine or path.is_symlink() or where != socket.gethostname():
        return None
    return pid


def clean_stale_temps(parent: Path, name: str) -> list[Path]:
    """Tidy temporary folders of ours for ``name`` in ``parent`` whose process has died: a
    complete store whose swap was cut short goes back to ``name`` when that is free, the rest
    is removed; a folder without our marker is never touched. Returns the folders handled."""
    handled = []
    try:
        entries = sorted(os.listdir(parent))
    except OSError:
        return []
    for entry in entries:  # compared as text: a name is never a glob pattern
        kind = next((k for k in _KINDS if entry.startswith(f".{name}.{k}-")), None)
        path = parent / entry
        pid = None if kind is None else _owner(path, name, kind)
        if pid is None or _alive(pid):
            continue
        target = parent / name
        if kind == "tmp" and not os.path.lexists(target) and is_store_folder(path):
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


def make_temp_folder(target: Path, kind: str = "tmp") -> Path:
    """A new marked folder ``.NAME.KIND-XXXXXXXX`` beside ``target``, made with the umask's
    permissions (``tempfile.mkdtemp`` would make it 0700 whatever the umask)."""
    for _ in range(100):
        path = target.parent / f".{target.name}.{kind}-{secrets.token_hex(4)}"
        try:
            os.mkdir(path, 0o777)
        except FileExistsError:
            continue
        _mark(path, target.name)
        return path
    raise StoreError(f"Could not make a temporary folder beside {target}; check the folder.")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux (or an old libc)
        return False
    return fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _mark(folder: Path, name: str) -> None:
    owner = {"pid": os.getpid(), "host": socket.gethostname(), "target": name}
    (folder / MARKER).write_text(json.dumps(owner))


def write_store_atomically(target: Path, overwrite: bool, fill: Callable[[Path], None]) -> None:
    """Run ``fill`` on a fresh temporary sibling folder of ``target``, record what it wrote
    (``manifest.json``: every file's size and sha256), then put it in place; on any failure
    the partial folder is removed and an existing ``target`` is untouched."""
    check_target(target, overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(target.parent, target.name)
    tmp = make_temp_folder(target)
    try:
        fill(tmp)
        write_manifest(tmp, ignore=(MARKER,))
        check_target(target, overwrite)  # the folder may have changed while we worked
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        note = getattr(exc, "add_note", None)  # Python 3.11+; the cleanup is the same on 3.10
        if note is not None:
            note(f"saewidgets: removed the partial output {tmp}; {target} is as it was.")
        raise
    if not os.path.lexists(target):
        os.rename(tmp, target)
    else:
        _mark(target, target.name)  # from here on, a crash leaves both folders recognisably ours
        if not _exchange(tmp, target):  # no atomic swap: two renames, undone by a later run
            os.rename(target, tmp.with_name(tmp.name + "-old"))
            os.rename(tmp, target)
            tmp = tmp.with_name(tmp.name + "-old")
        shutil.rmtree(tmp)  # the old store
    (target / MARKER).unlink()
