"""SAE files that could be read more than one way are refused, naming both ways: a folder in two
layouts, keys that differ only in case, complex tensors, a config contradicting the weights."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

import saewidgets as sw
from saewidgets._errors import SAEConfigError
from tests import helpers
from tests.saes import trainers


def test_two_layouts_in_one_folder_name_both(tmp_path):
    folder = helpers.write_sae(tmp_path / "sae")
    np.savez(folder / "params.npz", **trainers.gemmascope_params(0))
    with pytest.raises(SAEConfigError, match="saelens.*gemmascope") as err:
        sw.load_sae(folder)
    assert "format=" in str(err.value)
    assert sw.load_sae(folder, format="gemmascope").format == "gemmascope"


@pytest.mark.parametrize("suffix", ["npz", "safetensors"])
def test_keys_differing_in_case_are_refused(tmp_path, suffix):
    params = trainers.gemmascope_params(0)
    params["w_enc"] = params["W_enc"] * 2
    file = tmp_path / f"params.{suffix}"
    if suffix == "npz":
        np.savez(file, **params)
    else:
        save_file({k: torch.from_numpy(v) for k, v in params.items()}, str(file))
    with pytest.raises(SAEConfigError, match="'W_enc' and 'w_enc'"):
        sw.load_sae(tmp_path)


def test_complex_weights_are_refused(tmp_path):
    params = {k: v.astype(np.complex64) for k, v in trainers.gemmascope_params(0).items()}
    np.savez(tmp_path / "params.npz", **params)
    with pytest.raises(SAEConfigError, match="complex"):
        sw.load_sae(tmp_path)


def test_sparsify_config_contradicting_the_weights(tmp_path):
    """Written by eai-sparsify's own save_to_disk; then cfg.json's d_in is edited."""
    trainers.write_sparsify(tmp_path, seed=0)
    cfg = json.loads((tmp_path / "cfg.json").read_text())
    cfg["d_in"] = cfg["d_in"] + 1
    (tmp_path / "cfg.json").write_text(json.dumps(cfg))
    with pytest.raises(SAEConfigError, match="d_in="):
        sw.load_sae(tmp_path)


def test_dictionary_learning_config_contradicting_the_weights(tmp_path):
    """Written by dictionary_learning's own AutoEncoder; then dict_size is edited."""
    trainers.write_dictionary_learning(tmp_path, "AutoEncoder", seed=0)
    cfg = json.loads((tmp_path / "config.json").read_text())
    cfg["trainer"]["dict_size"] += 8
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(SAEConfigError, match="dict_size="):
        sw.load_sae(tmp_path)
