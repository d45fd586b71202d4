"""The architectures trained today (Gated, GroupMax, BatchTopK, Matryoshka BatchTopK), from
checkpoints their trainers' own training loops wrote, encode and decode as the trainers' own
objects do: within 1e-4 relative, the same active latents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch

import saewidgets as sw
from tests.saes import trained
from tests.saes import trainers as tr


def same(ours: torch.Tensor, theirs: torch.Tensor, active: bool = True) -> float:
    """Relative max error of ``ours`` against ``theirs``; with ``active``, the same non-zero
    latents, and enough of them for the comparison to mean something."""
    theirs = theirs.detach().float()
    err = float((ours - theirs).abs().max() / theirs.abs().max())
    assert err <= 1e-4, err
    if active:
        assert torch.equal(ours > 0, theirs > 0), "active latents differ"
        assert (theirs > 0).sum() > 20, "the checkpoint must activate features"
    return err


@pytest.fixture(scope="module")
def x() -> torch.Tensor:
    return next(trained.activations(seed=9))


@pytest.fixture(scope="module")
def dl_run(tmp_path_factory) -> tuple[Path, object]:
    save_dir = tmp_path_factory.mktemp("dl") / "run"
    return save_dir, trained.train_dictionary_learning(save_dir)


@pytest.mark.parametrize("file", ["checkpoints/ae_3.pt", "ae.pt", "."])
@pytest.mark.parametrize("index", range(len(trained.DL_TRAINERS)))
def test_dictionary_learning_matches_its_classes(dl_run, x, index, file):
    save_dir, dl = dl_run
    path = save_dir / f"trainer_{index}" / file
    sae = sw.load_sae(path)
    assert sae.format == "dictionary_learning"
    assert sae.architecture == ("gated" if index == 0 else "jumprelu")
    ae_file = path / "ae.pt" if path.is_dir() else path
    ae = trained.dictionary_learning_class(dl, trained.DL_TRAINERS[index], ae_file)
    with torch.no_grad():
        z = sae.encode(x)
        same(z, ae.encode(x))
        same(sae.decode(z), ae.decode(ae.encode(x)), active=False)
    if index == 1:
        assert float(ae.threshold) > 0, "the trainer must have learned its threshold"


def test_dictionary_learning_save_dir_and_misplaced_files(dl_run, tmp_path):
    save_dir, _ = dl_run
    with pytest.raises(sw.SAEConfigError, match=r"several dictionary_learning trainer folders"):
        sw.load_sae(save_dir)
    with pytest.raises(sw.SAEConfigError, match=r"trainer_0, .*trainer_1\."):
        sw.load_sae(save_dir)
    running = tmp_path / "running"  # a trainer folder with checkpoints and no final ae.pt yet
    shutil.copytree(save_dir / "trainer_0", running)
    (running / "ae.pt").unlink()
    with pytest.raises(sw.SAEConfigError, match=r"checkpoints; pass one of: .*ae_3\.pt"):
        sw.load_sae(running)
    moved = tmp_path / "moved" / "checkpoints" / "ae_3.pt"  # its config is not one folder up
    moved.parent.mkdir(parents=True)
    shutil.copy(save_dir / "trainer_0" / "checkpoints" / "ae_3.pt", moved)
    up = str(tmp_path / "moved" / "config.json")
    with pytest.raises(sw.SAEConfigError, match="config.json one folder up") as err:
        sw.load_sae(moved, format="dictionary_learning")
    assert up in str(err.value)
    with pytest.raises(sw.SAEConfigError, match="matches no SAE format"):
        sw.load_sae(moved)  # not mistaken for an OpenAI file
    lone = tmp_path / "lone.pt"  # a state dict with no config at all
    shutil.copy(moved, lone)
    with pytest.raises(sw.SAEConfigError, match="looks like a dictionary_learning state dict"):
        sw.load_sae(lone)


def test_dictionary_learning_unknown_tensor_or_setting_refused(dl_run, tmp_path):
    save_dir, _ = dl_run
    folder = tmp_path / "t"
    shutil.copytree(save_dir / "trainer_1", folder)
    cfg = json.loads((folder / "config.json").read_text())
    cfg["trainer"]["use_new_encoder"] = True
    (folder / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(sw.SAEConfigError, match=r"trainer\.use_new_encoder"):
        sw.load_sae(folder)
    shutil.copy(save_dir / "trainer_1" / "config.json", folder / "config.json")
    state = torch.load(folder / "ae.pt")
    torch.save({**state, "W_skip": torch.zeros(tr.D_IN, tr.D_IN)}, folder / "ae.pt")
    with pytest.raises(sw.SAEConfigError, match=r"holds \['W_skip'\]"):
        sw.load_sae(folder)


SCALED = {"normalize_activations": "expected_average_only_in"}
SAELENS_CASES = {
    "batchtopk": ("batchtopk", {"k": tr.K, "topk_threshold_lr": 0.2}),
    "batchtopk_scaled": ("batchtopk", {"k": tr.K, "topk_threshold_lr": 0.2, **SCALED}),
    "matryoshka_batchtopk": (
        "matryoshka_batchtopk",
        {"k": tr.K, "topk_threshold_lr": 0.2, "matryoshka_widths": [24, 96]},
    ),
    "gated": ("gated", {}),
    "topk_scaled": ("topk", {"k": tr.K, **SCALED}),  # its decoder norms fold after the scale
}


@pytest.mark.parametrize("case", sorted(SAELENS_CASES))
def test_saelens_checkpoints_read_as_saelens_converts_them(tmp_path, x, case):
    arch, settings = SAELENS_CASES[case]
    final = trained.train_saelens(arch, tmp_path / "ckpt", **settings)
    (checkpoint,) = (tmp_path / "ckpt").iterdir()
    if "scaled" in case:
        scaler = json.loads((checkpoint / "activation_scaler.json").read_text())
        assert abs(scaler["scaling_factor"] - 1) > 0.1, "the dataset scale must matter"
    final.save_model(tmp_path / "final")
    for folder in (checkpoint, tmp_path / "final"):
        sae = sw.load_sae(folder)
        expected = {"gated": "gated", "topk": "topk"}.get(arch, "jumprelu")
        assert (sae.format, sae.architecture) == ("saelens", expected)
        theirs = trained.saelens_inference(folder, arch, tmp_path / f"inference-{folder.name}")
        with torch.no_grad():
            z = sae.encode(x)
            same(z, theirs.encode(x))
            same(sae.decode(z), theirs.decode(theirs.encode(x)), active=False)
    if arch != "gated":  # trained with rescale_acts_by_decoder_norm: the norms matter
        norms = final.W_dec.norm(dim=-1)
        assert (norms - 1).abs().max() > 0.3
    if "batchtopk" in arch:
        assert float(final.topk_threshold) > 0, "the trainer must have learned its threshold"


def test_saelens_unknown_tensor_or_setting_refused(tmp_path):
    trained.train_saelens("batchtopk", tmp_path / "ckpt", steps=2, k=tr.K)
    (folder,) = (tmp_path / "ckpt").iterdir()
    cfg = json.loads((folder / "cfg.json").read_text())
    (folder / "cfg.json").write_text(json.dumps({**cfg, "use_fancy_encoder": True}))
    with pytest.raises(sw.SAEConfigError, match=r"\['use_fancy_encoder'\].*batchtopk config"):
        sw.load_sae(folder)
    (folder / "cfg.json").write_text(json.dumps(cfg))
    from safetensors.torch import load_file, save_file

    state = load_file(str(folder / "sae_weights.safetensors"))
    save_file(
        {**state, "scaling_factor": torch.ones(tr.D_SAE)}, str(folder / "sae_weights.safetensors")
    )
    with pytest.raises(sw.SAEConfigError, match=r"\['scaling_factor'\].*does not drop"):
        sw.load_sae(folder)


def test_sparsify_groupmax_matches_sparsify(tmp_path, x):
    from sparsify import SparseCoder, SparseCoderConfig

    cfg = SparseCoderConfig(num_latents=tr.D_SAE, k=tr.K, activation="groupmax")
    coder = SparseCoder(tr.D_IN, cfg)
    tr.randomise(coder, seed=4)
    coder.save_to_disk(tmp_path / "layers.0")
    sae = sw.load_sae(tmp_path / "layers.0")
    assert (sae.architecture, sae.k) == ("groupmax", tr.K)
    with torch.no_grad():
        z = sae.encode(x)
        out = coder.encode(x)
        same(z, torch.zeros_like(z).scatter_(-1, out.top_indices, out.top_acts))
        same(sae.decode(z), coder.decode(out.top_acts, out.top_indices), active=False)


def test_sparsify_unknown_tensor_or_setting_refused(tmp_path):
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "layers.0"
    tr.write_sparsify(folder, seed=1)
    cfg = json.loads((folder / "cfg.json").read_text())
    (folder / "cfg.json").write_text(json.dumps({**cfg, "activation": "jumprelu"}))
    with pytest.raises(sw.SAEConfigError, match="activation 'jumprelu' is not supported"):
        sw.load_sae(folder)
    (folder / "cfg.json").write_text(json.dumps({**cfg, "tied": True}))
    with pytest.raises(sw.SAEConfigError, match=r"\['tied'\]"):
        sw.load_sae(folder)
    (folder / "cfg.json").write_text(json.dumps(cfg))
    state = load_file(str(folder / "sae.safetensors"))
    save_file({**state, "W_extra": torch.zeros(3)}, str(folder / "sae.safetensors"))
    with pytest.raises(sw.SAEConfigError, match=r"holds \['W_extra'\]"):
        sw.load_sae(folder)
