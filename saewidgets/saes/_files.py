"""Reading an SAE's files: JSON configs, safetensors and npz weights. Every failure is an
``SAEConfigError`` naming the file, what is wrong with it and what to do; tensors are checked
for what no reader may silently convert (complex or non-numeric values, two keys that differ
only in case), and widths a config declares are checked against the weights."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from saewidgets._checks import cfg_dict, cfg_int
from saewidgets._errors import SAEConfigError

if TYPE_CHECKING:
    import numpy as np

    from saewidgets.saes._weights import SAEWeights

_REDO = "re-download or re-save it (a partial download or a damaged copy reads like this)"


def read_json(file: Path) -> dict[str, Any]:
    """The JSON object in ``file``."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SAEConfigError(
            f"{file} is not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON."
        ) from exc
    except OSError as exc:
        raise SAEConfigError(f"{file} cannot be read ({exc.strerror}).") from exc
    try:
        cfg = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SAEConfigError(
            f"{file} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); fix "
            f"or {_REDO}."
        ) from exc
    return cfg_dict(cfg, str(file))


def read_safetensors(file: Path) -> dict[str, Any]:
    """Every tensor in the safetensors ``file`` (checked with ``check_tensors``)."""
    from safetensors.torch import load_file

    try:
        state = load_file(str(file))
    except Exception as exc:  # safetensors raises its own SafetensorError
        raise SAEConfigError(
            f"{file} is not a readable safetensors file ({str(exc)[:160]}); {_REDO}."
        ) from exc
    return check_tensors(state, file)


def read_npz(file: Path) -> dict[str, np.ndarray]:
    """Every array in the npz ``file``; arrays whose header declares more bytes than the file
    holds are refused before anything is allocated."""
    import numpy as np

    try:
        with zipfile.ZipFile(file) as z:
            for info in z.infolist():
                _check_member_size(z, info, file)
        with np.load(file, allow_pickle=False) as data:
            state = {k: data[k] for k in data.files}
    except SAEConfigError:
        raise
    except ValueError as exc:
        if "allow_pickle" in str(exc) or "Object arrays" in str(exc):
            raise SAEConfigError(
                f"{file} holds Python objects (or is not an npz archive at all); saewidgets "
                "never unpickles files. Save the weights as plain arrays with np.savez, or "
                f"{_REDO}."
            ) from exc
        raise SAEConfigError(f"{file} is not a readable npz archive ({exc}); {_REDO}.") from exc
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise SAEConfigError(f"{file} is not a readable npz archive ({exc}); {_REDO}.") from exc
    return check_tensors(state, file)


def _check_member_size(z: zipfile.ZipFile, info: zipfile.ZipInfo, file: Path) -> None:
    import numpy as np

    if not info.filename.endswith(".npy"):
        return
    with z.open(info) as f:
        fmt = np.lib.format
        version = fmt.read_magic(f)
        read = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
        shape, _, dtype = read(f)
    need = int(np.prod(shape, dtype=np.float64)) * dtype.itemsize
    if need > info.file_size:
        raise SAEConfigError(
            f"{file}: array {info.filename[:-4]!r} declares shape {shape} ({need / 2**30:.1f} "
            f"GiB) but the archive holds {info.file_size} bytes of it; {_REDO}."
        )


def check_tensors(state: dict[str, Any], file: Path | str) -> dict[str, Any]:
    """``state`` unchanged; SAEConfigError for complex or non-numeric tensors and for keys that
    differ only in case (which one would a reader take?)."""
    seen: dict[str, str] = {}
    for key, t in state.items():
        if key.lower() in seen:
            raise SAEConfigError(
                f"{file} holds both {seen[key.lower()]!r} and {key!r}; keep one of them (it is "
                "not clear which the SAE uses)."
            )
        seen[key.lower()] = key
        kind = _kind(t)
        if kind == "c":
            raise SAEConfigError(
                f"{file}: tensor {key!r} is complex ({t.dtype}); SAE weights are real. Save the "
                "real weights (taking .real would drop the imaginary part)."
            )
        if kind not in "fiub":
            raise SAEConfigError(f"{file}: {key!r} is {t.dtype}, not a numeric tensor.")
    return state


def _kind(t: Any) -> str:
    """numpy's dtype kind letter of an array or tensor ("?" for anything else)."""
    if hasattr(t, "is_complex"):
        return "c" if t.is_complex() else "f" if t.is_floating_point() else "i"
    dtype = getattr(t, "dtype", None)
    return getattr(dtype, "kind", "?") or "?"


def check_widths(sae: SAEWeights, cfg: dict[str, Any], keys: tuple[str, str], where: str) -> None:
    """SAEConfigError when ``cfg`` declares a ``d_in`` or ``d_sae`` (under the names ``keys``)
    that the weights contradict."""
    for key, found in zip(keys, (sae.d_in, sae.d_sae), strict=True):
        declared = cfg_int(cfg, key, None, where)
        if declared is not None and declared != 0 and declared != found:
            raise SAEConfigError(
                f"{where}: {key}={declared} but the weights are {found} wide (W_enc "
                f"[{sae.d_in}, {sae.d_sae}]); the config and weights belong to different SAEs. "
                "Re-save them together."
            )
