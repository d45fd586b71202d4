"""Composed exports in Chromium: the Explorer's children (a brush in the map lists the features
and opens the first in the card; the grid child lists a cell's pairs) and the Annotator's card."""

from __future__ import annotations

import numpy as np
from playwright.sync_api import Page, expect

import saewidgets as sw

CELL_W, CELL_H = 30, 22  # js/src/geometrygrid.ts


def test_brush_in_the_map_fills_the_list_and_the_card(page: Page, small_store, tmp_path) -> None:
    ex = sw.Explorer(small_store)
    ex.selected = list(range(small_store.d_sae))  # every card exported; the brush replaces it
    page.goto(ex.to_html(tmp_path / "explorer.html").as_uri())
    page.wait_for_selector("[data-painted]")
    canvas = page.locator(".sw-fm-canvas").nth(2)  # enc_bias x de_projection: every feature
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = page.locator(".sw-fm-overlay").nth(2).bounding_box()
    page.mouse.move(box["x"] + g["left"] + 2, box["y"] + g["top"] + 2)
    page.mouse.down()
    page.mouse.move(
        box["x"] + g["left"] + g["width"] * 0.35, box["y"] + g["top"] + g["height"] - 2, steps=4
    )
    page.mouse.up()

    def data(px: float, py: float) -> tuple[float, float]:
        x = g["x0"] + (px - g["left"]) / g["width"] * (g["x1"] - g["x0"])
        y = g["y0"] + (g["top"] + g["height"] - py) / g["height"] * (g["y1"] - g["y0"])
        return x, y

    (xa, yb) = data(g["left"] + 2, g["top"] + 2)
    (xb, ya) = data(g["left"] + g["width"] * 0.35, g["top"] + g["height"] - 2)
    want = ex_ids = sw.FeatureMap(small_store).ids_in_box(
        "enc_bias", "de_projection", (xa, xb), (ya, yb)
    )
    assert 3 < len(want) < 60  # all listed as chips
    chips = page.get_by_test_id("chips").locator("button")
    assert sorted(int(t.lstrip("#")) for t in chips.all_inner_texts()) == sorted(ex_ids)
    first = int(chips.first.inner_text().lstrip("#"))
    title = page.get_by_test_id("title").first
    page.wait_for_function(
        "t => document.querySelector('[data-testid=title]').textContent.replace(/\\s+/g, ' ')"
        ".includes(t)",
        arg=f"#{first}",
    )
    chips.nth(1).click()
    second = int(chips.nth(1).inner_text().lstrip("#"))
    page.wait_for_function(
        "t => document.querySelector('[data-testid=title]').textContent.replace(/\\s+/g, ' ')"
        ".includes(t)",
        arg=f"#{second}",
    )
    assert " ".join(title.inner_text().split()) == f"Feature #{second}"

    # The grid is its own child widget with its own recorded answers.
    grid = ex.grid_view
    r, c = (int(v) for v in np.argwhere(grid.count > 0)[0])
    cells = page.locator(".sw-gg-grid")
    cells.scroll_into_view_if_needed()
    box = cells.bounding_box()
    page.mouse.click(box["x"] + c * CELL_W + CELL_W / 2, box["y"] + r * CELL_H + CELL_H / 2)
    rows = page.get_by_test_id("pairs").locator("tbody tr")
    rows.first.wait_for()
    want = grid.cell_pairs(r, c)
    assert rows.count() == len(want)
    assert rows.first.locator("td").all_inner_texts()[:2] == [
        f"#{want[0]['feature_a']}",
        f"#{want[0]['feature_b']}",
    ]


def test_exported_annotator_walks_its_queue(page: Page, small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "a.db")
    queue = [int(f) for f in small_store.features.sort_values("count").index[-3:][::-1]]
    ann.set(small_store, queue[1], label="<b>second</b>", status="interpretable")
    tool = sw.Annotator(small_store, ann, queue=queue)
    page.goto(tool.to_html(tmp_path / "annotator.html").as_uri())
    title, progress = page.get_by_test_id("title"), page.get_by_test_id("progress")
    expect(title).to_have_text(f"Feature #{queue[0]}")
    expect(progress).to_have_text("1 / 3 reviewed · #1 of 3")
    page.get_by_test_id("card").focus()
    page.keyboard.press("j")
    expect(title).to_have_text(f"Feature #{queue[1]}<b>second</b>")
    expect(progress).to_have_text("1 / 3 reviewed · #2 of 3")
    assert page.locator(".sw-card b").count() == 0  # the label stays text
    page.keyboard.press("j")
    expect(progress).to_have_text("1 / 3 reviewed · #3 of 3")
    expect(page.get_by_test_id("next")).to_be_disabled()
