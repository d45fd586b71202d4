"""The card's layout at narrow widths: at marimo's default width (about 690 px) the histogram and
logit weights stay beside the examples; narrower, they come before the examples, not under them."""

from __future__ import annotations

from playwright.sync_api import Page

import saewidgets as sw


def test_histogram_and_logits_beside_or_above_the_examples(
    page: Page, small_store, tmp_path
) -> None:
    f = int(small_store.features["count"].idxmax())
    path = sw.FeatureCard(small_store, f).to_html(tmp_path / "card.html")
    for width, beside in ((690, True), (520, False)):
        page.set_viewport_size({"width": width, "height": 700})
        page.goto(path.as_uri())
        page.wait_for_selector(".sw-group-top .sw-example")
        side = page.locator(".sw-card-side").bounding_box()
        main = page.locator(".sw-card-main").bounding_box()
        assert side is not None and main is not None
        if beside:
            assert side["x"] >= main["x"] + main["width"] - 1 and side["y"] < main["y"] + 50
        else:
            assert side["y"] + side["height"] <= main["y"] + 1  # above, not under the examples
