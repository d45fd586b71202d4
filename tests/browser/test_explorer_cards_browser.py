"""The Explorer export's compact cards in Chromium: stored in compressed blocks (several, with a
small block size), decoded when a point of the map is clicked, drawn with the store's values."""

from __future__ import annotations

import numpy as np
from playwright.sync_api import Page, expect

import saewidgets as sw
from saewidgets.widgets.export import _html as _export

from .test_featurecard_browser import STATS, WAIT, shown


def three_digits(x: float) -> str:
    """The 3 significant digits every number of the card is drawn with (``formatValue``)."""
    return f"{x:.2e}" if x != 0 and (abs(x) < 1e-3 or abs(x) >= 1e6) else f"{x:.3g}"


def drawn_number(text: str) -> float:
    return float(text.replace("−", "-"))


def check_compact_card(page: Page, store: sw.FeatureStore, f: int) -> None:
    """Header numbers exact; top examples' tokens, peaks and logit weights at 3 digits."""
    row = store.features.loc[f]
    for col in STATS:
        value = page.locator(f".sw-stat[data-stat='{col}']").get_attribute("data-value")
        assert value is not None and float(value) == row[col], col
    top = store.top_examples(f, n=5)
    rows = page.locator(".sw-group-top .sw-example")
    expect(rows).to_have_count(len(top), timeout=WAIT)
    for i in range(len(top)):
        tokens = rows.nth(i).locator(".sw-tok")
        assert tokens.all_text_contents() == [shown(t) for t in top["tokens"].iloc[i]]
        peak = float(rows.nth(i).locator(".sw-max").get_attribute("data-value"))
        assert three_digits(peak) == three_digits(top["act"].iloc[i])
    logits = store.logit_weights(f, k=10)
    cells = page.locator(".sw-pos tr td.sw-num").all_inner_texts()
    assert [drawn_number(t) for t in cells] == [
        drawn_number(three_digits(float(v))) for v in logits.top_values
    ]
    expect(page.locator(".sw-card-neighbours")).to_contain_text("compact card", timeout=WAIT)


def test_clicked_points_open_their_packed_compact_cards(
    page: Page, small_store, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(_export, "PACK_BLOCK", 8)  # many blocks: each click decodes its own
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    ex = sw.Explorer(small_store, grid=False)
    path = ex.to_html(tmp_path / "explorer.html")
    assert abs(ex.export_size() - path.stat().st_size) < 0.05 * path.stat().st_size
    page.goto(path.as_uri())
    page.wait_for_selector("[data-painted]")
    canvas = page.locator(".sw-fm-canvas").nth(2)  # enc_bias x de_projection: every feature
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = page.locator(".sw-fm-overlay").nth(2).bounding_box()
    title = page.get_by_test_id("title")
    frame = small_store.features
    px = box["x"] + g["left"] + (frame["enc_bias"] - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    py = (
        box["y"] + g["top"] + (g["y1"] - frame["de_projection"]) / (g["y1"] - g["y0"]) * g["height"]
    )
    xy = np.stack([px.to_numpy(), py.to_numpy()], axis=1)
    gaps = np.linalg.norm(xy[:, None] - xy[None], axis=2) + np.eye(len(xy)) * 1e9
    alone = [
        int(f)
        for f, gap in zip(frame.index, gaps.min(axis=1), strict=True)
        if gap > 10 and not frame.loc[f, "dead"] and f != ex.card.feature
    ]
    assert len(alone) >= 3
    for f in alone[:3]:
        page.mouse.click(*xy[frame.index.get_loc(f)])
        expect(title).to_contain_text(f"#{f}", timeout=WAIT)
        check_compact_card(page, small_store, f)
    assert errors == []
