"""The per-feature statistics of ``FeatureAccumulator`` kept in torch on the SAE's device.

Used when the SAE runs on a GPU: count, sum, max, histogram and the top-k merge stay on the
device, so only the sparse record travels to the host (asynchronously, see ``to_host``). The same
rules as the numpy accumulator (log-spaced bins; top-k by value descending then token ascending),
so the two give the same statistics; tests run this code on CPU tensors.
"""

from __future__ import annotations

import torch

from saewidgets.harvesting._accumulate import FeatureAccumulator
from saewidgets.store._bins import HIST_LOG10_LO, HIST_N, HIST_PER_DECADE

_EMPTY_KEY = torch.iinfo(torch.int64).max  # empty top-k slots sort after every token


class DeviceAccumulator:
    """Running statistics of every feature as tensors on ``device``; ``update`` per batch."""

    def __init__(self, d_sae: int, top_k: int, device: torch.device) -> None:
        def full(shape: tuple[int, ...], value: float, dtype: torch.dtype) -> torch.Tensor:
            return torch.full(shape, value, dtype=dtype, device=device)

        self.d_sae, self.top_k = d_sae, top_k
        self.count = full((d_sae,), 0, torch.int64)
        self.total = full((d_sae,), 0, torch.float64)
        self.max = full((d_sae,), 0, torch.float32)
        self.hist = full((d_sae, HIST_N + 2), 0, torch.int64)
        self.top_val = full((d_sae, top_k), -float("inf"), torch.float32)
        self.top_tok = full((d_sae, top_k), -1, torch.int64)

    def update(self, feat: torch.Tensor, val: torch.Tensor, tok: torch.Tensor) -> None:
        """Add a batch's non-zero activations: feature ids, values and global token indices."""
        if feat.numel() == 0:
            return
        feat, val, tok = feat.long(), val.float(), tok.long()
        ones = torch.ones_like(feat)
        self.count.index_add_(0, feat, ones)
        self.total.index_add_(0, feat, val.double())
        self.max.scatter_reduce_(0, feat, val, "amax")
        pos = (torch.log10(val) - HIST_LOG10_LO) * HIST_PER_DECADE
        bins = torch.clamp(torch.floor(pos), -1, HIST_N).long() + 1
        self.hist.view(-1).index_add_(0, feat * (HIST_N + 2) + bins, ones)
        keep = val > self.top_val[feat, -1]  # no .any() check: it would wait for the device
        self._merge_top(feat[keep], val[keep], tok[keep])

    def _merge_top(self, feat: torch.Tensor, val: torch.Tensor, tok: torch.Tensor) -> None:
        k = self.top_k
        groups = torch.unique(feat)
        g = torch.cat([groups.repeat_interleave(k), feat])
        v = torch.cat([self.top_val[groups].reshape(-1), val])
        t = torch.cat([self.top_tok[groups].reshape(-1), tok])
        key = torch.where(t < 0, torch.full_like(t, _EMPTY_KEY), t)
        order = torch.argsort(key, stable=True)  # lexicographic: group, -value, token
        order = order[torch.argsort(-v[order], stable=True)]
        order = order[torch.argsort(g[order], stable=True)]
        g, v, t = g[order], v[order], t[order]
        starts = torch.searchsorted(g, groups)
        sizes = torch.diff(torch.cat([starts, starts.new_tensor([len(g)])]))
        rank = torch.arange(len(g), device=g.device) - starts.repeat_interleave(sizes)
        top = rank < k
        self.top_val[g[top], rank[top]] = v[top]
        self.top_tok[g[top], rank[top]] = t[top]

    def to_host(self) -> FeatureAccumulator:
        """The statistics as a numpy ``FeatureAccumulator`` (one copy at the end of a harvest)."""
        return FeatureAccumulator(
            count=self.count.cpu().numpy(),
            total=self.total.cpu().numpy(),
            max=self.max.cpu().numpy(),
            hist=self.hist.cpu().numpy(),
            top_val=self.top_val.cpu().numpy(),
            top_tok=self.top_tok.cpu().numpy(),
        )


def to_host(tensors: tuple[torch.Tensor, ...]) -> tuple[tuple[torch.Tensor, ...], object]:
    """Start copying device tensors to the host without waiting: pinned buffers filled with
    non-blocking copies, and a CUDA event to wait on before reading them (None off CUDA, where
    the tensors are returned as they are)."""
    if not tensors or tensors[0].device.type != "cuda":
        return tensors, None
    out = []
    for t in tensors:
        buf = torch.empty(t.shape, dtype=t.dtype, pin_memory=True)
        buf.copy_(t, non_blocking=True)
        out.append(buf)
    event = torch.cuda.Event()
    event.record()
    return tuple(out), event
