"""Explorer export in Chromium: a brush in the map lists the features and opens the first."""

from __future__ import annotations

from playwright.sync_api import Page

import saewidgets as sw


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
