"""Bad arguments and data are refused with the package's own errors, naming what was expected."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save_file

import saewidgets as sw


@pytest.mark.parametrize("bad", [-1, 0, 1.0, 2.5, "3", True, None, 10**6])
def test_top_examples_n(small_store, bad):
    if bad == 10**6:  # more than kept is fine: every kept example
        assert len(small_store.top_examples(3, n=bad)) <= small_store.meta.top_k
        return
    with pytest.raises(sw.ArgumentError, match="n must be"):
        small_store.top_examples(3, n=bad)


def test_counts_accept_numpy_ints(small_store):
    assert len(small_store.top_examples(np.int64(3), n=np.int32(2))) == 2
    assert len(small_store.logit_weights(np.int16(3), k=np.uint8(4)).top_ids) == 4
    assert len(small_store.neighbours(np.int64(3), k=np.int64(2))) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.logit_weights(3, k=0),
        lambda s: s.logit_weights(3, k=-2),
        lambda s: s.logit_weights(3, k=1.5),
        lambda s: s.logit_weights(3, k=10**6),
        lambda s: s.neighbours(3, k=-1),
        lambda s: s.neighbours(3, k="5"),
        lambda s: s.neighbours(3, by="nope"),
        lambda s: s.quantile_examples(3, n_intervals=0),
        lambda s: s.quantile_examples(3, n_intervals=-4),
        lambda s: s.quantile_examples(3, n_intervals=2.0),
        lambda s: s.quantile_examples(3, per_interval=0),
        lambda s: s.quantile_examples(3, window=(-1, 2)),
        lambda s: s.top_examples(3, window=3),
        lambda s: s.histogram(3, bins=0),
        lambda s: s.histogram(3, bins=2.5),
        lambda s: s.geometry_grid(output_bins=0, progress=False),
        lambda s: s.geometry_grid(output_bins=-3, progress=False),
        lambda s: s.geometry_grid(output_bins=2.5, progress=False),
        lambda s: s.geometry_grid(bins=(4, 0), progress=False),
        lambda s: s.geometry_grid(bins=True, progress=False),
        lambda s: s.geometry_grid(top_pairs=-1, progress=False),
        lambda s: s.geometry_grid(cooc_edges=[1.0, 0.0], progress=False),
        lambda s: s.geometry_grid(measure="pmi", progress=False),
    ],
)
def test_bad_counts_are_refused(small_store, call):
    with pytest.raises(sw.ArgumentError):
        call(small_store)


@pytest.mark.parametrize("bad", [True, np.bool_(True), 1.0, np.float32(2), "3", None, [1]])
def test_feature_ids_are_integers(small_store, bad):
    for call in (
        lambda: small_store.top_examples(bad),
        lambda: small_store.logit_weights(bad),
        lambda: small_store.histogram(bad),
        lambda: small_store.activations(bad, 0),
        lambda: small_store.geometry([0, bad]),
    ):
        with pytest.raises(sw.FeatureIndexError, match="integer"):
            call()


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


TOKS = torch.randint(2, 150, (4, 10), generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"batch_size": 0},
        {"batch_size": -1},
        {"batch_size": 2.0},
        {"top_k": 0},
        {"top_k": 10**6},
        {"top_k": 3.5},
        {"n_tokens": 0},
        {"n_tokens": -5},
        {"n_tokens": 10.0},
        {"n_tokens": True},
    ],
)
def test_harvest_arguments(lens, tmp_path, kwargs):
    with pytest.raises(sw.ArgumentError, match=next(iter(kwargs))):
        sw.harvest(lens, TOKS, out=tmp_path / "s", progress=False, **kwargs)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"text": "a dict of texts"}, "dict"),
        (["a text", {"text": "a dict after a text"}], "dict"),
        ([b"bytes are not text"], "bytes"),
        (b"bytes", "bytes"),
        ([["nested", ["deeper"]]], "list"),
        ([[["a"]]], "list"),
        ([1.5], "float"),
        ([None], "NoneType"),
        (12, "int"),
    ],
)
def test_data_items_of_the_wrong_type(lens, tmp_path, data, kind):
    with pytest.raises(sw.DataError, match=f"type {kind}.*string.*token"):
        sw.harvest(lens, data, out=tmp_path / "s", progress=False)


def test_batches_of_texts_and_tokens_still_work(lens, tmp_path, texts):
    store = sw.harvest(lens, [texts[:2], TOKS], out=tmp_path / "s", progress=False)
    assert store.n_tokens > TOKS.numel()


def test_sae_output_overflow_is_refused(model, sae_dirs, tmp_path):
    folder = tmp_path / "overflow"
    folder.mkdir()
    (folder / "cfg.json").write_text((sae_dirs["standard"] / "cfg.json").read_text())
    state = load_file(str(sae_dirs["standard"] / "sae_weights.safetensors"))
    state["W_enc"][:, 0] = 3.0e38  # finite weights whose products overflow float32
    state["W_enc"][:, 1] = -3.0e38
    save_file(state, str(folder / "sae_weights.safetensors"))
    assert json.loads((folder / "cfg.json").read_text())["architecture"] == "standard"
    lens = sw.Lens(model, folder)
    with pytest.raises(sw.ActivationError, match="SAE produced"):
        sw.harvest(lens, TOKS, out=tmp_path / "s", progress=False)
    assert not (tmp_path / "s").exists()
    with pytest.raises(sw.ActivationError, match="SAE produced"):
        lens.encode("some text")
