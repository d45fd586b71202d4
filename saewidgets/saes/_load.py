"""``load_sae``: any supported SAE (object, folder, file or release id) as ``SAEWeights``.

Formats are tried in ``FORMATS`` order unless ``format=`` forces one; each reader module has
``NAME``, ``EXPECTS``, ``detect(path)`` and ``read(path, hook)``, and may have ``why_not(path)``
(saying where it looked) and ``confirm(path)`` (looking inside the files when two formats match
one folder; a folder that still matches two is refused, naming both). Add a format: a reader
module and a line in ``FORMATS``.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import torch

from saewidgets._checks import device_arg, text_arg
from saewidgets._errors import SAEConfigError
from saewidgets.saes import (
    _dictlearn,
    _gemmascope,
    _llamascope,
    _openai,
    _saelens,
    _sparsify,
)
from saewidgets.saes._weights import SAEWeights, check_finite

FORMATS: dict[str, ModuleType] = {
    m.NAME: m for m in (_saelens, _sparsify, _gemmascope, _dictlearn, _llamascope, _openai)
}


def load_sae(
    source: Any,
    *,
    format: str | None = None,
    device: str | torch.device | None = None,
    hook: str | None = None,
) -> SAEWeights:
    """Read an SAE: a folder or file in any supported format (detected unless ``format=``), a
    SAELens ``SAE`` object, or a SAELens ``"release/sae_id"``. ``hook`` picks one SAE in a
    sparsify folder of several hooks; ``device`` moves the weights."""
    dev = device_arg(device)
    if hook is not None:
        text_arg(hook, "hook")
    sae = _load(source, format, hook)
    if not isinstance(source, SAEWeights):
        check_finite(sae)
    return sae if dev is None else sae.to(dev)


def _load(source: Any, format: str | None, hook: str | None) -> SAEWeights:
    if format is not None and format not in FORMATS:
        raise SAEConfigError(f"format={format!r} is not one of {', '.join(FORMATS)}.")
    if isinstance(source, SAEWeights):
        return source
    if isinstance(source, (str, Path)):
        path = Path(source).expanduser()
        if path.exists():
            return read_path(path, format, hook)
        if isinstance(source, str) and "/" in source and not source.startswith((".", "/", "~")):
            return _saelens.load_release(source)
        raise SAEConfigError(
            f"No SAE at {str(source)!r}: not an existing folder or file and not a "
            "'release/sae_id' string. Pass a folder in one of the formats "
            f"{', '.join(FORMATS)}, a SAELens SAE object, or a SAELens release id such as "
            "'gpt2-small-res-jb/blocks.8.hook_resid_pre'."
        )
    if hasattr(source, "cfg") and hasattr(source, "W_enc"):
        return _saelens.from_saelens_object(source)
    raise SAEConfigError(
        f"Cannot use an object of type {type(source).__name__} as an SAE. Pass a SAELens SAE, "
        "a folder or file in a supported format, or a 'release/sae_id' string."
    )


def read_path(path: Path, format: str | None, hook: str | None) -> SAEWeights:
    """Read ``path`` with the named format, or the first format whose files are there."""
    if format is not None:
        reader = FORMATS[format]
        if not reader.detect(path):
            why = f" ({reader.why_not(path)})" if hasattr(reader, "why_not") else ""
            raise SAEConfigError(
                f"{path} is not in the {format} format: expected {reader.EXPECTS}{why}."
            )
        return reader.read(path, hook)
    found = [name for name, reader in FORMATS.items() if reader.detect(path)]
    if len(found) > 1:  # a reader may look inside its files to say whether they are its own
        found = [n for n in found if getattr(FORMATS[n], "confirm", lambda p: True)(path)]
    if len(found) > 1:
        both = "; ".join(f"{name} ({FORMATS[name].EXPECTS})" for name in found)
        raise SAEConfigError(
            f"{path} matches {len(found)} SAE formats: {both}. Pass format= one of "
            f"{', '.join(repr(n) for n in found)}, or keep one SAE per folder."
        )
    if found:
        return FORMATS[found[0]].read(path, hook)
    tried = "; ".join(f"{name}: {m.EXPECTS}" for name, m in FORMATS.items())
    raise SAEConfigError(f"{path} matches no SAE format. Tried {tried}.")
