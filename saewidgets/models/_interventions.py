"""Steer, ablate and attribute SAE features on the Lens's own model.

Every edit acts in the model's space at the SAE's output site (``lens.hook_out``) with each
feature's model-space write direction (``SAEWeights.decoder`` rows times the per-token
``write_scale`` of a normalising SAE); activations are encoded from the input site
(``lens.hook``), captured in the same forward pass when the two differ (transcoders).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd
import torch

from saewidgets._checks import finite_result, int_arg, int_list, real_arg
from saewidgets._errors import ArgumentError, DataError, FeatureIndexError
from saewidgets._tokenbytes import display_tokens
from saewidgets.models._adapter import ModelAdapter
from saewidgets.saes._weights import SAEWeights


class LensLike(Protocol):
    """What an intervention needs of a ``Lens`` (which delegates its methods here)."""

    adapter: ModelAdapter
    sae: SAEWeights
    hook: str
    hook_out: str
    device: torch.device

    @property
    def sae_id(self) -> str: ...

    @property
    def d_sae(self) -> int: ...

    def to_tokens(self, text: str) -> torch.Tensor: ...

    def tokenize_document(self, text: str) -> list[int]: ...

    def vocab(self) -> list[str]: ...

    def partial_tokens(self) -> dict[int, bytes]: ...


#: An edit of one row's output-site activations: (x [pos, d_in] at the input site, y [pos, d_out]
#: at the output site, absolute positions [pos]) -> new y. For an SAE, x is y before the edit.
Edit = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]


@dataclass(frozen=True, eq=False)
class Intervention:
    """The prompt's logits and greedy continuations without and with a feature intervention.

    ``logits_clean`` and ``logits_after`` are float32 ``[pos, d_vocab]`` on the CPU;
    ``text_clean`` and ``text_after`` are the continuations (not the prompt) decoded greedily
    for ``max_new_tokens`` tokens with the same decoding on both sides ("" when 0).
    """

    kind: str
    features: dict[int, float]  # steered: {feature: strength}
    ablated: tuple[int, ...]
    positions: tuple[int, ...] | None
    tokens: torch.Tensor
    str_tokens: list[str]
    logits_clean: torch.Tensor
    logits_after: torch.Tensor
    new_tokens_clean: torch.Tensor
    new_tokens_after: torch.Tensor
    text_clean: str
    text_after: str
    vocab: Sequence[str]

    @property
    def kl(self) -> np.ndarray:
        """float64 ``[pos]``: KL(clean || after) of the next-token distribution at each position."""
        lp = self.logits_clean.double().log_softmax(-1)
        lq = self.logits_after.double().log_softmax(-1)
        return (lp.exp() * (lp - lq)).sum(-1).clamp_min(0).numpy()

    def top_tokens(self, position: int = -1, k: int = 10) -> pd.DataFrame:
        """The ``k`` next tokens at ``position`` whose probability changed most.

        Columns: ``token``, ``token_id``, ``p_clean``, ``p_after``, ``delta`` (after - clean),
        sorted by ``|delta|`` descending.
        """
        n = self.logits_clean.shape[0]
        position, k = int_arg(position, "position"), int_arg(k, "k", 1)
        if not -n <= position < n:
            raise DataError(f"position {position} is outside the prompt's {n} tokens")
        p = self.logits_clean[position].double().softmax(-1)
        q = self.logits_after[position].double().softmax(-1)
        delta = q - p
        ids = delta.abs().topk(min(k, delta.numel())).indices
        return pd.DataFrame(
            {
                "token": [self.vocab[int(i)] for i in ids],
                "token_id": ids.numpy().astype(np.int64),
                "p_clean": p[ids].numpy(),
                "p_after": q[ids].numpy(),
                "delta": delta[ids].numpy(),
            }
        )

    def __repr__(self) -> str:
        return (
            f"Intervention({self.kind}, steered={self.features}, ablated={list(self.ablated)}, "
            f"n_tokens={len(self.str_tokens)}, "
            f"max_kl={float(self.kl.max()):.4g}, text_clean={self.text_clean!r}, "
            f"text_after={self.text_after!r})"
        )


# -- public entry points (Lens methods delegate here) ----------------------------------------
def steer(
    lens: LensLike,
    prompt: str | torch.Tensor,
    features: Mapping[int, float],
    positions: Sequence[int] | None = None,
    max_new_tokens: int = 0,
) -> Intervention:
    """Add ``strength`` times each feature's model-space write direction (see ``Lens.steer``)."""
    if not isinstance(features, Mapping):
        raise DataError("steer takes {feature: strength}; ablate takes a list of feature ids.")
    if not features:
        raise DataError("Name at least one feature to steer.")
    return intervene(lens, prompt, features, (), positions, max_new_tokens)


def ablate(
    lens: LensLike,
    prompt: str | torch.Tensor,
    features: Sequence[int],
    positions: Sequence[int] | None = None,
    max_new_tokens: int = 0,
) -> Intervention:
    """Subtract each feature's model-space write ``a_f(x) * d_f(x)`` (see ``Lens.ablate``)."""
    if isinstance(features, Mapping):
        raise DataError("ablate takes a list of feature ids; steer takes {feature: strength}.")
    if isinstance(features, np.ndarray) and features.ndim == 1:
        features = features.tolist()
    if isinstance(features, (str, bytes)) or not isinstance(features, (Sequence, set, frozenset)):
        raise ArgumentError(
            f"ablate takes a list of feature ids, got {features!r}; pass e.g. [{features!r}]."
        )
    if len(features) == 0:
        raise DataError("Name at least one feature to ablate.")
    return intervene(lens, prompt, {}, features, positions, max_new_tokens)


def intervene(
    lens: LensLike,
    prompt: str | torch.Tensor,
    steer: Mapping[int, float],
    ablate: Sequence[int],
    positions: Sequence[int] | None = None,
    max_new_tokens: int = 0,
) -> Intervention:
    """Ablate the ``ablate`` features (their activations on the unsteered ``x``) and add the
    ``steer`` vectors, in one edit at the hook; ``steer`` and ``ablate`` both call this."""
    added = _feature_map(lens, steer)
    removed = sorted({_feature(lens, f) for f in ablate})
    sae = lens.sae
    D = sae.decoder
    vector = torch.zeros(D.shape[1], dtype=D.dtype, device=D.device)
    if added:
        ids = torch.tensor(list(added), dtype=torch.long, device=D.device)
        vector = torch.tensor(list(added.values()), dtype=D.dtype, device=D.device) @ D[ids]
    gone = torch.tensor(removed, dtype=torch.long, device=D.device)

    def edit(x: torch.Tensor, y: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
        delta = vector.expand(y.shape[0], -1)
        if removed:
            delta = delta - sae.encode(x)[..., gone] @ D[gone]
        scale = sae.write_scale(x)
        if scale is not None:
            delta = delta * scale
        return y + _mask(pos, positions, y) * delta.to(y.dtype)

    kind = "+".join(k for k, v in (("steer", added), ("ablate", removed)) if v) or "none"
    return _intervene(lens, kind, added, tuple(removed), prompt, edit, positions, max_new_tokens)


def attribute(
    lens: LensLike,
    prompt: str | torch.Tensor,
    position: int = -1,
    target: int | str | None = None,
    *,
    annotations: Any = None,
) -> pd.DataFrame:
    """First-order effect of each active feature on the log-prob of ``target`` at ``position``
    (see ``Lens.attribute``); one forward and one backward pass."""
    if annotations is not None and not hasattr(annotations, "labels"):
        raise ArgumentError(
            f"annotations must be an sw.Annotations, got {type(annotations).__name__}; open one "
            "with sw.Annotations(path)."
        )
    tokens = prompt_tokens(lens, prompt)
    n = int(tokens.shape[0])
    position = int_arg(position, "position")
    if not -n <= position < n:
        raise DataError(f"position {position} is outside the prompt's {n} tokens")
    position %= n
    tokens = tokens[: position + 1]  # causal: later tokens cannot change this prediction
    held: dict[str, torch.Tensor] = {}

    def leaf(x: torch.Tensor, y: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
        held["x"] = x.detach()
        held["y"] = y.detach().requires_grad_(True)
        return held["y"]

    with torch.enable_grad():
        logits = _run(lens, tokens[None], edit_rows=[(0, leaf)])[0, position]
        logp = logits.float().log_softmax(-1)
        tgt = _target(lens, target, int(logp.argmax()))
        (grad,) = torch.autograd.grad(logp[tgt], held["y"])
    with torch.no_grad():
        rows, feats, vals = lens.sae.encode_sparse(held["x"])
        D = lens.sae.decoder
        attr = vals * (grad[rows].to(D.dtype) * D[feats]).sum(-1)
        scale = lens.sae.write_scale(held["x"])
        if scale is not None:
            attr = attr * scale[rows, 0]
    finite_result(
        attr,
        f"The attribution to target {tgt} at position {position}",
        "the model's gradient overflowed: run the model in float32.",
    )
    df = _attribution_frame(lens, tokens, rows, feats, vals, attr, annotations)
    df.attrs.update(position=position, target=tgt, target_token=lens.vocab()[tgt])
    order = np.argsort(-df["attribution"].abs().to_numpy(), kind="stable")
    return df.iloc[order].reset_index(drop=True)


def _attribution_frame(
    lens: LensLike,
    tokens: torch.Tensor,
    rows: torch.Tensor,
    feats: torch.Tensor,
    vals: torch.Tensor,
    attr: torch.Tensor,
    annotations: Any,
) -> pd.DataFrame:
    """One row per active (position, feature): its token, activation, attribution, and its
    label where ``annotations`` are given."""
    str_toks = _str_tokens(lens, tokens)
    rows_np = rows.cpu().numpy().astype(np.int64)
    df = pd.DataFrame(
        {
            "pos": rows_np,
            "token": [str_toks[r] for r in rows_np],
            "feature": feats.cpu().numpy().astype(np.int64),
            "activation": vals.float().cpu().numpy(),
            "attribution": attr.float().cpu().numpy(),
        }
    )
    if annotations is not None:
        labels = annotations.labels(lens)
        df["label"] = [labels.get(int(f), "") for f in df["feature"]]
    return df


# -- internals -------------------------------------------------------------------------------
def prompt_tokens(lens: LensLike, prompt: str | torch.Tensor) -> torch.Tensor:
    """1-D token ids of ``prompt``: a string tokenised as the Lens does, or ids used as given."""
    if isinstance(prompt, str):
        return lens.to_tokens(prompt)[0].to(lens.device)
    if (
        not isinstance(prompt, torch.Tensor)
        or prompt.ndim != 1
        or prompt.is_floating_point()
        or prompt.is_complex()
        or prompt.dtype == torch.bool
    ):
        raise DataError("prompt must be a string or a 1-D integer tensor of token ids.")
    d_vocab = lens.adapter.d_vocab
    if prompt.numel() == 0 or int(prompt.min()) < 0 or int(prompt.max()) >= d_vocab:
        raise DataError(f"prompt token ids must be non-empty and lie in 0..{d_vocab - 1}.")
    if prompt.numel() > lens.adapter.n_ctx:
        raise DataError(
            f"The prompt is {prompt.numel()} tokens but the model's context is "
            f"{lens.adapter.n_ctx}; shorten it."
        )
    return prompt.long().to(lens.device)


def _feature(lens: LensLike, f: Any) -> int:
    if isinstance(f, bool) or not isinstance(f, (int, np.integer)):
        raise FeatureIndexError(f"feature ids must be integers, got {f!r}")
    if not 0 <= int(f) < lens.d_sae:
        raise FeatureIndexError(f"feature {int(f)} is outside 0..{lens.d_sae - 1}")
    return int(f)


def _feature_map(lens: LensLike, features: Mapping[int, float]) -> dict[int, float]:
    return {
        _feature(lens, f): real_arg(s, f"the strength of feature {f!r}")
        for f, s in features.items()
    }


def _mask(pos: torch.Tensor, positions: Sequence[int] | None, x: torch.Tensor) -> torch.Tensor:
    """``[pos, 1]`` of 1.0 where the edit applies (every position when ``positions`` is None)."""
    if positions is None:
        return torch.ones((pos.shape[0], 1), dtype=x.dtype, device=x.device)
    keep = torch.as_tensor(list(positions), dtype=torch.long, device=pos.device)
    return torch.isin(pos, keep).to(x.dtype)[:, None]


def _check_positions(positions: Sequence[int] | None, n: int) -> tuple[int, ...] | None:
    if positions is None:
        return None
    out = []
    for p in int_list(positions, "positions"):
        if not -n <= p < n:
            raise DataError(f"positions must be integers in {-n}..{n - 1}, got {p!r}")
        out.append(p % n)
    return tuple(out)


def _target(lens: LensLike, target: int | str | None, top: int) -> int:
    if target is None:
        return top
    if isinstance(target, str):
        ids = lens.tokenize_document(target)
        if len(ids) != 1:
            raise DataError(f"target {target!r} is {len(ids)} tokens; pass one token or its id.")
        return int(ids[0])
    d_vocab = lens.adapter.d_vocab
    target = int_arg(target, "target (a token id or a one-token string)")
    if not 0 <= target < d_vocab:
        raise DataError(f"target token id {target} is outside 0..{d_vocab - 1}")
    return int(target)


def _str_tokens(lens: LensLike, tokens: torch.Tensor) -> list[str]:
    """Consecutive tokens as shown in running text (split characters decoded together)."""
    ids = [int(t) for t in tokens]
    return display_tokens(ids, lens.adapter.str_tokens(ids), lens.partial_tokens())


def _run(
    lens: LensLike,
    tokens: torch.Tensor,
    edit_rows: list[tuple[int, Edit]],
    offset: int = 0,
    cache: Any = None,
) -> torch.Tensor:
    """Logits ``[batch, pos, d_vocab]`` of a forward pass through the Lens's adapter with
    ``edit`` applied to the output-site activations of batch row ``row`` for each
    ``(row, edit)``; ``offset`` is the absolute position of the first token (with a key-value
    ``cache``). The input site, when it differs, is read in the same pass."""
    head = lens.sae.hook_head_index
    seen: dict[str, torch.Tensor] = {}

    def rows(act: torch.Tensor, row: int) -> torch.Tensor:
        return act[row, :, head] if head is not None else act[row].reshape(act.shape[1], -1)

    def read(act: torch.Tensor) -> None:
        seen["x"] = act

    def write(act: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(offset, offset + act.shape[1], device=act.device)
        src = seen.get("x", act)
        out = act.clone()
        for row, edit in edit_rows:
            new = edit(rows(src, row), rows(act, row), pos)
            if head is not None:
                out[row, :, head] = new
            else:
                out[row] = new.reshape(act.shape[1:])
        return out

    hooks: dict[str, Any] = {lens.hook_out: write}
    if lens.hook != lens.hook_out:
        hooks = {lens.hook: read, lens.hook_out: write}
    return lens.adapter.run_with_edits(tokens, hooks, cache=cache)


def _intervene(
    lens: LensLike,
    kind: str,
    feats: dict[int, float],
    ablated: tuple[int, ...],
    prompt: str | torch.Tensor,
    edit: Edit,
    positions: Sequence[int] | None,
    max_new_tokens: int,
) -> Intervention:
    tokens = prompt_tokens(lens, prompt)
    n = int(tokens.shape[0])
    positions = _check_positions(positions, n)
    max_new_tokens = int_arg(max_new_tokens, "max_new_tokens", 0)
    if n + max_new_tokens > lens.adapter.n_ctx:
        raise DataError(
            f"{n} prompt tokens + {max_new_tokens} new tokens exceed the model's context "
            f"{lens.adapter.n_ctx}; ask for fewer new tokens."
        )
    with torch.no_grad():
        logits, new = _generate(lens, tokens, edit, max_new_tokens, f"{kind} of {feats or ablated}")
    vocab = lens.vocab()
    return Intervention(
        kind=kind,
        features=feats,
        ablated=ablated,
        positions=positions,
        tokens=tokens.cpu(),
        str_tokens=_str_tokens(lens, tokens),
        logits_clean=logits[0].float().cpu(),
        logits_after=logits[1].float().cpu(),
        new_tokens_clean=new[0].cpu(),
        new_tokens_after=new[1].cpu(),
        text_clean=_decode(lens, new[0]),
        text_after=_decode(lens, new[1]),
        vocab=vocab,
    )


def _generate(
    lens: LensLike, tokens: torch.Tensor, edit: Edit, max_new_tokens: int, what: str
) -> tuple[torch.Tensor, torch.Tensor]:
    """Prompt logits ``[2, pos, d_vocab]`` and greedy new tokens ``[2, max_new_tokens]``;
    row 0 is clean and row 1 edited, run as one batch with the adapter's key-value cache.
    ActivationError when any logits are NaN/inf (``what`` names the edit)."""
    batch = tokens[None].expand(2, -1)
    cache = lens.adapter.new_cache(2) if max_new_tokens > 1 else None
    logits = _run(lens, batch, [(1, edit)], cache=cache)
    prompt_logits = logits
    new = torch.zeros((2, max_new_tokens), dtype=torch.long, device=lens.device)
    for i in range(max_new_tokens + 1):
        _check_logits(logits, what)
        if i == max_new_tokens:
            break
        new[:, i] = logits[:, -1].argmax(-1)
        if i + 1 < max_new_tokens and cache is None:  # an adapter without a cache
            logits = _run(lens, torch.cat([batch, new[:, : i + 1]], 1), [(1, edit)])
        elif i + 1 < max_new_tokens:
            logits = _run(lens, new[:, i : i + 1], [(1, edit)], offset=len(tokens) + i, cache=cache)
    return prompt_logits, new


def _check_logits(logits: torch.Tensor, what: str) -> None:
    """ActivationError when the clean (row 0) or edited (row 1) logits hold NaN or inf."""
    finite_result(logits[0], "The model's own logits on this prompt", "run it in float32.")
    finite_result(
        logits[1],
        f"The logits after the {what}",
        "the edit overflowed the model; use smaller steering strengths.",
    )


def _decode(lens: LensLike, new: torch.Tensor) -> str:
    """The new tokens as text, cut at the first end-of-sequence token."""
    tok = lens.adapter.tokenizer
    if tok is None or new.numel() == 0:
        return "".join(lens.vocab()[int(t)] for t in new)
    ids = [int(t) for t in new]
    if tok.eos_token_id is not None and tok.eos_token_id in ids:
        ids = ids[: ids.index(tok.eos_token_id)]
    return str(tok.decode(ids))
