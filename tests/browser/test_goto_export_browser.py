"""Kernel-free exports keep their promise: in the Explorer export a click on any live point shows
that feature's card; the "go to" box finds a feature by id or by label text."""

from __future__ import annotations

from playwright.sync_api import Page, expect

import saewidgets as sw

WAIT = 30_000


def _title(page: Page) -> str:
    return " ".join(page.get_by_test_id("title").first.inner_text().split())


def test_explorer_export_click_any_live_point_shows_its_card(
    page: Page, small_store, tmp_path
) -> None:
    ex = sw.Explorer(small_store, grid=False)
    page.goto(ex.to_html(tmp_path / "explorer.html").as_uri())
    page.wait_for_selector("[data-painted]")
    frame = small_store.features
    live = frame[~frame["dead"]]
    canvas = page.locator(".sw-fm-canvas").nth(2)  # enc_bias x de_projection: every feature
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = page.locator(".sw-fm-overlay").nth(2).bounding_box()
    assert box is not None
    # points at the corners of the cloud, where no other point lies under the pointer
    picks = {int(live["enc_bias"].idxmax()), int(live["enc_bias"].idxmin())}
    picks |= {int(live["de_projection"].idxmax()), int(live["de_projection"].idxmin())}
    assert ex.feature not in picks
    for f in sorted(picks):
        row = live.loc[f]
        sx = g["left"] + (row.enc_bias - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
        sy = (
            g["top"]
            + g["height"]
            - (row.de_projection - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
        )
        page.mouse.click(box["x"] + sx, box["y"] + sy)
        expect(page.get_by_test_id("title").first).to_have_text(f"Feature #{f}", timeout=WAIT)
        expect(page.get_by_test_id("notice")).to_be_hidden()
        n_top = min(5, len(small_store.top_examples(f)))
        expect(page.locator(".sw-group-top .sw-example")).to_have_count(n_top, timeout=WAIT)


def test_goto_box_finds_features_by_id_and_label(page: Page, small_store, tmp_path) -> None:
    notes = sw.Annotations(tmp_path / "notes.db")
    counts = small_store.features["count"].sort_values()
    a, b, c = (int(i) for i in counts.index[-3:])
    notes.set(small_store, a, label="French <i>quotes</i>")
    notes.set(small_store, b, label="french words")
    card = sw.FeatureCard(small_store, c, annotations=notes)
    page.goto(card.to_html(tmp_path / "cards.html", features=[a, b, c]).as_uri())
    page.wait_for_selector("[data-sw-ready]")
    expect(page.get_by_test_id("title")).to_have_text(f"Feature #{c}", timeout=WAIT)
    box = page.get_by_test_id("goto")
    box.fill(f"#{a}")
    box.press("Enter")
    expect(page.get_by_test_id("title")).to_contain_text(f"Feature #{a}", timeout=WAIT)
    box.fill("FRENCH")
    hits = page.get_by_test_id("goto-hits").locator("button")
    expect(hits).to_have_count(2)
    labels = {f"#{a} French <i>quotes</i>", f"#{b} french words"}  # label text, not markup
    assert set(hits.all_inner_texts()) == labels
    box.fill("words")
    box.press("Enter")
    expect(page.get_by_test_id("title")).to_contain_text(f"Feature #{b}", timeout=WAIT)
    box.fill("no such label")
    expect(page.get_by_test_id("goto-hits")).to_have_text("no such feature")


def test_export_says_why_a_feature_is_missing_and_where_next_goes(
    page: Page, small_store, tmp_path
) -> None:
    frame = small_store.features
    dead = int(frame.index[frame["dead"]][0])
    live = [int(i) for i in frame.index[~frame["dead"]]]
    a, b, c, other = live[0], live[3], live[7], live[5]
    card = sw.FeatureCard(small_store, a)
    page.goto(card.to_html(tmp_path / "cards.html", features=[a, b, c]).as_uri())
    page.wait_for_selector("[data-sw-ready]")
    expect(page.get_by_test_id("title")).to_have_text(f"Feature #{a}", timeout=WAIT)
    step = page.get_by_test_id("next")
    expect(step).to_have_attribute("title", f"next saved in this export: #{b} (of 3) (j)")
    step.click()  # jumps over the ids between a and b, and said so
    expect(page.get_by_test_id("title")).to_have_text(f"Feature #{b}", timeout=WAIT)
    box, notice = page.get_by_test_id("goto"), page.get_by_test_id("notice")
    box.fill(str(dead))
    box.press("Enter")
    expect(notice).to_contain_text(
        f"Feature {dead} is not in this export: it is dead", timeout=WAIT
    )
    assert "running kernel" not in page.locator("body").inner_text()
    box.fill(str(other))
    box.press("Enter")
    expect(notice).to_contain_text("it holds 3 features", timeout=WAIT)
