"""The main job end to end: `saewidgets demo` on the embedded model, small size."""

from __future__ import annotations

import pytest

from saewidgets._cli import main


@pytest.mark.slow
def test_demo_command_writes_store_and_report(tmp_path, capsys):
    status = main(["demo", "--out", str(tmp_path / "demo"), "--n-tokens", "3000"])
    assert status == 0
    out = capsys.readouterr().out
    assert "SmolLM2" in out and "dead features" in out
    folder = tmp_path / "demo"
    for name in (
        "features.parquet",
        "summary.txt",
        "map.html",
        "grid.html",
        "cards.html",
        "explorer.html",
        "steer.html",
        "store/meta.json",
    ):
        assert (folder / name).exists(), name
    import saewidgets as sw

    store = sw.FeatureStore.open(folder / "store")
    assert store.n_tokens == 3000 and store.d_sae == 4096
    assert store.meta.hook == "blocks.6.hook_resid_post"


def test_demo_command_rejects_unknown_sae(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--sae", "gated"])
    assert "invalid choice" in capsys.readouterr().err
