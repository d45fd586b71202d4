"""The text report states the store's numbers."""

from __future__ import annotations

import re

import saewidgets as sw
from saewidgets.analysis import _grid
from saewidgets.reports._report import summary_text, write_report


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


def test_seed_002_is_asked_at_a_density_the_token_count_resolves(small_store):
    from saewidgets.analysis._summary import MIN_FIRINGS, seed_002_lines

    f, n = small_store.features, small_store.n_tokens  # 3,000 tokens: 1e-5 is not resolved
    text = "\n".join(seed_002_lines(f, n, 1e-5))
    threshold = MIN_FIRINGS / n
    assert "density < 1e-05 is below what 3,000 tokens resolve" in text
    assert f"asked here at density < {threshold:.1e} (fewer than 10 firings)" in text
    assert "harvest 1,000,000 tokens to ask it at 1e-05" in text
    rare = f[~f["dead"] & (f["count"] < MIN_FIRINGS)]  # the brute-force group
    row = next(line for line in text.splitlines() if line.startswith(f"  < {threshold:.0e}"))
    assert int(row.split()[2].replace(",", "")) == len(rare) > 0
    assert f"{rare['enc_bias'].median():.3f}" in row
    resolved = "\n".join(seed_002_lines(f, 10_000_000, 1e-5))
    assert "resolve" not in resolved and "other live" in resolved
    assert seed_002_lines(f, n, 1e-5)[0:3] == seed_002_lines(f, 10**7, 1e-5)[0:3]
