"""EleutherAI sparsify: a hook folder (``cfg.json`` + ``sae.safetensors``), or the parent folder
of several, one per hook (``hook=`` picks one).

sparsify's encode: ``relu(encoder(x - b_dec))`` (no subtraction when transcoding), then the top
``k`` (``activation="topk"``) or the largest of each of ``k`` equal groups (``"groupmax"``); its
decode ``top_acts @ W_dec + b_dec`` with ``W_dec [d_sae, d_in]``, plus ``x @ W_skip.T`` with
``skip_connection``. A transcoder (``transcode``) reads the INPUT of its hook module and writes
the module's output, as sparsify's trainer pairs them. A tensor or setting that ``SparseCoder``
1.3 does not have is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from saewidgets._checks import cfg_bool, cfg_int, cfg_text
from saewidgets._errors import SAEConfigError
from saewidgets.saes._files import check_widths, read_json, read_safetensors
from saewidgets.saes._hooksites import parse_site
from saewidgets.saes._weights import SAEWeights, float_copy

NAME = "sparsify"
EXPECTS = "cfg.json + sae.safetensors (or sub-folders holding them, one per hook)"
_WEIGHTS = "sae.safetensors"
_TENSORS = ("encoder.weight", "encoder.bias", "W_dec", "b_dec")
# the fields ``SparseCoder.save_to_disk`` writes (``SparseCoderConfig`` 1.3 and ``d_in``)
_SETTINGS = frozenset(
    "activation expansion_factor normalize_decoder num_latents k multi_topk skip_connection "
    "transcode d_in".split()
)
_ACTIVATIONS = {"topk": "topk", "groupmax": "groupmax"}


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
    cfg = read_json(cfg_path)
    state = read_safetensors(path / _WEIGHTS)
    _check(cfg, state, path)
    where = str(cfg_path)
    transcode = cfg_bool(cfg, "transcode", False, where)
    sae = SAEWeights(
        W_enc=float_copy(state["encoder.weight"]).T.contiguous(),
        W_dec=float_copy(state["W_dec"]),
        b_enc=float_copy(state["encoder.bias"]),
        b_dec=float_copy(state["b_dec"]),
        architecture=_ACTIVATIONS[cfg_text(cfg, "activation", where) or "topk"],
        k=cfg_int(cfg, "k", 32, where, 1),
        apply_b_dec_to_input=not transcode,
        W_skip=float_copy(state["W_skip"]) if "W_skip" in state else None,
        reads_module_input=transcode,
        hook_name=path.name,
        prepend_bos=True,
        source=str(path),
        format=NAME,
        cfg=cfg,
    )
    check_widths(sae, cfg, ("d_in", "num_latents"), where)
    return sae


def _check(cfg: dict[str, Any], state: dict[str, Any], path: Path) -> None:
    """Refuse a missing or unknown tensor, an unknown setting or activation."""
    missing = [n for n in _TENSORS if n not in state]
    if missing:
        raise SAEConfigError(
            f"{path / _WEIGHTS} lacks {missing} (found {sorted(state)}); a sparsify SAE saved "
            "without its decoder cannot be read."
        )
    if cfg_bool(cfg, "skip_connection", False, str(path / "cfg.json")) != ("W_skip" in state):
        raise SAEConfigError(
            f"{path}: cfg.json says skip_connection={cfg.get('skip_connection')} but "
            f"{_WEIGHTS} {'holds' if 'W_skip' in state else 'lacks'} W_skip."
        )
    unknown = sorted(set(state) - set(_TENSORS) - {"W_skip"})
    if unknown:
        raise SAEConfigError(
            f"{path / _WEIGHTS} holds {unknown}, which saewidgets does not read "
            f"(it reads {', '.join(_TENSORS)} and W_skip); it does not drop tensors. The "
            "closest supported checkpoint: one SparseCoder.save_to_disk writes."
        )
    settings = sorted(set(cfg) - _SETTINGS)
    if settings:
        raise SAEConfigError(
            f"{path / 'cfg.json'} has {settings}, which sparsify 1.3's SparseCoderConfig does "
            f"not; saewidgets does not ignore settings (known: {', '.join(sorted(_SETTINGS))})."
        )
    if (cfg_text(cfg, "activation", str(path / "cfg.json")) or "topk") not in _ACTIVATIONS:
        raise SAEConfigError(
            f"sparsify activation {cfg.get('activation')!r} is not supported; supported: "
            f"{', '.join(_ACTIVATIONS)}."
        )
