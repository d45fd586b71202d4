"""The report's cards.html: every neighbour link of its cards opens a card."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from saewidgets.reports._report import _write_cards, density_spread

WAIT = 30_000


def test_every_neighbour_link_of_the_reports_cards_opens_a_card(
    page: Page, small_store, tmp_path
) -> None:
    store = small_store
    chosen = density_spread(store.features, 3)
    page.goto(_write_cards(store, chosen, tmp_path / "cards.html").as_uri())
    page.wait_for_selector("[data-sw-ready]")
    expect(page.get_by_test_id("title")).to_contain_text(f"Feature #{chosen[0]}", timeout=WAIT)
    buttons = page.locator(".sw-nb")
    expect(buttons.first).to_be_visible(timeout=WAIT)
    assert buttons.count() > 0 and page.locator(".sw-nb:disabled").count() == 0
    listed = [int(x) for x in buttons.evaluate_all("els => els.map(e => e.dataset.feature)")]
    outside = next(f for f in listed if f not in chosen)  # a compact card, not a full one
    page.locator(f".sw-nb[data-feature='{outside}']").first.click()
    expect(page.get_by_test_id("title")).to_contain_text(f"Feature #{outside}", timeout=WAIT)
    expect(page.get_by_test_id("neighbours")).to_contain_text("compact card", timeout=WAIT)
