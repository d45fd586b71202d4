"""A model's identity from its weights and vocabulary, not its name.

Two models named alike (a fine-tune, another seed, another tokenizer) get different
fingerprints. Each parameter contributes its name, shape, dtype, exact sum and up to
``SAMPLE`` evenly spaced values, so large models on a GPU are fingerprinted in well under a
second and any realistic change of weights is seen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

SAMPLE = 1 << 16  # values hashed per parameter tensor


def model_fingerprint(model: Any, vocab: Sequence[str]) -> str:
    """sha256 hex digest of ``model``'s parameters (sampled, see module doc) and ``vocab``."""
    import torch

    h = hashlib.sha256(json.dumps(list(vocab)).encode("utf-8"))
    with torch.no_grad():
        for name, p in sorted(model.state_dict().items()):
            if not torch.is_tensor(p) or not p.is_floating_point():
                continue
            flat = p.detach().reshape(-1)
            step = max(1, flat.numel() // SAMPLE)
            sample = flat[::step][:SAMPLE].double().cpu().numpy()
            total = float(flat.sum(dtype=torch.float64).cpu())
            h.update(f"{name}|{tuple(p.shape)}|{p.dtype}|{total!r}|".encode())
            h.update(sample.tobytes())
    return h.hexdigest()
