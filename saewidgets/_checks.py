"""Argument and config checks shared by every public entry point: values are checked, never
coerced. A bool is not an int, a string is not a number, NaN and inf are not numbers, and a
config file's ``"no"`` is not ``False``. Each failure is an ``ArgumentError`` (arguments) or an
``SAEConfigError`` (config files) naming the input, what was wrong and what to pass instead.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from saewidgets._errors import ActivationError, ArgumentError, SAEConfigError, count_arg

if TYPE_CHECKING:
    import torch

__all__ = [
    "cfg_bool",
    "cfg_dict",
    "cfg_int",
    "cfg_number",
    "cfg_text",
    "count_arg",
    "device_arg",
    "finite_result",
    "flag_arg",
    "instance_arg",
    "int_arg",
    "int_list",
    "real_arg",
    "sequence_arg",
    "text_arg",
]


def _is_int(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Integral)


def _np_bool(value: object) -> bool:
    return type(value).__name__ in ("bool_", "bool")


def int_arg(
    value: object, name: str, minimum: int | None = None, maximum: int | None = None
) -> int:
    """``value`` as an int in ``minimum..maximum`` (either end open when None); bool, float and
    str are refused, not converted."""
    if not _is_int(value):
        raise ArgumentError(
            f"{name} must be an integer, got {value!r} ({type(value).__name__}); pass a whole "
            "number such as 3."
        )
    v = int(value)  # type: ignore[call-overload]
    if (minimum is not None and v < minimum) or (maximum is not None and v > maximum):
        lo = "" if minimum is None else f"at least {minimum}"
        hi = "" if maximum is None else f"at most {maximum}"
        raise ArgumentError(f"{name} must be {' and '.join(p for p in (lo, hi) if p)}, got {v}.")
    return v


def real_arg(value: object, name: str, minimum: float | None = None) -> float:
    """``value`` as a finite float (at least ``minimum`` when given); bool, str, None, complex,
    NaN and inf are refused."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and not _np_bool(value)
    if not ok:
        raise ArgumentError(
            f"{name} must be a finite real number, got {value!r} ({type(value).__name__}); "
            "pass a float such as 2.5."
        )
    v = float(value)  # type: ignore[arg-type]
    if not math.isfinite(v):
        raise ArgumentError(f"{name} must be a finite number, got {v}; pass a finite value.")
    if minimum is not None and v < minimum:
        raise ArgumentError(f"{name} must be at least {minimum}, got {v}.")
    return v


def flag_arg(value: object, name: str) -> bool:
    """``value`` when it is a bool; anything else (``"no"``, 0, None) is refused."""
    if isinstance(value, bool) or _np_bool(value):
        return bool(value)
    raise ArgumentError(f"{name} must be True or False, got {value!r} ({type(value).__name__}).")


def text_arg(value: object, name: str, empty: bool = False) -> str:
    """``value`` when it is a string (non-empty unless ``empty``)."""
    if not isinstance(value, str):
        raise ArgumentError(f"{name} must be a string, got {value!r} ({type(value).__name__}).")
    if not empty and not value:
        raise ArgumentError(f"{name} must be a non-empty string.")
    return value


def int_list(
    values: object, name: str, minimum: int | None = None, maximum: int | None = None
) -> list[int]:
    """``values`` (a list, tuple, range or array of ints) as a list of ints, each checked as
    ``int_arg`` does; a single int or a string is refused."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise ArgumentError(
            f"{name} must be a list of integers, got {values!r} ({type(values).__name__}); "
            "pass e.g. [0, 3]."
        )
    items = values.tolist() if hasattr(values, "tolist") else list(values)
    if not isinstance(items, list):  # a 0-d array
        raise ArgumentError(f"{name} must be a list of integers, got {values!r}.")
    return [int_arg(v, f"{name}[{i}]", minimum, maximum) for i, v in enumerate(items)]


def instance_arg(value: object, cls: type, name: str, hint: str) -> Any:
    """``value`` when it is a ``cls``; ArgumentError saying how to get one (``hint``)."""
    if not isinstance(value, cls):
        raise ArgumentError(f"{name} must be a {cls.__name__}, got {type(value).__name__}; {hint}.")
    return value


def finite_result(values: Any, what: str, fix: str) -> None:
    """ActivationError when the computed ``values`` (a tensor or array) hold NaN or inf, so that
    no non-finite number is shown; ``what`` names the result and ``fix`` what to change."""
    import numpy as np

    if hasattr(values, "detach"):  # a torch tensor, checked on its own device
        if not (values.is_floating_point() or values.is_complex()):
            return
        ok = values.detach().isfinite()
    else:
        arr = np.asarray(values)
        if arr.dtype.kind not in "fc":
            return
        ok = np.isfinite(arr)
    if not bool(ok.all()):
        bad = int((~ok).sum())
        raise ActivationError(f"{what} has {bad} NaN/inf values (overflow); {fix}")


def device_arg(device: object) -> torch.device | None:
    """``device`` as a ``torch.device`` this machine can hold tensors on (None stays None);
    ArgumentError naming it otherwise. Nothing is moved."""
    import torch

    if device is None:
        return None
    if not isinstance(device, (str, torch.device)):
        raise ArgumentError(
            f"device must be a string or torch.device, got {device!r} ({type(device).__name__}); "
            "pass 'cpu', 'cuda', 'cuda:1' or 'mps'."
        )
    try:
        dev = torch.device(device)
    except (RuntimeError, ValueError) as exc:
        raise ArgumentError(
            f"device={device!r} is not a torch device; pass 'cpu', 'cuda', 'cuda:1' or 'mps'."
        ) from exc
    if dev.type == "meta":
        raise ArgumentError("device='meta' holds no weights; pass 'cpu' or a GPU.")
    try:
        torch.empty(1, device=dev)
    except Exception as exc:  # no such GPU, torch without CUDA, ...
        gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
        seen = "torch sees no GPU" if gpus == 0 else f"torch sees {gpus} CUDA GPU(s)"
        raise ArgumentError(
            f"device={device!r} is not usable on this machine ({str(exc).splitlines()[0]}); "
            f"{seen}. Pass 'cpu' or an available device."
        ) from exc
    return dev


# -- config files: the same checks, naming the file and key --------------------------------------
def _cfg_error(where: str, key: str, value: object, want: str, fix: str = "") -> SAEConfigError:
    return SAEConfigError(
        f"{where}: {key}={value!r} ({type(value).__name__}) is not {want}; "
        f"{fix or 'fix the value in that file'}."
    )


def cfg_bool(cfg: Mapping[str, Any], key: str, default: bool, where: str) -> bool:
    """``cfg[key]`` as a bool (``default`` when absent or null); ``"no"``, 0 or 1 are refused."""
    value = cfg.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _cfg_error(where, key, value, "a JSON boolean (true or false)")
    return value


def cfg_int(
    cfg: Mapping[str, Any],
    key: str,
    default: int | None,
    where: str,
    minimum: int | None = None,
    fix: str = "",
) -> int | None:
    """``cfg[key]`` as an int of at least ``minimum`` (``default`` when absent or null); 2.0 is
    not an int. ``fix`` replaces the default advice (fix the file)."""
    value = cfg.get(key)
    if value is None:
        return default
    if not _is_int(value):
        raise _cfg_error(where, key, value, "an integer", fix)
    if minimum is not None and value < minimum:
        raise _cfg_error(where, key, value, f"an integer of at least {minimum}", fix)
    return int(value)


def cfg_number(
    cfg: Mapping[str, Any], key: str, default: float, where: str, positive: bool = False
) -> float:
    """``cfg[key]`` as a finite float (``> 0`` when ``positive``; ``default`` when absent)."""
    value = cfg.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _cfg_error(where, key, value, "a number")
    if not math.isfinite(value) or (positive and value <= 0):
        raise _cfg_error(where, key, value, "a finite positive number" if positive else "finite")
    return float(value)


def cfg_text(cfg: Mapping[str, Any], key: str, where: str) -> str | None:
    """``cfg[key]`` as a string, or None when absent or null."""
    value = cfg.get(key)
    if value is not None and not isinstance(value, str):
        raise _cfg_error(where, key, value, "a string")
    return value


def cfg_dict(value: object, where: str, key: str | None = None) -> dict[str, Any]:
    """``value`` when it is a JSON object (a dict)."""
    if not isinstance(value, dict):
        what = where if key is None else f"{where}: {key}"
        raise SAEConfigError(
            f"{what} is a {type(value).__name__}, not a JSON object; the file is not a config "
            "this format writes."
        )
    return value


def sequence_arg(value: object, name: str) -> Sequence[Any]:
    """``value`` when it is a list or tuple (not a string or a single value)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ArgumentError(
            f"{name} must be a list or tuple, got {value!r} ({type(value).__name__})."
        )
    return value
