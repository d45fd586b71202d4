"""SAEs saved by SAELens's own save_model load here and encode identically; objects untouched."""

from __future__ import annotations

import pytest
import sae_lens  # noqa: F401  (the test suite installs saewidgets[saelens])
import torch

from saewidgets.saes._load import load_sae


def _saelens_sae(arch: str, d_in: int = 32, d_sae: int = 64):
    from sae_lens import SAE

    cfg = {
        "architecture": arch,
        "d_in": d_in,
        "d_sae": d_sae,
        "dtype": "float32",
        "device": "cpu",
        "apply_b_dec_to_input": True,
        "normalize_activations": "none",
        "metadata": {"model_name": "tiny-test", "hook_name": "blocks.0.hook_resid_post"},
    }
    if arch == "topk":
        cfg["k"] = 5
    sae = SAE.from_dict(cfg)
    with torch.no_grad():
        for p in sae.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
        sae.b_enc.sub_(0.8)
        if arch == "jumprelu":
            sae.threshold.copy_(torch.rand_like(sae.threshold) * 0.3)
    return sae


@pytest.mark.parametrize("arch", ["standard", "topk", "jumprelu"])
def test_save_model_roundtrip_encodes_identically(tmp_path, arch):
    sae = _saelens_sae(arch)
    sae.save_model(tmp_path / arch)
    ours = load_sae(tmp_path / arch)
    x = torch.randn(50, 32)
    expected = sae.encode(x).detach()
    assert (expected > 0).any()
    torch.testing.assert_close(ours.encode(x), expected, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(load_sae(sae).encode(x), expected, rtol=1e-5, atol=1e-6)


def test_lens_never_modifies_the_users_sae(model):
    import saewidgets as sw

    sae = _saelens_sae("standard")
    before = {k: v.clone() for k, v in sae.state_dict().items()}
    lens = sw.Lens(model, sae)
    lens.encode("The quick brown fox.")
    lens.sae.W_dec.mul_(2.0)  # even mutating the Lens's copy leaves the user's SAE alone
    for k, v in sae.state_dict().items():
        torch.testing.assert_close(v, before[k], rtol=0, atol=0)
