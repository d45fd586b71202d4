"""EleutherAI sparsify: a hook folder (``cfg.json`` + ``sae.safetensors``), or the parent folder
of several, one per hook (``hook=`` picks one).

sparsify's encode: ``relu(encoder(x - b_dec))`` (no subtraction when transcoding), then the top
``k``; its decode ``top_acts @ W_dec + b_dec`` with ``W_dec [d_sae, d_in]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from saewidgets._errors import SAEConfigError
from saewidgets.saes._hooksites import parse_site
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "sparsify"
EXPECTS = "cfg.json + sae.safetensors (or sub-folders holding them, one per hook)"
_WEIGHTS = "sae.safetensors"


def hook_folders(path: Path) -> list[str]:
    """Names of the sub-folders of ``path`` that hold a sparsify SAE."""
    if not path.is_dir():
        return []
    return sorted(p.name for p in path.iterdir() if (p / _WEIGHTS).is_file())


def _same_output(hook: str, folder: str) -> bool:
    """True when ``hook`` names the place the hook folder's name does, in the one vocabulary
    of ``_hooksites``: ``model.layers.6`` or ``blocks.6.hook_resid_post`` for ``layers.6``."""
    site, there = parse_site(hook), parse_site(folder)
    return site is not None and there is not None and site.same_place(there)


def detect(path: Path) -> bool:
    """A hook folder, or a parent of hook folders."""
    return (path / _WEIGHTS).is_file() or bool(hook_folders(path))


def read(path: Path, hook: str | None = None) -> SAEWeights:
    """Read one hook folder (``hook`` picks it inside a parent folder)."""
    from safetensors.torch import load_file

    if not (path / _WEIGHTS).is_file():
        hooks = hook_folders(path)
        if hook is None and len(hooks) == 1:
            hook = hooks[0]
        elif hook is not None and hook not in hooks:  # "model.layers.6" picks "layers.6"
            hook = next((h for h in hooks if _same_output(hook, h)), hook)
        if hook not in hooks:
            what = "pass hook= one of" if hook is None else f"hook={hook!r} is not one of"
            raise SAEConfigError(
                f"{path} holds sparsify SAEs for several hooks; {what}: {', '.join(hooks)}."
            )
        path = path / str(hook)
    cfg_path = path / "cfg.json"
    if not cfg_path.is_file():
        raise SAEConfigError(f"{path} has {_WEIGHTS} but no cfg.json; the config is missing.")
    cfg = json.loads(cfg_path.read_text())
    state = load_file(str(path / _WEIGHTS))
    missing = [n for n in ("encoder.weight", "encoder.bias", "W_dec", "b_dec") if n not in state]
    if missing:
        raise SAEConfigError(
            f"{path / _WEIGHTS} lacks {missing} (found {sorted(state)}); a sparsify SAE saved "
            "without its decoder cannot be read."
        )
    if cfg.get("activation", "topk") != "topk":
        raise SAEConfigError(
            f"sparsify activation {cfg.get('activation')!r} is not supported; only 'topk' is."
        )
    return SAEWeights(
        W_enc=float_copy(state["encoder.weight"]).T.contiguous(),
        W_dec=float_copy(state["W_dec"]),
        b_enc=float_copy(state["encoder.bias"]),
        b_dec=float_copy(state["b_dec"]),
        architecture="topk",
        k=int(cfg.get("k", 32)),
        apply_b_dec_to_input=not cfg.get("transcode", False),
        hook_name=path.name,
        prepend_bos=True,
        source=str(path),
        format=NAME,
        cfg=cfg,
    )
