"""geometry_grid's bands on a torch device (a GPU): the dense output-similarity and cosine
products, the binning and the per-cell count, sum and sum of squares stay on the device; the
host sends each band's co-firing pairs (sparse, from the record) and receives only the pairs
that pass the strongest-pairs screen. Tested on CPU tensors through the same code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import torch

if TYPE_CHECKING:
    from saewidgets.analysis._gridsums import GridSums


class DeviceBands:
    """The per-cell sums of geometry_grid for the live rows of ``W_out`` (with their output
    ``norm`` and unit decoder rows ``D``), accumulated band by band on ``device``."""

    def __init__(
        self,
        device: torch.device,
        D: np.ndarray,
        W_out: np.ndarray,
        gram: np.ndarray,
        norm: np.ndarray,
        out_edges: np.ndarray,
        acc: GridSums,
    ) -> None:
        self.device, self.acc = device, acc
        self.D = self._put(D, np.float32)
        self.O = self._put(W_out, np.float64)
        self.OG = self.O @ self._put(gram, np.float64)  # on the device: [live, d] x [d, d]
        self.norm = self._put(norm, np.float64)
        self.edges = self._put(out_edges, np.float64)
        self.n_cols = len(out_edges) - 1
        m = acc.discard + 1
        self.count = torch.zeros(m, dtype=torch.int64, device=device)
        self.s1 = torch.zeros(m, dtype=torch.float64, device=device)
        self.s2 = torch.zeros(m, dtype=torch.float64, device=device)

    def _put(self, a: np.ndarray, dtype: type) -> torch.Tensor:
        """A copy of ``a`` on the device (store arrays are read-only memory maps)."""
        return torch.from_numpy(np.array(a, dtype=dtype, copy=True)).to(self.device)

    def _tensor(self, a: np.ndarray) -> torch.Tensor:
        return self._put(a, np.int64)

    def add(
        self,
        b0: int,
        b1: int,
        ci: np.ndarray,
        cj: np.ndarray,
        shift: np.ndarray,
        keys: tuple[np.ndarray, np.ndarray],
    ) -> None:
        """Add the band of rows ``b0:b1`` against every later feature; co-firing pairs
        ``(ci, cj)`` (band coordinates) move ``shift`` cells down to their co-occurrence row."""
        out = self.OG[b0:b1] @ self.O[b0:].T
        out /= torch.outer(self.norm[b0:b1], self.norm[b0:])
        out[torch.isnan(out)] = 0.0  # (infinities fall in the end columns, as they would)
        cell = torch.searchsorted(self.edges, out, right=True) - 1
        del out
        cell.clamp_(0, self.n_cols - 1)
        if len(ci):
            cell[self._tensor(ci), self._tensor(cj)] += self._tensor(shift)
        b = b1 - b0
        lower = torch.ones(b, b, dtype=torch.bool, device=self.device).tril()
        cell[:, :b][lower] = self.acc.discard
        cos = self.D[b0:b1] @ self.D[b0:].T
        flat, cv = cell.reshape(-1), cos.reshape(-1).double()
        m = self.acc.discard + 1
        self.count += torch.bincount(flat, minlength=m)
        self.s1 += torch.bincount(flat, weights=cv, minlength=m)
        self.s2 += torch.bincount(flat, weights=cv * cv, minlength=m)
        del cv, flat
        if self.acc.top_val.shape[1] == 0:
            return
        strength = cos.abs_()
        step = self.acc.scan_rows(cos.shape[1])
        for r0 in range(0, b, step):
            rows = slice(r0, r0 + step)
            bars = torch.from_numpy(self.acc.bars()).to(self.device)
            i, j = torch.nonzero(strength[rows] >= bars[cell[rows]], as_tuple=True)
            i = i + r0
            c, v = cell[i, j].cpu().numpy(), strength[i, j].cpu().numpy()
            i_h, j_h = i.cpu().numpy(), j.cpu().numpy()
            self.acc.merge(c, v, keys[0][i_h] + keys[1][j_h])

    def finish(self) -> None:
        """Copy the per-cell sums into the host accumulator (without the discard cell)."""
        self.acc.count += self.count[:-1].cpu().numpy()
        self.acc.s1 += self.s1[:-1].cpu().numpy()
        self.acc.s2 += self.s2[:-1].cpu().numpy()
