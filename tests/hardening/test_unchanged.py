"""A failed call leaves the caller's objects as they were: the device is checked before the model
moves, and a Lens that fails after moving it moves it back."""

from __future__ import annotations

import copy

import pytest
import torch

import saewidgets as sw
from saewidgets._errors import ArgumentError, SAEConfigError
from saewidgets.models._hooked import HookedAdapter
from tests import helpers


def _snapshot(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("device", ["meta", "nonsense", "cuda:7", 3.5])
def test_unusable_device_leaves_the_model(model, sae_dirs, device):
    mine = copy.deepcopy(model)
    before = _snapshot(mine)
    with pytest.raises(ArgumentError, match="device"):
        sw.Lens(mine, sae_dirs["standard"], device=device)
    after = mine.state_dict()
    assert all(
        after[k].device.type == "cpu" and torch.equal(after[k], v) for k, v in before.items()
    )


def test_failed_lens_moves_the_model_back(model, tmp_path, monkeypatch):
    """The model is moved to the device asked for, the SAE then does not fit the hook: the
    model goes back to the device it was on (recorded through its ``to``)."""
    mine = copy.deepcopy(model)
    moves: list[torch.device] = []
    real_to = mine.to
    monkeypatch.setattr(mine, "to", lambda d: moves.append(torch.device(d)) or real_to(d))
    # the adapter reports "cpu:0" as where the model is, so device="cpu" is a move
    monkeypatch.setattr(HookedAdapter, "device", property(lambda self: torch.device("cpu", 0)))
    narrow = helpers.write_sae(tmp_path / "narrow", d_in=16)
    with pytest.raises(SAEConfigError, match="16-wide"):
        sw.Lens(mine, narrow, device="cpu")
    assert moves == [torch.device("cpu"), torch.device("cpu", 0)]


def test_load_sae_checks_the_device_first(sae_dirs):
    with pytest.raises(ArgumentError, match="device"):
        sw.load_sae(sae_dirs["standard"], device="nonsense")
