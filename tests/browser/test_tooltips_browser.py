"""Tooltips stay at the pointer in a scrolled page and in a scrolled output area (map and grid)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import Page

import saewidgets as sw

OFFSET = 12  # TIP_OFFSET in js/src/lib/dom.ts
SCROLLED_PAGE = """() => {
  document.body.style.minHeight = "4000px";
  const pad = document.createElement("div");
  pad.style.height = "200px";
  document.body.prepend(pad);
  window.scrollTo(0, 120);
}"""
SCROLLED_AREA = """() => {
  const root = document.getElementById("saewidgets-root");
  const area = document.createElement("div");
  area.style.cssText = "height: 520px; overflow: auto; margin-top: 60px; border: 1px solid #ccc";
  const pad = document.createElement("div");
  pad.style.height = "300px";
  root.before(area);
  area.append(pad, root);
  area.scrollTop = 150;
}"""


def _frame(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame(
        {
            "log10_density": rng.uniform(-6, -1, n),
            "enc_bias": rng.normal(0, 1, n),
            "de_projection": rng.uniform(-1, 1, n),
        }
    )


def _tip_at_pointer(page: Page, x: float, y: float) -> None:
    page.mouse.move(x, y)
    tip = page.locator(".sw-tip")
    tip.wait_for(state="visible")
    box = tip.bounding_box()
    assert box is not None
    assert abs(box["x"] - (x + OFFSET)) <= 3 and abs(box["y"] - (y + OFFSET)) <= 3, (box, x, y)
    font = tip.evaluate("e => getComputedStyle(e).fontFamily")  # on <body>: not the page's serif
    assert "sans-serif" in font and not font.startswith(("serif", '"Times')), font


@pytest.mark.parametrize("scroll", [SCROLLED_PAGE, SCROLLED_AREA], ids=["page", "output-area"])
def test_map_tooltip_follows_the_pointer_after_a_scroll(page: Page, tmp_path, scroll) -> None:
    frame = _frame()
    fmap = sw.FeatureMap(frame, x="log10_density", y="enc_bias")
    page.goto(fmap.to_html(tmp_path / "map.html").as_uri())
    page.wait_for_selector("[data-painted]")
    page.evaluate(scroll)
    canvas = page.locator(".sw-fm-canvas").first
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    f = int(frame["enc_bias"].idxmax())  # the topmost point: nothing overlaps it
    row = frame.loc[f]
    box = page.locator(".sw-fm-overlay").first.bounding_box()
    assert box is not None
    x = box["x"] + g["left"] + (row.log10_density - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    y = (
        box["y"]
        + g["top"]
        + g["height"]
        - (row.enc_bias - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    )
    _tip_at_pointer(page, x, y)
    assert page.locator(".sw-tip").inner_text().startswith(f"#{f}")


@pytest.mark.parametrize("scroll", [SCROLLED_PAGE, SCROLLED_AREA], ids=["page", "output-area"])
def test_grid_tooltip_follows_the_pointer_after_a_scroll(
    page: Page, small_store, tmp_path, scroll
) -> None:
    view = sw.GeometryGrid(small_store, output_bins=8)
    page.goto(view.to_html(tmp_path / "grid.html").as_uri())
    page.wait_for_selector("[data-painted]")
    page.evaluate(scroll)
    grid = page.locator(".sw-gg-grid").bounding_box()
    assert grid is not None
    r, c = (int(v) for v in np.argwhere(view.count > 0)[0])
    x, y = grid["x"] + c * 30 + 15, grid["y"] + r * 22 + 11
    _tip_at_pointer(page, x, y)
    assert page.locator(".sw-tip").inner_text().startswith(view.row_labels[r])


def test_tokenview_scale_leaves_bos_out(page: Page, tmp_path) -> None:
    tokens = ["<bos>", "a", " b", " c"]
    acts = np.array([[100.0], [1.0], [2.0], [4.0]])
    view = sw.TokenView.from_arrays(tokens, acts, bos=True)
    page.goto(view.to_html(tmp_path / "tokens.html").as_uri())
    spans = page.locator(".sw-tok")
    spans.nth(3).wait_for()
    styles = spans.evaluate_all(
        "s => s.map(e => [e.className, getComputedStyle(e).backgroundColor])"
    )
    assert "sw-bos" in styles[0][0] and all("sw-bos" not in c for c, _ in styles[1:])
    alphas = [float(bg.rsplit(",", 1)[1].rstrip(")")) for _, bg in styles[1:]]
    # the scale's top is the largest non-BOS value (4), so alphas go 1:2:4
    assert alphas[2] > 0.5 and abs(alphas[0] / alphas[2] - 0.25) < 0.02
    assert abs(alphas[1] / alphas[2] - 0.5) < 0.02


def test_grid_has_a_legend_axis_titles_and_row_labels_in_line(
    page: Page, small_store, tmp_path
) -> None:
    view = sw.GeometryGrid(small_store, output_bins=8)
    page.goto(view.to_html(tmp_path / "grid.html").as_uri())
    page.wait_for_selector("[data-painted]")
    legend = page.get_by_test_id("grid-legend").inner_text()
    assert legend.startswith("mean decoder cosine") and "fewer than 30 pairs" in legend
    titles = page.locator(".sw-gg-axis").all_inner_texts()
    assert titles == ["co-occurrence (log10 lift)", "output similarity (cosine of logit weights)"]
    grid = page.locator(".sw-gg-grid").bounding_box()
    first_row = page.locator(".sw-gg-rows div").first.bounding_box()
    assert grid is not None and first_row is not None
    assert abs(first_row["y"] - grid["y"]) <= 1  # row labels line up with the cells
