"""CompareView and TrajectoryView exports in Chromium: hover linking, lines and maps drawn."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page

import saewidgets as sw
from tests.widgets.test_compare_widgets import synthetic_trajectory

RING = (228, 87, 46)  # the hover ring's colour (#e4572e, featuremap/panel.ts)


@pytest.fixture(scope="module")
def comparison(small_store, model, sae_dirs, texts, tmp_path_factory):
    lens = sw.Lens(model, sae_dirs["topk"])
    out = tmp_path_factory.mktemp("topk_store_b") / "store"
    other = sw.harvest(lens, texts, n_tokens=3000, out=out, progress=False)
    return sw.compare(small_store, other, names=("relu", "topk"), progress=False)


def _geometry(page: Page, selector: str, nth: int) -> dict[str, float]:
    data = page.locator(selector).nth(nth).evaluate("c => ({...c.dataset})")
    return {k: float(data[k]) for k in ("left", "top", "width", "height", "x0", "x1", "y0", "y1")}


def _screen(page: Page, panel: int, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of data point (x, y) in FeatureMap panel ``panel`` (and CSS px)."""
    g = _geometry(page, ".sw-fm-canvas", panel)
    sx = g["left"] + (x - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    sy = g["top"] + g["height"] - (y - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    box = page.locator(".sw-fm-overlay").nth(panel).bounding_box()
    return box["x"] + sx, box["y"] + sy


def _ring_pixels(page: Page, panel: int) -> list[tuple[float, float]]:
    """CSS-px positions of ring-coloured pixels on a panel's overlay canvas."""
    return (
        page.locator(".sw-fm-overlay")
        .nth(panel)
        .evaluate(
            "(c, ring) => { const r = c.width / c.clientWidth; const ctx = c.getContext('2d');"
            " const d = ctx.getImageData(0, 0, c.width, c.height).data; const out = [];"
            " for (let i = 0; i < d.length; i += 4) {"
            "  const near = (k) => Math.abs(d[i + k] - ring[k]) < 20;"
            "  if (d[i + 3] > 200 && near(0) && near(1) && near(2)) {"
            "   const p = i / 4; out.push([(p % c.width) / r, Math.floor(p / c.width) / r]); } }"
            " return out; }",
            list(RING),
        )
    )


def test_compareview_hover_rings_the_match(page: Page, comparison, tmp_path) -> None:
    view = sw.CompareView(comparison)
    page.goto(view.to_html(tmp_path / "compare.html").as_uri())
    page.wait_for_selector(".sw-compareview[data-painted]")
    a, b = comparison.store_a.features, comparison.store_b.features
    n_pairs = len(view.pair_ids)  # the pair scatter counts pairs (both alive), not features
    dead_chip = page.get_by_test_id("pairs").get_by_test_id("dead")
    assert dead_chip.inner_text().startswith(f"dead: 0 of {n_pairs} pairs")
    m = comparison.matches
    live = m[~a["dead"].to_numpy() & ~b["dead"].to_numpy()[m["match"]]]
    f = int(live["cosine"].idxmax())
    assert _ring_pixels(page, 1) == []
    page.mouse.move(*_screen(page, 0, a.loc[f, "log10_density"], a.loc[f, "de_projection"]))
    link = page.get_by_test_id("link")
    page.wait_for_function("el => el.textContent.includes('↔')", arg=link.element_handle())
    text = link.inner_text()
    hovered = int(text.split("#")[1].split(" ")[0])
    partner = int(m.loc[hovered, "match"])
    assert text.startswith(f"relu #{hovered} ↔ topk #{partner} (decoder cosine")
    # the ring in B's map sits on the partner's point
    ring = _ring_pixels(page, 1)
    assert len(ring) > 10
    gb = _geometry(page, ".sw-fm-canvas", 1)
    want_x = (
        gb["left"]
        + (b.loc[partner, "log10_density"] - gb["x0"]) / (gb["x1"] - gb["x0"]) * gb["width"]
    )
    want_y = (
        gb["top"]
        + gb["height"]
        - (b.loc[partner, "de_projection"] - gb["y0"]) / (gb["y1"] - gb["y0"]) * gb["height"]
    )
    if not b.loc[partner, "dead"]:  # dead features sit in the gutter, jittered
        cx, cy = np.mean(ring, axis=0)
        assert abs(cx - want_x) < 3 and abs(cy - want_y) < 3
    # the cards show the best pair at first (recorded in the export)
    sides = (("card-a", view.feature_a, a), ("card-b", view.feature_b, b))
    for side, feature, features in sides:
        title = page.get_by_test_id(side).get_by_test_id("title")
        page.wait_for_function(
            "([el, t]) => el.textContent.includes(t)", arg=[title.element_handle(), f"#{feature}"]
        )
        for col in ("density", "count", "max_act", "enc_bias", "de_projection"):  # header numbers
            cell = page.get_by_test_id(side).locator(f".sw-stat[data-stat='{col}']")
            assert float(cell.get_attribute("data-value")) == features.loc[feature, col], col


def test_trajectoryview_draws_lines_and_maps(page: Page, tmp_path) -> None:
    traj = synthetic_trajectory()
    view = sw.TrajectoryView(traj)
    page.goto(view.to_html(tmp_path / "traj.html").as_uri())
    page.wait_for_selector(".sw-trajectoryview[data-painted]")
    text = page.get_by_test_id("line-count").inner_text()
    assert text.startswith("8 lines (final state: 0 dead, 8 ultra-rare, 0 live, 0 dense)")
    assert page.get_by_test_id("dying").inner_text() == "dying: 8"
    # a dying feature's line passes through its last point, in the ultra-rare colour
    g = _geometry(page, "[data-testid=lines]", 0)
    last = float(np.log10(max(traj.density.iloc[0, -1], 0.5e-6)))  # the floor: 1 / (2 N)
    x = g["left"] + (np.log10(1000) - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    y = g["top"] + g["height"] - (last - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    near = page.get_by_test_id("lines").evaluate(
        "(c, [x, y]) => { const r = c.width / c.clientWidth; const ctx = c.getContext('2d');"
        " const d = ctx.getImageData(Math.round(x * r) - 4, Math.round(y * r) - 4, 8, 8).data;"
        " let red = 0; for (let i = 0; i < d.length; i += 4)"
        "  if (d[i + 3] > 0 && d[i] > 150 && d[i + 1] < 120) red++; return red; }",
        [x, y],
    )
    assert near > 0
    # the map shows the last step; at step 10 no feature is dead yet, at 1000 two are
    assert page.get_by_test_id("dead").inner_text().startswith("dead: 2 of 30")
    page.get_by_test_id("step-10").click()
    assert page.get_by_test_id("dead").inner_text().startswith("dead: 0 of 30")
