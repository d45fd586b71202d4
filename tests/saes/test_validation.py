"""Shapes and settings are checked when an SAE is built, naming the tensor and both shapes."""

from __future__ import annotations

import pytest
import torch

import saewidgets as sw
from saewidgets.saes._registry import ARCHITECTURES


def weights(**changes):
    base = dict(
        W_enc=torch.randn(8, 20),
        W_dec=torch.randn(20, 8),
        b_enc=torch.zeros(20),
        b_dec=torch.zeros(8),
        architecture="standard",
        source="test.sae",
    )
    return sw.SAEWeights(**{**base, **changes})


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"b_enc": torch.zeros(19)}, r"b_enc of test.sae has shape \(19,\); expected \(20,\)"),
        ({"b_dec": torch.zeros(9)}, r"b_dec of test.sae has shape \(9,\); expected \(8,\)"),
        (
            {"W_dec": torch.randn(8, 20)},
            r"W_dec of test.sae has shape \(8, 20\); expected \(20, 8\)",
        ),
        (
            {"W_enc": torch.randn(2, 8, 20)},
            r"W_enc of test.sae must be 2-D, found shape \(2, 8, 20\)",
        ),
        (
            {"W_enc": torch.randn(8, 0), "W_dec": torch.randn(0, 8), "b_enc": torch.zeros(0)},
            "no features",
        ),
        ({"architecture": "topk", "k": 0}, "k in 1..d_sae=20, found k=0"),
        ({"architecture": "topk", "k": 21}, "k in 1..d_sae=20, found k=21"),
        ({"architecture": "jumprelu"}, "has no 'threshold'"),
        (
            {"architecture": "jumprelu", "threshold": torch.zeros(7)},
            r"threshold .* \(7,\); expected \(20,\)",
        ),
        ({"threshold": torch.zeros(20)}, "standard SAE has no threshold"),
        ({"architecture": "gated", "r_mag": torch.zeros(20)}, "gated SAE .* has no 'b_mag'"),
        ({"architecture": "groupmax", "k": 3}, "k groups dividing d_sae=20, found k=3"),
        ({"r_mag": torch.zeros(20)}, "standard SAE has no r_mag"),
        ({"architecture": "abstopk"}, "not supported; supported: standard, topk, jumprelu, gated"),
    ],
)
def test_bad_shapes_named(changes, message):
    with pytest.raises(sw.SAEConfigError, match=message):
        weights(**changes)


def settings(arch: str) -> dict:
    """What ``arch`` needs beyond the common tensors: k and its own per-feature tensors."""
    extra: dict = {"k": 4} if arch in ("topk", "groupmax") else {}
    return extra | {name: torch.rand(20) for name in ARCHITECTURES[arch].extra_tensors}


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_to_and_fingerprint_cover_every_registered_tensor(arch):
    extra = settings(arch)
    w = weights(architecture=arch, **extra)
    moved = w.to("meta")
    for name in ARCHITECTURES[arch].tensors:
        assert getattr(moved, name).device.type == "meta", name
        bumped = dict(w.tensors())
        bumped[name] = bumped[name] + 1
        other = weights(architecture=arch, **{**extra, **bumped})
        assert other.fingerprint() != w.fingerprint(), name


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_nan_pre_activations_are_an_error_not_dropped(arch):
    sae = weights(architecture=arch, **settings(arch))
    W_enc = sae.W_enc.clone()
    W_enc[:, 5] = float("inf")  # inf * (x_i of both signs) sums to NaN for feature 5
    bad = sw.SAEWeights(**{**vars(sae), "W_enc": W_enc})
    x = torch.tensor([[1.0, -1.0, 0.5, 0.2, 0.1, 0.3, -0.4, 0.7]])
    assert sae.encode_sparse(x)[2].isfinite().all()  # the healthy SAE encodes
    with pytest.raises(sw.ActivationError, match="NaN"):
        bad.encode_sparse(x)
    with pytest.raises(sw.ActivationError, match="NaN"):
        bad.encode(x)
