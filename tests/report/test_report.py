"""The text report states the store's numbers."""

from __future__ import annotations

import re

import saewidgets as sw
from saewidgets.analysis import _grid
from saewidgets.widgets._report import summary_text, write_report


def test_summary_states_the_counts_and_quadrants(small_store, tmp_path):
    store = small_store
    text = summary_text(store)
    f = store.features
    assert re.search(rf"dead features \(never fired\):\s+{int(f['dead'].sum()):,}\n", text)
    assert re.search(rf"dense \(density > 0.1\):\s+{int(f['dense'].sum()):,}\n", text)
    densest = int(f["density"].idxmax())
    assert re.search(rf"\n\s+{densest}\s+{f.loc[densest, 'density']:.4f}", text)
    q = store.geometry_grid(progress=False).quadrants()
    assert f"{q.loc['output similar', ('mean_cos', 'co-occur')]:+.4f}" in text
    files = write_report(store, tmp_path, progress=False, cards=3)
    names = ["features.parquet", "summary.txt", "map.html", "grid.html", "cards.html"]
    assert [p.name for p in files] == [*names, "explorer.html"]
    assert (tmp_path / "summary.txt").read_text() == text
    for page in files[2:]:
        html = page.read_text()
        assert "<script" in html and "http://" not in html and "https://" not in html


def test_the_report_computes_the_grid_once(small_store, tmp_path, monkeypatch):
    calls = []
    real = _grid.geometry_grid
    monkeypatch.setattr(_grid, "geometry_grid", lambda *a, **k: calls.append(k) or real(*a, **k))
    fresh = sw.FeatureStore.open(small_store.path)  # nothing cached yet
    write_report(fresh, tmp_path, progress=False, cards=2)
    assert len(calls) == 1
