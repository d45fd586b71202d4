"""Compare a Lens with a trainer's own encode/decode (``tests.saes.trainers.Reference``) on a
real model: encode, decode, harvest counts, steer, ablate and attribution. The reference runs
the model through its library's own hooks at the sites the trainer's config names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch

import saewidgets as sw

#: fn(x at the read site [pos, d_in], y at the write site [pos, d_out]) -> new y
Fn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def tl_runner(model: Any, read: str, write: str) -> Callable[[torch.Tensor, Fn], torch.Tensor]:
    """Logits ``[pos, vocab]`` of a HookedTransformer with ``write`` replaced by ``fn``."""

    def run(tokens: torch.Tensor, fn: Fn) -> torch.Tensor:
        seen: dict[str, torch.Tensor] = {}

        def rd(act: torch.Tensor, hook: Any) -> None:
            seen["x"] = act[0]

        def wr(act: torch.Tensor, hook: Any) -> torch.Tensor:
            return fn(seen.get("x", act[0]), act[0])[None]

        hooks = [(write, wr)] if read == write else [(read, rd), (write, wr)]
        return model.run_with_hooks(tokens[None], fwd_hooks=hooks)[0]

    return run


def hf_runner(
    model: Any, module: str, read_input: bool
) -> Callable[[torch.Tensor, Fn], torch.Tensor]:
    """Logits of a transformers model with module ``module``'s output replaced by ``fn``; x is
    its first input (``read_input``, as sparsify's transcoders read it) or its output."""
    mod = dict(model.named_modules())[module]

    def run(tokens: torch.Tensor, fn: Fn) -> torch.Tensor:
        seen: dict[str, torch.Tensor] = {}

        def pre(m: Any, args: Any) -> None:
            seen["x"] = args[0][0]

        def post(m: Any, args: Any, out: Any) -> Any:
            y = out[0] if isinstance(out, tuple) else out
            new = fn(seen.get("x", y[0]), y[0])[None]
            return (new, *out[1:]) if isinstance(out, tuple) else new

        handles = [mod.register_forward_hook(post)]
        if read_input:
            handles.append(mod.register_forward_pre_hook(pre))
        try:
            return model(input_ids=tokens[None]).logits[0]
        finally:
            for h in handles:
                h.remove()

    return run


def rel(ours: torch.Tensor, ref: torch.Tensor) -> float:
    """max |ours - ref| / max |ref|."""
    ours, ref = ours.double(), ref.double()
    return float((ours - ref).abs().max() / ref.abs().max().clamp_min(1e-12))


def sites(run: Callable[[torch.Tensor, Fn], torch.Tensor], tokens: torch.Tensor) -> Any:
    """(x, y) at the reference's read and write sites for ``tokens``."""
    held: dict[str, torch.Tensor] = {}

    def keep(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        held.update(x=x.detach().clone(), y=y.detach().clone())
        return y

    with torch.no_grad():
        run(tokens, keep)
    return held["x"], held["y"]


def compare(lens: sw.Lens, ref: Any, run: Any, tokens: torch.Tensor) -> dict[str, float]:
    """Relative errors of the Lens against the reference; asserts the same active latents and
    that every intervention moves the logits (so each comparison can fail)."""
    x, _ = sites(run, tokens)
    with torch.no_grad():
        a = ref.encode(x)
        ours = lens.encode_tokens(tokens[None])[0]
        assert torch.equal(ours > 0, a > 0), "different active latents"
        out = {"encode": rel(ours, a), "decode": rel(lens.sae.decode(ours, x), ref.decode(a, x))}
        with torch.no_grad():
            clean = run(tokens, lambda x, y: y)
    feats = [int(f) for f in torch.nonzero(a[-1] > 0).flatten()[:2]]
    strength = {feats[0]: 3.0 * float(a.max()), feats[1]: -1.5 * float(a.max())}
    out["steer"] = _steer(lens, ref, run, tokens, strength, clean)
    out["ablate"] = _ablate(lens, ref, run, tokens, feats, clean)
    out["attribute"] = _attribute(lens, ref, run, tokens)
    return out


def _steer(lens: Any, ref: Any, run: Any, tokens: Any, strength: dict, clean: Any) -> float:
    def fn(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        a = ref.encode(x)
        b = a.clone()
        for f, s in strength.items():
            b[:, f] += s
        return y + ref.decode(b, x) - ref.decode(a, x)

    with torch.no_grad():
        want = run(tokens, fn)
    assert (want - clean).abs().max() > 1e-2
    return rel(lens.steer(tokens, strength).logits_after, want)


def _ablate(lens: Any, ref: Any, run: Any, tokens: Any, feats: list, clean: Any) -> float:
    def fn(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        a = ref.encode(x)
        b = a.clone()
        b[:, feats] = 0
        return y + ref.decode(b, x) - ref.decode(a, x)

    with torch.no_grad():
        want = run(tokens, fn)
    assert (want - clean).abs().max() > 1e-3
    return rel(lens.ablate(tokens, feats).logits_after, want)


def _attribute(lens: Any, ref: Any, run: Any, tokens: Any) -> float:
    """d logp / d c at c = 1 with the acts scaled by c inside the trainer's decode."""
    position = len(tokens) - 1
    df = lens.attribute(tokens, position=position)
    x, _ = sites(run, tokens)
    with torch.no_grad():
        a = ref.encode(x)
    c = torch.ones_like(a, requires_grad=True)

    def fn(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return y + ref.decode(c * a, x.detach()) - ref.decode(a, x.detach()).detach()

    logp = run(tokens, fn)[position].float().log_softmax(-1)
    (grad,) = torch.autograd.grad(logp[df.attrs["target"]], c)
    want = (grad * 1.0).numpy()
    pairs = set(zip(*np.nonzero(a.numpy()), strict=True))
    assert set(zip(df["pos"], df["feature"], strict=True)) == pairs
    got = df["attribution"].to_numpy()
    ref_vals = want[df["pos"], df["feature"]]
    return float(np.abs(got - ref_vals).max() / np.abs(ref_vals).max())


def harvest_counts(lens: Any, ref: Any, run: Any, tokens: torch.Tensor, tmp: Any) -> Any:
    """(number of features whose harvested count differs from the reference's encode, store)"""
    store = sw.harvest(lens, tokens, out=tmp, progress=False, exclude_special_tokens=False)
    counts = np.zeros(lens.d_sae, np.int64)
    for row in tokens:
        x, _ = sites(run, row)
        with torch.no_grad():
            counts += (ref.encode(x) > 0).sum(0).numpy()
    assert counts.sum() > 0
    return int((store.features["count"].to_numpy() != counts).sum()), store
