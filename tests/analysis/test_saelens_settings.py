"""Non-default SAELens encode settings give SAELens's own activations (objects and folders)."""

from __future__ import annotations

import pytest
import sae_lens  # noqa: F401  (the test suite installs saewidgets[saelens])
import torch

from saewidgets.saes._load import load_sae

SETTINGS = [
    ("standard", {"normalize_activations": "layer_norm"}),
    ("standard", {"normalize_activations": "constant_norm_rescale"}),
    ("standard", {"apply_b_dec_to_input": False}),
    ("jumprelu", {"normalize_activations": "layer_norm", "apply_b_dec_to_input": False}),
    ("topk", {"rescale_acts_by_decoder_norm": True}),
    ("topk", {"rescale_acts_by_decoder_norm": True, "normalize_activations": "layer_norm"}),
    ("topk", {"apply_b_dec_to_input": False, "normalize_activations": "constant_norm_rescale"}),
]


def _sae(arch: str, **settings):
    from sae_lens import SAE

    cfg = {
        "architecture": arch,
        "d_in": 32,
        "d_sae": 64,
        "dtype": "float32",
        "device": "cpu",
        "apply_b_dec_to_input": True,
        "normalize_activations": "none",
        "metadata": {"model_name": "tiny-test", "hook_name": "blocks.0.hook_resid_post"},
        **settings,
    }
    if arch == "topk":
        cfg["k"] = 6
    sae = SAE.from_dict(cfg)
    g = torch.Generator().manual_seed(11)
    with torch.no_grad():
        for p in sae.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.5)
        sae.W_dec.mul_(torch.rand(sae.W_dec.shape[0], 1, generator=g) * 3)  # unequal row norms
        sae.b_enc.sub_(0.5)
        if arch == "jumprelu":
            sae.threshold.copy_(torch.rand(sae.threshold.shape, generator=g) * 0.3)
    return sae


@pytest.mark.parametrize(("arch", "settings"), SETTINGS, ids=lambda v: str(v))
def test_encode_settings_match_saelens(tmp_path, arch, settings):
    sae = _sae(arch, **settings)
    for key, value in settings.items():
        assert getattr(sae.cfg, key) == value
    x = torch.randn(40, 32, generator=torch.Generator().manual_seed(2)) * 3 + 1
    expected = sae.encode(x).detach()
    assert (expected > 0).sum() > 40
    ours = load_sae(sae)
    torch.testing.assert_close(ours.encode(x), expected, rtol=1e-5, atol=1e-5)
    sae.save_model(tmp_path / "saved")
    torch.testing.assert_close(
        load_sae(tmp_path / "saved").encode(x), expected, rtol=1e-5, atol=1e-5
    )
    rows, feats, vals = ours.encode_sparse(x)
    dense = torch.zeros_like(expected)
    dense[rows, feats] = vals
    torch.testing.assert_close(dense, expected, rtol=1e-5, atol=1e-5)
    expected_out = sae.decode(sae.encode(x)).detach()  # SAELens decodes into model space
    torch.testing.assert_close(ours.decode(ours.encode(x), x), expected_out, rtol=1e-5, atol=1e-5)
    for key, value in settings.items():  # decoder norms are folded as SAELens's inference save
        assert ours.encode_settings()[key] == (False if key.startswith("rescale") else value)


def test_dataset_scale_without_its_factor_is_refused(tmp_path):
    from saewidgets import SAEConfigError

    sae = _sae("standard", normalize_activations="expected_average_only_in")
    with pytest.raises(SAEConfigError, match="activation_scaler.json"):
        load_sae(sae)
    sae.save_model(tmp_path / "saved")
    with pytest.raises(SAEConfigError, match="activation_scaler.json"):
        load_sae(tmp_path / "saved")
