"""SAE loading and encoding against plain-numpy references of SAELens's equations."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

from saewidgets import SAEConfigError
from saewidgets.saes._load import load_sae
from tests import helpers

CASES = {
    "standard": {},
    "topk": {"architecture": "topk", "k": 5},
    "jumprelu": {"architecture": "jumprelu"},
    "no_b_dec_in": {"apply_b_dec_to_input": False},
    "constant_norm": {"normalize_activations": "constant_norm_rescale"},
    "layer_norm": {"normalize_activations": "layer_norm"},
    "topk_rescale": {"architecture": "topk", "k": 5, "rescale_acts_by_decoder_norm": True},
}


@pytest.mark.parametrize("case", list(CASES))
def test_encode_matches_reference(tmp_path, case):
    folder = helpers.write_sae(tmp_path / case, **CASES[case])
    cfg = json.loads((folder / "cfg.json").read_text())
    state = load_file(str(folder / "sae_weights.safetensors"))
    x = torch.randn(40, 32) * 2
    sae = load_sae(folder)
    ref = helpers.reference_encode(cfg, state, x.numpy())
    dense = sae.encode(x).double().numpy()
    np.testing.assert_allclose(dense, ref, rtol=1e-5, atol=1e-5)
    assert (ref > 0).sum() > 0, "the case must exercise firing features"
    rows, feats, vals = sae.encode_sparse(x)
    sparse = np.zeros_like(ref)
    sparse[rows.numpy(), feats.numpy()] = vals.numpy()
    np.testing.assert_allclose(sparse, ref, rtol=1e-5, atol=1e-5)
    assert np.all(np.diff(rows.numpy() * 10_000 + feats.numpy()) > 0), "row-major order"


def test_fingerprint_changes_with_weights(tmp_path):
    a = load_sae(helpers.write_sae(tmp_path / "a", seed=1))
    b = load_sae(helpers.write_sae(tmp_path / "b", seed=2))
    assert a.fingerprint() != b.fingerprint()
    assert a.fingerprint() == load_sae(tmp_path / "a").fingerprint()


def test_folder_without_cfg(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(SAEConfigError, match="cfg.json"):
        load_sae(tmp_path / "empty")


def test_missing_path_is_clear(tmp_path):
    with pytest.raises(SAEConfigError, match="not an existing folder"):
        load_sae(str(tmp_path / "nope"))


def test_unsupported_architecture(tmp_path):
    folder = helpers.write_sae(tmp_path / "g", architecture="matching_pursuit")
    with pytest.raises(SAEConfigError, match="standard, topk, jumprelu"):
        load_sae(folder)


def test_nan_weights_rejected(tmp_path):
    from safetensors.torch import save_file

    folder = helpers.write_sae(tmp_path / "n")
    state = load_file(str(folder / "sae_weights.safetensors"))
    state["b_enc"][3] = np.nan
    save_file(
        {k: torch.from_numpy(v) for k, v in state.items()}, str(folder / "sae_weights.safetensors")
    )
    with pytest.raises(SAEConfigError, match="NaN"):
        load_sae(folder)


def test_old_threshold_and_topk_configs(tmp_path):
    from safetensors.torch import save_file

    folder = helpers.write_sae(tmp_path / "old", architecture="jumprelu")
    state = load_file(str(folder / "sae_weights.safetensors"))
    thr = state.pop("threshold")
    state["log_threshold"] = np.log(thr)
    save_file(
        {k: torch.from_numpy(v) for k, v in state.items()}, str(folder / "sae_weights.safetensors")
    )
    np.testing.assert_allclose(load_sae(folder).threshold.numpy(), thr, rtol=1e-6)
    cfg = json.loads((folder / "cfg.json").read_text())
    del cfg["architecture"]
    cfg["activation_fn_str"] = "topk"
    cfg["activation_fn_kwargs"] = {"k": 3}
    (folder / "cfg.json").write_text(json.dumps(cfg))
    with pytest.raises(SAEConfigError, match=r"hold \['log_threshold'\], which SAELens's topk"):
        load_sae(folder)  # a tensor the architecture does not have is never dropped
    del state["log_threshold"]
    save_file(
        {k: torch.from_numpy(v) for k, v in state.items()}, str(folder / "sae_weights.safetensors")
    )
    sae = load_sae(folder)
    assert (sae.architecture, sae.k) == ("topk", 3)
