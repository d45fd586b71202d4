"""Characters split over byte tokens are drawn as the character in exports, not as U+FFFD."""

from __future__ import annotations

from playwright.sync_api import Page, expect

import saewidgets as sw
from tests.browser.test_featurecard_browser import WAIT, open_card
from tests.conftest import UNICODE_TEXT

REPLACEMENT = "\ufffd"


def _drawn(page: Page, index: int, text: str | None) -> bytes:
    """Pixels of TokenView's token ``index`` drawn without its colour, with ``text`` instead of
    its own text when given."""
    page.evaluate(
        """([i, t]) => { const tok = document.querySelectorAll('.sw-tv-text .sw-tok')[i];
        const c = tok.cloneNode(true); c.id = 'probe'; c.style.background = 'none';
        if (t !== null) c.textContent = t;
        document.getElementById('probe')?.remove(); tok.parentElement.append(c); }""",
        [index, text],
    )
    return page.locator("#probe").screenshot()


def test_card_and_tokenview_draw_the_characters(
    page: Page, unicode_store, model, sae_dirs, tmp_path
) -> None:
    store = unicode_store
    f = int(store.features["count"].idxmax())
    open_card(page, sw.FeatureCard(store, f), tmp_path / "card.html")
    rows = page.locator(".sw-group-top .sw-example")
    expect(rows.first).to_be_visible(timeout=WAIT)
    drawn = "".join(rows.all_text_contents())
    assert REPLACEMENT not in drawn and ("日" in drawn or "🙂" in drawn or "é" in drawn)
    assert REPLACEMENT not in page.locator(".sw-card-logits").inner_text()

    lens = sw.Lens(model, sae_dirs["standard"])
    path = sw.TokenView(lens, UNICODE_TEXT).to_html(tmp_path / "tokens.html")
    page.goto(path.as_uri())
    page.wait_for_selector("[data-sw-ready]")
    tokens = page.locator(".sw-tv-text .sw-tok").all_text_contents()
    assert REPLACEMENT not in "".join(tokens)
    assert "🙂" in tokens and "日" in tokens
    assert len(tokens) == len(lens.to_tokens(UNICODE_TEXT)[0])  # one span per token
    # what is drawn is the character's own glyph, not U+FFFD's
    for char in ("日", "🙂"):
        i = tokens.index(char)
        assert _drawn(page, i, None) == _drawn(page, i, char)
        assert _drawn(page, i, None) != _drawn(page, i, REPLACEMENT)
