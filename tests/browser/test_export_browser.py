"""Standalone exports opened from file:// in Chromium: tokens, colours, hover, click, injection."""

from __future__ import annotations

import re

import numpy as np
from playwright.sync_api import Page

from saewidgets import TokenView

MAX_ALPHA = 0.85  # js/src/lib/colour.ts
EVIL = "</script><img src=x onerror=alert(1)>"
TOKENS = ["<bos>", "The", " cat", " sat", " on", " the", " mat", "."]
FEATURES = [11, 42]
ACTS = np.array(
    [[0, 0], [0.75, 0], [3.0, 0.5], [1.5, 2.0], [0, 0], [0, 1.0], [0.3, 4.0], [0, 0]],
    dtype=np.float32,
)


def _rgba(css: str) -> tuple[int, int, int, float]:
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    return int(nums[0]), int(nums[1]), int(nums[2]), nums[3] if len(nums) == 4 else 1.0


def _open(page: Page, view: TokenView, tmp_path) -> None:
    path = view.to_html(tmp_path / "view.html")
    page.goto(path.as_uri())
    page.wait_for_selector("[data-sw-ready]")


def _expected(acts: np.ndarray, focus_slot: int | None) -> list[tuple[int, float]]:
    """(slot, alpha) of each token: the focused slot, else the strongest relative activation."""
    vmax = acts.max(axis=0)
    rel = np.minimum(1, np.where(vmax > 0, acts / np.where(vmax > 0, vmax, 1), 0))
    slots = np.full(len(acts), focus_slot) if focus_slot is not None else rel.argmax(axis=1)
    return [
        (int(s), round(MAX_ALPHA * float(rel[i, s]) * 1000) / 1000) for i, s in enumerate(slots)
    ]


def _check_colours(page: Page, acts: np.ndarray, focus_slot: int | None) -> None:
    swatches = page.locator(".sw-tv-legend .sw-swatch").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    backgrounds = page.locator(".sw-tok").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert len(backgrounds) == len(acts)
    for i, (slot, alpha) in enumerate(_expected(acts, focus_slot)):
        r, g, b, a = _rgba(backgrounds[i])
        if alpha == 0:
            assert a == 0, f"token {i} should be uncoloured, got {backgrounds[i]}"
            continue
        assert (r, g, b) == _rgba(swatches[slot])[:3], f"token {i}: {backgrounds[i]}"
        assert abs(a - alpha) < 0.01, f"token {i}: alpha {a} != {alpha}"


def test_tokens_and_colours_match_the_activations(page: Page, tmp_path) -> None:
    view = TokenView.from_arrays(
        TOKENS, ACTS, feature_ids=FEATURES, features=FEATURES, labels={42: "rhymes"}
    )
    _open(page, view, tmp_path)
    assert page.locator(".sw-tok").all_text_contents() == TOKENS
    legend = page.locator(".sw-tv-legend").inner_text()
    assert "#42 rhymes" in legend and "max 4.00" in legend
    _check_colours(page, ACTS, None)
    page.locator(".sw-chip", has_text="#11").click()  # colour by one chosen feature
    _check_colours(page, ACTS, 0)


def test_hover_shows_values_and_top_features(page: Page, tmp_path) -> None:
    view = TokenView.from_arrays(TOKENS, ACTS, feature_ids=FEATURES, features=FEATURES)
    _open(page, view, tmp_path)
    tip = page.locator(".sw-tip")
    assert tip.is_hidden()
    page.locator(".sw-tok").nth(3).hover()
    tip.wait_for(state="visible")
    assert tip.locator(".sw-tip-head").text_content() == " sat  pos 3"
    rows = tip.locator("tr").all_inner_texts()
    assert rows[:2] == ["\t#11\t1.50", "\t#42\t2.00"]
    assert rows[2:] == ["#42\t2.00", "#11\t1.50"]  # top features at this token, best first
    page.locator(".sw-tok").nth(2).click()
    assert "sw-selected" in (page.locator(".sw-tok").nth(2).get_attribute("class") or "")


def test_whitespace_is_visible_and_lines_break(page: Page, tmp_path) -> None:
    tokens = ["a", "\n", "  ", "\t", "b"]
    view = TokenView.from_arrays(tokens, np.ones((5, 1)))
    _open(page, view, tmp_path)
    assert page.locator(".sw-tok").all_text_contents() == ["a", "↵", "··", "→", "b"]
    assert page.locator(".sw-tok").nth(1).locator("br").count() == 1
    assert page.locator(".sw-tv-editor").count() == 0  # live editing needs a kernel


def test_injected_markup_stays_text(page: Page, tmp_path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    view = TokenView.from_arrays(["x", EVIL], np.array([[1.0], [2.0]]), labels={0: EVIL})
    _open(page, view, tmp_path)
    assert page.locator(".sw-tok").nth(1).text_content() == EVIL
    page.locator(".sw-tok").nth(1).hover()
    assert EVIL in page.locator(".sw-tip").inner_text()
    assert EVIL in page.locator(".sw-tv-legend").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert dialogs == []


def test_bad_data_is_reported_inside_the_widget(page: Page, tmp_path) -> None:
    view = TokenView.from_arrays(["a", "b"], np.ones((2, 3)))
    path = view.to_html(tmp_path / "view.html")
    html = path.read_text(encoding="utf-8")
    path.write_text(html.replace('"shape":[2,3]', '"shape":[5,3]', 1), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("[data-sw-ready]")
    assert "cannot draw its data" in page.locator(".sw-error").inner_text()
