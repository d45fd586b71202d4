"""Damaged files and odd configs give a saewidgets error naming the file, the problem and the
fix, never a raw library error (JSONDecodeError, SafetensorError, KeyError, ZeroDivisionError)."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

import saewidgets as sw
from saewidgets._cli import _dataset
from saewidgets._errors import DataError, SAEConfigError
from tests import helpers
from tests.saes import trainers


def _npz(folder, damage):
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "params.npz"
    np.savez(file, **trainers.gemmascope_params(0))
    damage(file)
    return folder


def _declare_huge(file):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (60000, 60000), }"
    header = header.ljust(117) + "\n"
    data = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode()
    with zipfile.ZipFile(file, "w") as z:
        for name in ("W_enc", "W_dec", "b_enc", "b_dec", "threshold"):
            z.writestr(f"{name}.npy", data + b"\0" * 64)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        pytest.param(
            lambda f: f.write_bytes(b"garbage" * 100), "not a readable npz", id="not-a-zip"
        ),
        pytest.param(_declare_huge, "13.4 GiB", id="declares-13-GiB"),
        pytest.param(
            lambda f: f.write_bytes(f.read_bytes()[:300]), "not a readable npz", id="truncated"
        ),
    ],
)
def test_damaged_npz(tmp_path, damage, message):
    folder = _npz(tmp_path / "gs", damage)
    with pytest.raises(SAEConfigError, match=message) as err:
        sw.load_sae(folder)
    assert "params.npz" in str(err.value) and "re-download" in str(err.value)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b"\xff" * 64, id="header-too-large"),
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_damaged_safetensors(tmp_path, damage):
    folder = helpers.write_sae(tmp_path / "sae")
    file = folder / "sae_weights.safetensors"
    file.write_bytes(damage(file.read_bytes()))
    with pytest.raises(SAEConfigError, match="sae_weights.safetensors.*re-download"):
        sw.load_sae(folder)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(b"[1, 2]", "not a JSON object", id="a-list"),
        pytest.param('{"a": "caf\xe9"}'.encode("latin-1"), "not UTF-8", id="latin-1"),
        pytest.param(b"{oops", "line 1, column 2", id="not-json"),
    ],
)
def test_bad_config_json(tmp_path, text, message):
    folder = helpers.write_sae(tmp_path / "sae")
    (folder / "cfg.json").write_bytes(text)
    with pytest.raises(SAEConfigError, match=message):
        sw.load_sae(folder)


@pytest.mark.parametrize(
    ("hyper", "message"),
    [
        pytest.param({"act_fn": "topk", "jump_relu_threshold": 0}, "needs top_k", id="no-top-k"),
        pytest.param({"dataset_average_activation_norm": {"in": 0}}, "positive", id="norm-0"),
        pytest.param({"d_model": 0}, "d_model", id="d-model-0"),
        pytest.param({"jump_relu_threshold": "x"}, "jump_relu_threshold", id="threshold-str"),
        pytest.param({"use_decoder_bias": "no"}, "use_decoder_bias", id="bias-str"),
    ],
)
def test_llamascope_hyperparameters(tmp_path, hyper, message):
    trainers.write_llamascope(tmp_path, seed=0, **hyper)
    with pytest.raises(SAEConfigError, match=message) as err:
        sw.load_sae(tmp_path)
    assert "hyperparams.json" in str(err.value)


def test_head_index_on_a_residual_hook(model, tmp_path):
    folder = helpers.write_sae(tmp_path / "sae", hook_head_index=1)
    with pytest.raises(SAEConfigError, match="hook_head_index.*blocks.0.hook_resid_post"):
        sw.Lens(model, folder)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", b'{"text": "ok"}\n{broken\n', r"bad.jsonl:2 is not a JSON object"),
        ("latin.txt", "one\n\ncaf\xe9 au lait\n".encode("latin-1"), r"latin.txt:3 is not UTF-8"),
        ("obj.npy", None, "not a plain .npy"),
    ],
)
def test_cli_datasets_name_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    else:
        path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        list(_dataset(str(path)))
