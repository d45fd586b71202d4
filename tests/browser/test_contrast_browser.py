"""ContrastView's standalone export in Chromium: the rate scatter is painted and both cards
show the features the contrast table ranks first each way, with no kernel."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import saewidgets as sw


def test_contrast_export_draws_map_and_both_cards(
    page: Page, small_store, model, sae_dirs, texts, tmp_path
):
    other = sw.harvest(
        sw.Lens(model, sae_dirs["standard"]),
        [t.upper() for t in texts],
        n_tokens=1500,
        out=tmp_path / "b<i>",
        progress=False,
    )
    view = sw.ContrastView(small_store, other, n=3)
    page.goto(view.to_html(tmp_path / "contrast.html").as_uri())
    frames = page.frames[1:]
    assert len(frames) == 3
    frames[0].wait_for_selector("[data-painted]")
    for frame, ids in ((frames[1], view.more_in_a), (frames[2], view.more_in_b)):
        first = ids[0] if ids else 0
        title = frame.get_by_test_id("title").first
        expect(title).to_have_text(re.compile(rf"^Feature #{first}(\D|$)"))
    expect(page.locator("p")).to_contain_text("b<i>")
    assert page.locator("i").count() == 0
