"""Llama Scope folders read by SAELens's own Llama Scope loader (``llama_scope`` in
``sae_lens/loading/pretrained_sae_loaders.py``, through
``SAE.from_pretrained_with_cfg_and_sparsity``) against ``load_sae``, with the hub download
replaced by the files written here.

SAELens's registry gives each Llama Scope SAE a ``norm_scaling_factor``; its entries equal
``sqrt(d_model) / dataset_average_activation_norm["in"]`` (the factor the loader itself uses for
the threshold), which is what the registry lookup returns here.

The differences, each measured below: ``load_sae`` reads a checkpoint as lm-saes's own
``from_pretrained`` prepares it (the release's code), SAELens does not:
1. scale: SAELens's activations are ``s = sqrt(d_model) / norm_in`` times ours (it keeps the
   training scale); the active latents and ``decode`` are the same;
2. ``sparsity_include_decoder_norm``: lm-saes folds the decoder column norms into the encoder;
   SAELens ignores it, so with decoder columns not of norm 1 the active latents differ;
3. ``apply_decoder_bias_to_pre_encoder``: SAELens never subtracts ``decoder.bias`` first.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

import saewidgets as sw
from tests.saes import trainers as tr


def saelens_llamascope(folder: Path, monkeypatch: Any) -> tuple[Any, float]:
    """The SAE SAELens builds for ``folder`` with its ``llama_scope`` loader."""
    import sae_lens.loading.pretrained_sae_loaders as loaders
    import sae_lens.saes.sae as sae_mod
    from sae_lens import SAE

    def from_disk(repo_id, filename=None, subfolder=None, **_):
        return str(folder.parent / (subfolder or "") / filename)

    hyper = json.loads((folder / "hyperparams.json").read_text())
    factor = hyper["d_model"] ** 0.5 / hyper["dataset_average_activation_norm"]["in"]
    monkeypatch.setattr(loaders, "hf_hub_download", from_disk)
    monkeypatch.setattr(sae_mod, "get_norm_scaling_factor", lambda release, sae_id: factor)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sae, _, _ = SAE.from_pretrained_with_cfg_and_sparsity(
            "local/llama-scope",
            folder.name,
            dtype="float32",
            converter=loaders.llama_scope_sae_huggingface_loader,
        )
    return sae, factor


def unit_columns(folder: Path) -> None:
    """Make the decoder columns of norm 1 (where lm-saes and SAELens agree)."""
    from safetensors.torch import load_file, save_file

    path = folder / "checkpoints" / "final.safetensors"
    state = load_file(str(path))
    W = state["decoder.weight"]
    state["decoder.weight"] = (W / W.norm(dim=0)).contiguous()
    save_file(state, str(path))


@pytest.fixture
def x() -> torch.Tensor:
    return torch.randn(256, tr.D_IN) * 3


def test_saelens_reads_llamascope_at_another_scale(tmp_path, monkeypatch, x):
    folder = tmp_path / "L0R"
    tr.write_llamascope(folder, seed=4)
    unit_columns(folder)
    theirs, s = saelens_llamascope(folder, monkeypatch)
    ours = sw.load_sae(folder)
    with torch.no_grad():
        a, b = ours.encode(x), theirs.encode(x)
        assert (b > 0).sum() > 200 and s != pytest.approx(1.0)
        torch.testing.assert_close(a > 0, b > 0)
        torch.testing.assert_close(a * s, b, rtol=1e-4, atol=1e-5)
        torch.testing.assert_close(ours.decode(a), theirs.decode(b), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(
    "setting",
    ["decoder norms", {"apply_decoder_bias_to_pre_encoder": True}],
    ids=["sparsity_include_decoder_norm", "apply_decoder_bias_to_pre_encoder"],
)
def test_saelens_ignores_lm_saes_settings(tmp_path, monkeypatch, x, setting):
    """Where SAELens's loader drops a setting lm-saes applies, the active latents differ (we
    follow lm-saes; see tests/saes/test_formats.py for the comparison with its equations)."""
    folder = tmp_path / "L0R"
    tr.write_llamascope(folder, seed=4, **(setting if isinstance(setting, dict) else {}))
    if isinstance(setting, dict):
        unit_columns(folder)
    theirs, s = saelens_llamascope(folder, monkeypatch)
    ours = sw.load_sae(folder)
    with torch.no_grad():
        a, b = ours.encode(x), theirs.encode(x)
    differ = ((a > 0) != (b > 0)).sum().item()
    assert differ > 50, differ
    ref = tr.llamascope_encode(tr_saved(folder), x.double().numpy())
    np.testing.assert_allclose(a.numpy(), ref, rtol=1e-4, atol=1e-5)


def tr_saved(folder: Path) -> dict[str, Any]:
    """The folder as ``tr.write_llamascope`` returns it (state and hyperparameters)."""
    from safetensors.torch import load_file

    return {
        "state": load_file(str(folder / "checkpoints" / "final.safetensors")),
        "hyper": json.loads((folder / "hyperparams.json").read_text()),
    }
