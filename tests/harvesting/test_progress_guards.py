"""No hang, no runaway disk: every size that packing depends on is checked against what can
make progress (context_size from the argument, cfg.json or --context-size), and a rank whose
launcher has gone stops instead of writing on."""

from __future__ import annotations

import os

import pytest

import saewidgets as sw
from saewidgets._cli import main
from saewidgets.harvesting._data import iter_sequences
from saewidgets.harvesting._distributed import check_launcher
from tests import helpers


@pytest.mark.parametrize("size", [1, 0, -4, 2.5, "128", True])
def test_context_size_argument_leaving_no_room_after_bos_is_refused(model, sae_dirs, size):
    with pytest.raises(sw.ArgumentError, match="context_size must be"):
        sw.Lens(model, sae_dirs["standard"], context_size=size)


@pytest.mark.parametrize("size", [1, 0, "24", 2.0])
def test_context_size_from_cfg_json_is_checked(model, tmp_path, size):
    sae = helpers.write_sae(tmp_path / "sae", context_size=size)
    with pytest.raises(sw.SAEConfigError, match=r"context_size=.*Pass context_size= to the Lens"):
        sw.Lens(model, sae)
    assert sw.Lens(model, sae, context_size=16).context_size == 16  # the argument wins


def test_packing_refuses_a_bos_only_size_whatever_the_lens_says(model, sae_dirs, texts):
    lens = sw.Lens(model, sae_dirs["standard"])
    lens.context_size = 1  # changed after the Lens checked it
    with pytest.raises(sw.DataError, match="no room for text after the BOS token"):
        next(iter_sequences(lens, texts, None))


def test_cli_context_size_one_exits_with_a_clear_error(
    model, sae_dirs, tmp_path, capsys, monkeypatch
):
    import saewidgets.demo

    monkeypatch.setattr(saewidgets.demo, "load_demo_model", lambda device: model)  # tiny stand-in
    monkeypatch.setattr(saewidgets.demo, "demo_sae_path", lambda kind: sae_dirs["standard"])
    (tmp_path / "docs.txt").write_text("one document\n\nand another")
    cmd = ["harvest", "--model", "demo", "--dataset", str(tmp_path / "docs.txt"), "--no-progress"]
    assert main([*cmd, "--out", str(tmp_path / "st"), "--context-size", "1"]) == 2
    assert "context_size must be at least 2, got 1" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.txt"]


def test_a_rank_whose_launcher_is_gone_stops():
    check_launcher(os.getppid())  # the launcher is alive: carry on
    with pytest.raises(sw.DistributedError, match="launcher of this rank .* has exited"):
        check_launcher(os.getppid() + 1_000_000)
