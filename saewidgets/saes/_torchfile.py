"""Reading ``.pt`` checkpoints safely: ``torch.load(weights_only=True)`` only, never pickle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_tensors


def load_state(file: Path) -> dict[str, Any]:
    """The state dict in ``file``; a file that needs pickle to load is refused, saying why."""
    import pickle

    import torch

    try:
        state = torch.load(file, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise SAEConfigError(
            f"{file} needs pickle to load (it holds Python objects, not only tensors), and "
            "saewidgets never unpickles files. Re-save it as a state dict "
            f"(torch.save(model.state_dict(), path)). Detail: {str(exc)[:200]}"
        ) from exc
    except Exception as exc:
        raise SAEConfigError(f"{file} is not a readable torch checkpoint: {exc}") from exc
    if not isinstance(state, dict):
        raise SAEConfigError(f"{file} holds a {type(state).__name__}, not a state dict.")
    tensors = {k: v for k, v in state.items() if isinstance(v, torch.Tensor)}
    check_tensors(tensors, file)
    return state
