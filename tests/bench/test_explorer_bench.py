"""bench/explorer.py's measurements run end to end on the tests' small store (so the 131,072-
latent bench cannot rot): export figures, first paint and clicks to compact cards in Chromium."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_export_and_browse_measure_a_small_store(page, small_store, tmp_path) -> None:
    from bench.explorer import export, measure

    out = export(small_store.path, tmp_path / "explorer.html")
    live = int((~small_store.features["dead"]).sum())
    assert out["live_features"] == live and out["bytes_per_feature"] * live == out["file_bytes"]
    assert abs(out["estimate_error"]) < 0.05
    page.set_viewport_size({"width": 1400, "height": 1000})
    shown = measure(page, tmp_path / "explorer.html", small_store.path, out["shown_feature"], 3)
    assert 0 < shown["first_paint_ms"] < 60_000
    assert len(shown["click_ms"]) == 3 and all(0 < t < 60_000 for t in shown["click_ms"])
