"""In Chromium: special tokens left out of the statistics (BOS ``<s>``, EOS, PAD, UNK of a
Llama-style tokenizer) are drawn in every context greyed, never in the activation colour and
never marked as the example's token: the card export, the Explorer export's card and TokenView."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import saewidgets as sw
from saewidgets.widgets import _carddata
from tests.widgets.test_special_tokens import expected_special

WAIT = 30_000
GREY = "rgb(228, 228, 228)"  # --jp-layout-color3's fallback, as TokenView's BOS
pytestmark = pytest.mark.slow


def _ids(lens) -> set[int]:
    tok = lens.adapter.tokenizer
    return set(tok.convert_tokens_to_ids(tok.all_special_tokens))


def _feature(store, ids: set[int], n_top: int) -> int:
    """The live feature with the most special tokens in its top ``n_top`` contexts."""
    live = np.flatnonzero(store.features["count"].to_numpy() > 0)
    return max(
        (int(f) for f in live[:60]),
        key=lambda f: len(expected_special(store, f, n_top, False, ids)[0]),
    )


def _check_rows(page: Page, rows_selector: str, names: list[str]) -> None:
    """The special spans under ``rows_selector`` are ``names`` in order, grey, not the example's
    token; the other tokens that fire are coloured."""
    special = page.locator(f"{rows_selector} .sw-special")
    expect(special).to_have_count(len(names), timeout=WAIT)
    drawn = special.evaluate_all(
        "s => s.map(e => [e.textContent, getComputedStyle(e).backgroundColor, e.className])"
    )
    assert [t for t, _, _ in drawn] == names
    assert all(bg == GREY and "sw-max" not in c for _, bg, c in drawn), drawn
    coloured = page.locator(f"{rows_selector} .sw-max").evaluate_all(
        "s => s.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert coloured and all(bg not in (GREY, "rgba(0, 0, 0, 0)") for bg in coloured)


def test_card_export_draws_special_tokens_grey(page: Page, llama_lens, special_store, tmp_path):
    ids = _ids(llama_lens)
    f = _feature(special_store, ids, _carddata.N_TOP)
    _, names = expected_special(special_store, f, _carddata.N_TOP, True, ids)
    assert {"<s>", "</s>", "<pad>"} <= set(names)
    page.goto(sw.FeatureCard(special_store, f).to_html(tmp_path / "card.html").as_uri())
    page.wait_for_selector("[data-sw-ready]")
    expect(page.locator(".sw-group-top .sw-example")).to_have_count(
        len(special_store.top_examples(f)), timeout=WAIT
    )
    _check_rows(page, ".sw-card-examples", names)
    page.locator(".sw-card-examples .sw-special").first.hover()
    expect(page.locator(".sw-tip")).to_contain_text("special token, left out of the statistics")


def test_explorer_export_card_draws_special_tokens_grey(
    page: Page, llama_lens, special_store, tmp_path
):
    ids = _ids(llama_lens)
    f = _feature(special_store, ids, _carddata.COMPACT_TOP)
    _, names = expected_special(special_store, f, _carddata.COMPACT_TOP, False, ids)
    assert names
    ex = sw.Explorer(special_store, grid=False)
    page.goto(ex.to_html(tmp_path / "explorer.html").as_uri())
    page.wait_for_selector("[data-painted]")
    box = page.get_by_test_id("goto").first
    box.fill(f"#{f}")
    box.press("Enter")
    expect(page.get_by_test_id("title").first).to_have_text(f"Feature #{f}", timeout=WAIT)
    _check_rows(page, ".sw-group-top", names)


def test_tokenview_draws_every_special_token_grey(page: Page, llama_lens, tmp_path):
    text = "the cat</s> sat<pad> on<unk> the mat<s> again"
    view = sw.TokenView(llama_lens, text)
    page.goto(view.to_html(tmp_path / "tokens.html").as_uri())
    spans = page.locator(".sw-tokenview .sw-tok")
    spans.nth(len(view.tokens) - 1).wait_for()
    drawn = spans.evaluate_all(
        "s => s.map(e => [e.classList.contains('sw-bos'), getComputedStyle(e).backgroundColor])"
    )
    assert [i for i, (grey, _) in enumerate(drawn) if grey] == view.special
    assert len(view.special) == 5
    assert all(drawn[i][1] == GREY for i in view.special)
    assert sum(bg not in (GREY, "rgba(0, 0, 0, 0)") for _, bg in drawn) >= 3  # the rest coloured
    legend = page.locator(".sw-chip").nth(1).inner_text()
    f0, col = view.features[0], np.delete(np.asarray(view.acts)[:, 0], view.special)
    assert legend.startswith(f"#{f0}") and f"max {col.max():.3g}" in legend
