"""No NaN or inf is ever shown: an intervention, attribution, comparison or geometry whose numbers
overflow is refused with an ActivationError saying what to change."""

from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw
from saewidgets._errors import ActivationError

PROMPT = "The quick brown fox"


@pytest.mark.parametrize("strength", [1e40, -1e39])
@pytest.mark.parametrize("new_tokens", [0, 3])
def test_overflowing_steer_is_refused(lens, strength, new_tokens):
    with pytest.raises(ActivationError, match="smaller steering strengths"):
        lens.steer(PROMPT, {3: strength}, max_new_tokens=new_tokens)


def test_large_finite_steer_still_runs(lens):
    """A strength that stays finite through the model is a result, not an error."""
    r = lens.steer(PROMPT, {3: 1e4})
    assert np.isfinite(r.kl).all() and r.kl.max() > 0


def test_steer_widget_shows_the_refusal(lens):
    with pytest.raises(ActivationError):
        sw.Steer(lens, PROMPT, features={3: 1e40})


def _damaged(store):
    """The store opened again with one NaN in its decoder (the files are left alone)."""
    copy = sw.FeatureStore.open(store.path)
    weights = dict(store.weights)
    W = np.array(weights["W_dec"], dtype=np.float32)
    W[5, 0] = np.nan
    copy.__dict__["weights"] = {**weights, "W_dec": W}
    return copy


def test_compare_refuses_a_nan_decoder(small_store, other_store):
    with pytest.raises(ActivationError, match="decoder"):
        sw.compare(_damaged(small_store), other_store, progress=False)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda s: s.geometry([5, 6, 7]), id="geometry"),
        pytest.param(lambda s: s.neighbours(5, by="cosine"), id="neighbours"),
    ],
)
def test_geometry_refuses_a_nan_decoder(small_store, call):
    with pytest.raises(ActivationError, match="decoder"):
        call(_damaged(small_store))
