"""Every SAE format read by ``load_sae`` encodes exactly as its trainer's own code does
(within 1e-5 in float32), from checkpoints written by that code where it installs from PyPI."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from tests.saes import trainers as tr


@pytest.fixture
def x() -> torch.Tensor:
    return torch.randn(64, tr.D_IN) * 3


def close(ours: torch.Tensor, theirs: torch.Tensor | np.ndarray) -> None:
    theirs = torch.as_tensor(np.asarray(theirs, dtype=np.float32))
    torch.testing.assert_close(ours.float(), theirs, rtol=1e-5, atol=1e-5)
    assert (theirs > 0).sum() > 20, "the checkpoint must activate features"


@pytest.mark.parametrize("transcode", [False, True])
def test_sparsify_matches_sparsify(tmp_path, x, transcode):
    coder = tr.write_sparsify(tmp_path / "layers.0", seed=1, transcode=transcode)
    sae = sw.load_sae(tmp_path / "layers.0")
    assert (sae.format, sae.architecture, sae.k, sae.hook_name) == (
        "sparsify",
        "topk",
        6,
        "layers.0",
    )
    assert sae.apply_b_dec_to_input is not transcode
    with torch.no_grad():
        close(sae.encode(x), tr.sparsify_encode(coder, x))
        out = coder.encode(x)
        torch.testing.assert_close(
            sae.decode(sae.encode(x)), coder.decode(out.top_acts, out.top_indices)
        )


def test_sparsify_parent_folder_needs_hook(tmp_path, x):
    a = tr.write_sparsify(tmp_path / "layers.0", seed=1)
    tr.write_sparsify(tmp_path / "layers.1", seed=2)
    with pytest.raises(sw.SAEConfigError, match=r"layers\.0, layers\.1"):
        sw.load_sae(tmp_path)
    sae = sw.load_sae(tmp_path, hook="layers.0")
    with torch.no_grad():
        close(sae.encode(x), tr.sparsify_encode(a, x))
    assert sw.load_sae(tmp_path, hook="model.layers.1").hook_name == "layers.1"


@pytest.mark.parametrize(
    "dict_class, arch",
    [
        ("AutoEncoder", "standard"),
        ("AutoEncoderTopK", "topk"),
        ("BatchTopKSAE", "jumprelu"),
        ("JumpReluAutoEncoder", "jumprelu"),
        ("GatedAutoEncoder", "gated"),
        ("MatryoshkaBatchTopKSAE", "jumprelu"),
    ],
)
def test_dictionary_learning_matches_its_classes(tmp_path, x, dict_class, arch):
    ae = tr.write_dictionary_learning(tmp_path / dict_class, dict_class, seed=3)
    sae = sw.load_sae(tmp_path / dict_class)
    assert (sae.format, sae.architecture) == ("dictionary_learning", arch)
    assert sae.hook_name == "blocks.0.hook_resid_post"
    with torch.no_grad():
        close(sae.encode(x), ae.encode(x))
        torch.testing.assert_close(sae.decode(ae.encode(x)), ae.decode(ae.encode(x)))


@pytest.mark.parametrize("topk", [False, True])
def test_openai_matches_their_encode(tmp_path, x, topk):
    state = tr.write_openai(tmp_path / "ae_0.pt", seed=4, topk=topk)
    sae = sw.load_sae(tmp_path / "ae_0.pt")
    assert (sae.format, sae.architecture) == ("openai", "topk" if topk else "standard")
    close(sae.encode(x), tr.openai_encode(state, x.double().numpy()))


def test_gemmascope_npz_and_safetensors(tmp_path, x):
    from safetensors.numpy import save_file

    params = tr.gemmascope_params(seed=5)
    npz = tmp_path / "layer_3" / "width_16k" / "average_l0_50"
    npz.mkdir(parents=True)
    np.savez(npz / "params.npz", **params)
    sae = sw.load_sae(npz.parents[2] / "layer_3/width_16k/average_l0_50")
    assert (sae.format, sae.architecture, sae.apply_b_dec_to_input) == (
        "gemmascope",
        "jumprelu",
        False,
    )
    ref = tr.jumprelu_encode(params, x.double().numpy())
    close(sae.encode(x), ref)
    st = tmp_path / "scope2"
    st.mkdir()
    save_file({k.lower(): v for k, v in params.items()}, str(st / "params.safetensors"))
    close(sw.load_sae(st, format="gemmascope").encode(x), ref)


LLAMASCOPE_VARIANTS = {
    "release": {},
    "b_dec_in": {"apply_decoder_bias_to_pre_encoder": True},
    "transcoder": {
        "hook_point_out": "blocks.0.hook_mlp_out",
        "dataset_average_activation_norm": {"in": 9.0, "out": 2.5},
    },
    "raw_decoder": {"sparsity_include_decoder_norm": False, "jump_relu_threshold": 0.1},
    "no_b_dec": {"use_decoder_bias": False},
    "topk_as_jumprelu": {"act_fn": "topk", "top_k": 8},
    "topk": {"act_fn": "topk", "top_k": 8, "jump_relu_threshold": 0.0},
}


@pytest.mark.parametrize("variant", sorted(LLAMASCOPE_VARIANTS))
def test_llamascope_matches_lm_saes(tmp_path, x, variant):
    saved = tr.write_llamascope(tmp_path / "L0R", seed=6, **LLAMASCOPE_VARIANTS[variant])
    sae = sw.load_sae(tmp_path / "L0R")
    assert (sae.format, sae.hook_name) == ("llamascope", "blocks.0.hook_resid_post")
    assert sae.architecture == ("topk" if variant == "topk" else "jumprelu")
    z = sae.encode(x)
    close(z, tr.llamascope_encode(saved, x.double().numpy()))
    ref = tr.llamascope_decode(saved, z.double().numpy())
    torch.testing.assert_close(sae.decode(z).double(), torch.from_numpy(ref), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    "setting, message",
    [({"use_glu_encoder": True}, "use_glu_encoder=true"), ({"sae_type": "clt"}, "sae_type='clt'")],
)
def test_llamascope_unread_settings_refused(tmp_path, setting, message):
    tr.write_llamascope(tmp_path / "glu", seed=6, **setting)
    with pytest.raises(sw.SAEConfigError, match=message):
        sw.load_sae(tmp_path / "glu")


def test_llamascope_token_wise_refused(tmp_path):
    tr.write_llamascope(tmp_path / "tw", seed=6, norm_activation="token-wise")
    with pytest.raises(sw.SAEConfigError, match="only dataset-wise"):
        sw.load_sae(tmp_path / "tw")


def test_saelens_format_recorded(sae_dirs):
    sae = sw.load_sae(sae_dirs["topk"], device="cpu")
    assert (sae.format, sae.architecture, sae.d_in, sae.d_sae) == ("saelens", "topk", 32, 96)


def test_unknown_layout_lists_formats_tried(tmp_path):
    (tmp_path / "stuff.txt").write_text("x")
    with pytest.raises(sw.SAEConfigError, match="matches no SAE format") as err:
        sw.load_sae(tmp_path)
    for name in ("saelens", "sparsify", "gemmascope", "dictionary_learning", "openai"):
        assert name in str(err.value)
    with pytest.raises(sw.SAEConfigError, match="not in the sparsify format: expected"):
        sw.load_sae(tmp_path, format="sparsify")
    with pytest.raises(sw.SAEConfigError, match="format='nope' is not one of"):
        sw.load_sae(tmp_path, format="nope")


class Pickled:
    """An arbitrary Python object: loading it would need pickle."""


def test_pickled_checkpoint_refused(tmp_path):
    torch.save({"pre_bias": Pickled()}, tmp_path / "ae.pt")
    with pytest.raises(sw.SAEConfigError, match="needs pickle"):
        sw.load_sae(tmp_path / "ae.pt", format="openai")


def test_harvest_through_the_lens_matches_each_trainer(model, texts, tmp_path):
    """For each format: harvest through a Lens on the tiny model, then re-encode every token
    with the trainer's own encode from a full forward pass (no early stop)."""
    hook = "blocks.0.hook_resid_post"
    coder = tr.write_sparsify(tmp_path / "sp" / "layers.0", seed=1)
    ae = tr.write_dictionary_learning(tmp_path / "dl", "AutoEncoderTopK", seed=3)
    oa = tr.write_openai(tmp_path / "oa" / "sae.pt", seed=4, topk=True)
    gs = tr.gemmascope_params(seed=5)
    (tmp_path / "gs").mkdir()
    np.savez(tmp_path / "gs" / "params.npz", **gs)
    ls = tr.write_llamascope(tmp_path / "ls", seed=6)
    gated = tr.write_dictionary_learning(tmp_path / "dg", "GatedAutoEncoder", seed=7)
    groupmax = tr.write_sparsify(tmp_path / "sg" / "layers.0", seed=8, activation="groupmax")
    cases = {
        "dg": lambda x: gated.encode(torch.from_numpy(x).float()).numpy(),
        "sg": lambda x: tr.sparsify_encode(groupmax, torch.from_numpy(x).float()).numpy(),
        "sp": lambda x: tr.sparsify_encode(coder, torch.from_numpy(x).float()).numpy(),
        "dl": lambda x: ae.encode(torch.from_numpy(x).float()).numpy(),
        "oa": lambda x: tr.openai_encode(oa, x),
        "gs": lambda x: tr.jumprelu_encode(gs, x),
        "ls": lambda x: tr.llamascope_encode(ls, x),
    }
    for name, reference in cases.items():
        lens = sw.Lens(model, tmp_path / name, hook=hook)
        store = sw.harvest(
            lens, texts, n_tokens=240, out=tmp_path / f"store-{name}", progress=False
        )
        assert store.meta.sae_format == lens.sae.format
        ref = []
        for s in range(store.meta.n_seq):
            a, b = store.seq_offsets[s], store.seq_offsets[s + 1]
            toks = torch.from_numpy(store.tokens[a:b].astype(np.int64))[None]
            with torch.no_grad():
                _, cache = model.run_with_cache(toks, names_filter=hook)
                ref.append(reference(cache[hook][0].double().numpy()))
        dense = np.zeros((store.meta.n_tokens, store.meta.d_sae), np.float32)
        tok, feat, val = store.record.tokens(0, store.meta.n_tokens)
        dense[tok, feat] = val
        np.testing.assert_allclose(dense, np.concatenate(ref), rtol=1e-4, atol=1e-4, err_msg=name)
        assert (dense > 0).sum() > 100, name
