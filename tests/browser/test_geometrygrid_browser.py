"""GeometryGridView export in Chromium: clicking a grid cell lists that cell's pairs."""

from __future__ import annotations

import numpy as np
from playwright.sync_api import Page

import saewidgets as sw

CELL_W, CELL_H = 30, 22  # js/src/geometrygrid.ts


def test_cell_click_lists_the_cells_pairs_and_opens_both(page: Page, small_store, tmp_path) -> None:
    view = sw.GeometryGridView(small_store, output_bins=8)
    page.goto(view.to_html(tmp_path / "grid.html").as_uri())
    page.wait_for_selector("[data-painted]")
    summary = page.get_by_test_id("quadrants").inner_text()
    sim = next(
        q
        for q in view.quadrants
        if q["output"] == "output similar" and q["cooccurrence"] == "co-occur"
    )
    n = sim["pairs"]
    assert f"({n:,} {'pair' if n == 1 else 'pairs'}; seed: cos > 0)" in summary
    grid = page.locator(".sw-gg-grid").bounding_box()
    for r, c in [tuple(int(v) for v in np.argwhere(view.count > 0)[k]) for k in (0, -1)]:
        page.mouse.click(grid["x"] + c * CELL_W + CELL_W / 2, grid["y"] + r * CELL_H + CELL_H / 2)
        pairs = page.get_by_test_id("pairs")
        head = pairs.locator(".sw-gg-head")
        head.wait_for()
        assert head.inner_text().startswith(view.row_labels[r])
        rows = pairs.locator("tbody tr")
        want = view.cell_pairs(r, c)
        assert rows.count() == len(want)
        for k, p in enumerate(want):
            cells = rows.nth(k).locator("td").all_inner_texts()
            assert cells[:2] == [f"#{p['feature_a']}", f"#{p['feature_b']}"]
            assert cells[4] == str(p["cooc_count"])
    pairs.locator("button").first.click()
    titles = page.get_by_test_id("pair-cards").get_by_test_id("title")
    titles.nth(1).wait_for()
    assert [" ".join(t.split()) for t in titles.all_inner_texts()] == [
        f"Feature #{want[0]['feature_a']}",
        f"Feature #{want[0]['feature_b']}",
    ]
