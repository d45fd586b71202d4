"""FeatureMap exports in Chromium: hover tooltip, drag-brush selection, highlighted selection."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from playwright.sync_api import Page

import saewidgets as sw


def _fmt(x: float) -> str:
    """formatValue in js/src/lib/format.ts, for the values used here."""
    digits = max(0, 2 - math.floor(math.log10(abs(x))))
    return f"{x:.{digits}f}".replace("-", "\u2212")


def _fmt_any(x: float) -> str:
    """formatValue in js/src/lib/format.ts, with its exponent form below 1e-3 (positive x)."""
    if abs(x) >= 1e-3:
        return _fmt(x)
    mantissa, exponent = f"{x:.2e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", "\u2212")


def _frame(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    ld = rng.uniform(-6, -1, n)
    ld[:7] = -np.inf
    return pd.DataFrame(
        {
            "log10_density": ld,
            "enc_bias": rng.normal(0, 1, n),
            "de_projection": rng.uniform(-1, 1, n),
        },
        index=np.arange(1000, 1000 + n),
    )


def _open(page: Page, fmap: sw.FeatureMap, tmp_path) -> None:
    page.goto(fmap.to_html(tmp_path / "map.html").as_uri())
    page.wait_for_selector("[data-painted]")


def _geometry(page: Page, panel: int) -> dict[str, float]:
    data = page.locator(".sw-fm-canvas").nth(panel).evaluate("c => ({...c.dataset})")
    return {k: float(v) for k, v in data.items()}


def _screen(page: Page, panel: int, x: float, y: float) -> tuple[float, float]:
    g = _geometry(page, panel)
    box = page.locator(".sw-fm-overlay").nth(panel).bounding_box()
    sx = g["left"] + (x - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    sy = g["top"] + g["height"] - (y - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    return box["x"] + sx, box["y"] + sy


def test_hover_shows_the_feature_under_the_pointer(page: Page, tmp_path) -> None:
    frame = _frame()
    fmap = sw.FeatureMap(frame, annotations={1200: "<b>bold</b> label"})
    _open(page, fmap, tmp_path)
    assert page.get_by_test_id("dead").inner_text().startswith("dead: 7 of 400 features")
    row = frame.loc[1200]
    page.mouse.move(*_screen(page, 1, row.log10_density, row.de_projection))  # second panel
    tip = page.locator(".sw-tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert text.splitlines()[0] == "#1200 <b>bold</b> label"  # a label is text, never markup
    labels = {c["name"]: c["label"] for c in fmap.columns}
    for name in ("log10_density", "enc_bias", "de_projection"):
        assert f"{labels[name]}\t{_fmt(float(np.float32(row[name])))}" in text
    page.mouse.move(1, 1)
    tip.wait_for(state="hidden")


def test_drag_brush_selects_the_points_inside_the_box(page: Page, tmp_path) -> None:
    fmap = sw.FeatureMap(_frame())
    _open(page, fmap, tmp_path)
    box = page.locator(".sw-fm-overlay").nth(0).bounding_box()
    g = _geometry(page, 0)
    a = (g["left"] + 0.3 * g["width"], g["top"] + 0.2 * g["height"])
    b = (g["left"] + 0.6 * g["width"], g["top"] + 0.55 * g["height"])
    page.mouse.move(box["x"] + a[0], box["y"] + a[1])
    page.mouse.down()
    page.mouse.move(box["x"] + b[0], box["y"] + b[1], steps=5)
    page.mouse.up()

    def data(px: float, py: float) -> tuple[float, float]:
        x = g["x0"] + (px - g["left"]) / g["width"] * (g["x1"] - g["x0"])
        y = g["y0"] + (g["top"] + g["height"] - py) / g["height"] * (g["y1"] - g["y0"])
        return x, y

    (xa, yb), (xb, ya) = data(*a), data(*b)
    want = fmap.ids_in_box("log10_density", "enc_bias", (xa, xb), (ya, yb))
    assert len(want) > 10
    text = page.get_by_test_id("selection").inner_text()
    count, ids = text.split(" selected: ")
    assert int(count) == len(want)
    assert sorted(int(t.strip().lstrip("#")) for t in ids.split(",")) == sorted(want)


def _pixel(page: Page, panel: int, x: float, y: float) -> list[int]:
    g = _geometry(page, panel)
    sx = g["left"] + (x - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    sy = g["top"] + g["height"] - (y - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    return (
        page.locator(".sw-fm-canvas")
        .nth(panel)
        .evaluate(
            "(c, [x, y]) => { const r = c.width / c.clientWidth;"
            " const ctx = c.getContext('2d');"
            " const px = ctx.getImageData(Math.round(x * r), Math.round(y * r), 1, 1);"
            " return [...px.data]; }",
            [sx, sy],
        )
    )


def test_live_brush_counts_and_highlights_the_box_before_release(page: Page, tmp_path) -> None:
    frame = _frame()
    fmap = sw.FeatureMap(frame)
    _open(page, fmap, tmp_path)
    g = _geometry(page, 0)
    box = page.locator(".sw-fm-overlay").nth(0).bounding_box()
    a = (g["left"] + 0.25 * g["width"], g["top"] + 0.15 * g["height"])
    b = (g["left"] + 0.7 * g["width"], g["top"] + 0.6 * g["height"])

    def data(px: float, py: float) -> tuple[float, float]:
        x = g["x0"] + (px - g["left"]) / g["width"] * (g["x1"] - g["x0"])
        y = g["y0"] + (g["top"] + g["height"] - py) / g["height"] * (g["y1"] - g["y0"])
        return x, y

    (xa, yb), (xb, ya) = data(*a), data(*b)
    live = frame[np.isfinite(frame.log10_density)]
    x, y = live.log10_density.to_numpy(), live.enc_bias.to_numpy()
    px = (x - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    py = (y - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    gap = np.hypot(px[:, None] - px[None], py[:, None] - py[None]) + np.eye(len(x)) * 1e9
    alone = gap.min(axis=1) > 6  # no neighbour within 6 px: its pixel is its own colour
    mx, my = 0.02 * (g["x1"] - g["x0"]), 0.02 * (g["y1"] - g["y0"])
    inside = (x > xa + mx) & (x < xb - mx) & (y > ya + my) & (y < yb - my)
    outside = (x < xa - mx) | (x > xb + mx) | (y < ya - my) | (y > yb + my)
    i_in = int(np.flatnonzero(inside & alone)[0])
    i_out = int(np.flatnonzero(outside & alone)[0])
    before = [_pixel(page, 0, x[i], y[i]) for i in (i_in, i_out)]

    page.mouse.move(box["x"] + a[0], box["y"] + a[1])
    page.mouse.down()
    page.mouse.move(box["x"] + b[0], box["y"] + b[1], steps=5)
    want = fmap.ids_in_box("log10_density", "enc_bias", (xa, xb), (ya, yb))
    assert len(want) > 10
    assert page.get_by_test_id("selection").inner_text() == f"{len(want)} in the box"
    during = [_pixel(page, 0, x[i], y[i]) for i in (i_in, i_out)]
    assert during[0] == before[0]  # inside: full colour
    assert during[1] != before[1] and during[1][3] == 255  # outside: faded, still drawn
    page.mouse.up()
    assert page.get_by_test_id("selection").inner_text().startswith(f"{len(want)} selected: ")


def test_selection_set_in_python_is_drawn_highlighted(page: Page, tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "log10_density": [-3.0, -2.0, -1.0],
            "enc_bias": [0.0, 1.0, 2.0],
            "de_projection": [0.5, 0.0, -0.5],
        }
    )
    fmap = sw.FeatureMap(frame, color=[0.0, 1.0, 0.5])
    fmap.selected = [1]
    _open(page, fmap, tmp_path)
    assert _pixel(page, 2, 1.0, 0.0) == [253, 231, 37, 255]  # selected: full viridis(1)
    assert _pixel(page, 2, 0.0, 0.5) == [185, 165, 190, 255]  # others faded: viridis(0) to grey
    assert page.get_by_test_id("selection").inner_text() == "1 selected: #1"


def test_a_new_column_shows_in_hover_colour_menu_and_card(page: Page, small_store, tmp_path):
    store = sw.FeatureStore.open(small_store.path)  # its own features table
    novelty = np.linspace(-2.0, 7.0, store.d_sae).astype(np.float32)
    store.features["novelty_score"] = novelty  # a statistic the front end has never heard of
    fmap = sw.FeatureMap(store)
    _open(page, fmap, tmp_path)
    menu = page.get_by_test_id("colour")
    options = menu.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent])")
    assert ["novelty_score", "novelty score"] in options
    f = int(store.features.index[~store.features["dead"]][-1])
    row = store.features.loc[f]
    page.mouse.move(*_screen(page, 2, row.enc_bias, row.de_projection))
    tip = page.locator(".sw-tip")
    tip.wait_for(state="visible")
    assert f"novelty score\t{_fmt(float(novelty[f]))}" in tip.inner_text()
    page.mouse.move(1, 1)
    panel = page.locator(".sw-fm-canvas").nth(2)
    before = panel.evaluate("c => c.toDataURL()")
    menu.select_option("novelty_score")
    legend = page.locator(".sw-fm-legend .sw-num").all_inner_texts()
    assert legend == [_fmt(-2.0), _fmt(7.0)]
    assert panel.evaluate("c => c.toDataURL()") != before  # the points were recoloured

    card = sw.FeatureCard(store, f)
    page.goto(card.to_html(tmp_path / "card.html", features=[f]).as_uri())
    cell = page.locator("[data-stat=novelty_score]")
    cell.wait_for()
    assert " ".join(cell.inner_text().split()) == f"novelty score {_fmt(float(novelty[f]))}"


def test_compressed_export_hover_shows_every_column_as_brute_force(page: Page, tmp_path) -> None:
    """A map big enough that its arrays are embedded gzip-compressed (hover-only columns at 3
    significant digits): the browser decodes them and the hover matches the exact table."""
    n, n_tokens = 3000, 2**24
    rng = np.random.default_rng(5)
    frame = _frame(n)
    count = np.where(
        np.isfinite(frame.log10_density), np.round(10**frame.log10_density * n_tokens), 0
    ).astype(np.int64)
    with np.errstate(divide="ignore"):
        frame["log10_density"] = np.where(count > 0, np.log10(count / n_tokens), np.nan)
    frame = frame.assign(
        count=count,
        density=count / n_tokens,
        mean_act=rng.lognormal(0, 2, n),
        max_act=rng.lognormal(2, 2, n),
        dec_norm=rng.normal(1, 0.01, n),
    )
    fmap = sw.FeatureMap(frame)
    html = fmap.to_html(tmp_path / "map.html").read_text()
    assert '"gzip4"' in html and '"derived":{"n_tokens":16777216' in html
    _open(page, fmap, tmp_path)
    assert page.get_by_test_id("dead").inner_text().startswith(f"dead: 7 of {n} features")
    tip = page.locator(".sw-tip")
    for feature in (1200, 3111):
        row = frame.loc[feature]
        page.mouse.move(*_screen(page, 1, row.log10_density, row.de_projection))
        tip.wait_for(state="visible")
        text = tip.inner_text()
        assert text.splitlines()[0] == f"#{feature}"
        for col in fmap.columns:
            value = float(np.float32(row[col["name"]]))
            shown = {"int": f"{int(value):,}", "percent": f"{_fmt_any(value * 100)}%"}.get(
                col["format"], _fmt_any(value)
            )
            assert f"{col['label']}\t{shown}" in text
        page.mouse.move(1, 1)
        tip.wait_for(state="hidden")


def test_three_panels_fill_a_1400_px_window(page: Page, small_store, tmp_path) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(sw.FeatureMap(small_store).to_html(tmp_path / "map.html").as_uri())
    page.wait_for_selector("[data-sw-ready]")
    boxes = page.locator(".sw-fm-panel").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.width]; })"
    )
    assert len(boxes) == 3 and len({top for top, _ in boxes}) == 1  # one row
    used = sum(width for _, width in boxes)
    width = page.evaluate("document.documentElement.clientWidth")
    assert 0.9 * width <= used <= width, (used, width)
