"""Exported FeatureCards in Chromium: examples, header numbers, click-through, keys, injection."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import saewidgets as sw
from saewidgets.store._manifest import write_manifest

WAIT = 30_000  # ms, for expect(); the machine is shared and busy
EVIL = "</script><img src=x onerror=alert(1)>"
STATS = ("density", "count", "max_act", "mean_act", "enc_bias", "de_projection")


def shown(token: str) -> str:
    """How a token is written in an example row (mirrors inlineTokens in js/src/lib/examples.ts)."""
    if token == "":
        return "∅"
    if set(token) == {" "}:
        return "·" * len(token)
    marks = {"\n": "↵", "\t": "→", "\r": "␍", "\x7f": "␡"}
    return "".join(marks.get(c, chr(0x2400 + ord(c)) if ord(c) < 0x20 else c) for c in token)


@pytest.fixture(scope="module")
def evil_store(small_store, tmp_path_factory) -> sw.FeatureStore:
    """The card store with the busiest feature's top token renamed to an HTML injection."""
    folder = tmp_path_factory.mktemp("evil") / "store"
    shutil.copytree(small_store.path, folder)
    store = sw.FeatureStore.open(folder)
    f = int(store.features["count"].idxmax())
    top = store.top_examples(f, n=1).iloc[0]
    token_id = int(store.tokens[store.seq_offsets[top["seq"]] + top["pos"]])
    vocab = store.vocab
    vocab[token_id] = EVIL
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    write_manifest(folder)  # as if the model's vocabulary held that token
    return sw.FeatureStore.open(folder)


def open_card(page: Page, card: sw.FeatureCard, path, **kwargs) -> None:
    page.goto(card.to_html(path, **kwargs).as_uri())
    page.wait_for_selector("[data-sw-ready]")
    expect(page.locator(".sw-card-stats")).to_have_count(1, timeout=WAIT)


def check_header(page: Page, store: sw.FeatureStore, f: int) -> None:
    expect(page.get_by_test_id("title")).to_contain_text(f"#{f}", timeout=WAIT)
    row = store.features.loc[f]
    for col in STATS:
        cell = page.locator(f".sw-stat[data-stat='{col}']")
        value = cell.get_attribute("data-value")
        assert value is not None and float(value) == pytest.approx(row[col], rel=0, abs=0), col
        assert cell.locator(".sw-stat-value").inner_text() not in ("", "–")


def test_exported_card_shows_examples_and_header(page: Page, evil_store, tmp_path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    store = evil_store
    f = int(store.features["count"].idxmax())
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set(store, f, label=EVIL, status="interpretable", note=EVIL)
    open_card(page, sw.FeatureCard(store, f, annotations=ann), tmp_path / "card.html")
    check_header(page, store, f)
    expect(page.get_by_test_id("title")).to_have_text(f"Feature #{f}{EVIL}", timeout=WAIT)
    density = store.features.loc[f, "density"]
    digits = max(0, 2 - math.floor(math.log10(density * 100)))  # formatValue in format.ts
    assert page.locator(".sw-stat[data-stat='density'] .sw-stat-value").inner_text() == (
        f"{density * 100:.{digits}f}%"
    )

    top = store.top_examples(f, n=20)
    rows = page.locator(".sw-group-top .sw-example")
    expect(rows).to_have_count(len(top), timeout=WAIT)
    for i in range(len(top)):
        tokens = rows.nth(i).locator(".sw-tok")
        assert tokens.all_text_contents() == [shown(t) for t in top["tokens"].iloc[i]]
        marked = rows.nth(i).locator(".sw-max")
        expect(marked).to_have_count(1, timeout=WAIT)
        index = tokens.evaluate_all("els => els.findIndex(e => e.classList.contains('sw-max'))")
        assert index == top["max_index"].iloc[i]
        assert float(marked.get_attribute("data-value")) == pytest.approx(top["act"].iloc[i])
    assert rows.first.locator(".sw-max").text_content() == EVIL  # the injected token, as text
    n_quant = len(store.quantile_examples(f))
    expect(page.locator(".sw-group:not(.sw-group-top) .sw-example")).to_have_count(
        n_quant, timeout=WAIT
    )

    rows.first.locator(".sw-max").hover()
    tip = page.locator(".sw-tip")
    expect(tip).to_be_visible(timeout=WAIT)
    expect(tip).to_contain_text(f"{EVIL}: {top['act'].iloc[0]:.3g}", timeout=WAIT)
    expect(page.locator(".sw-ro-label")).to_have_text(EVIL, timeout=WAIT)
    expect(page.locator(".sw-card-logits")).to_contain_text(
        "direct path, final layer norm ignored", timeout=WAIT
    )
    expect(page.locator(".sw-pos tr")).to_have_count(10, timeout=WAIT)
    expect(page.locator(".sw-neg tr")).to_have_count(10, timeout=WAIT)
    assert page.locator(".sw-hist canvas").count() == 2
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert dialogs == []


def test_clicking_a_neighbour_opens_its_card(page: Page, small_store, tmp_path) -> None:
    store = small_store
    f = int(store.features["count"].idxmax())
    nb = int(store.neighbours(f, by="cosine", k=1)["feature"][0])
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set(store, nb, label="the neighbour")
    open_card(page, sw.FeatureCard(store, f, annotations=ann), tmp_path / "card.html")
    first = page.locator(".sw-nb-list[data-kind='cosine'] .sw-nb").first
    expect(first).to_contain_text(f"#{nb}the neighbour", timeout=WAIT)
    first.click()
    check_header(page, store, nb)
    expect(page.get_by_test_id("title")).to_have_text(f"Feature #{nb}the neighbour", timeout=WAIT)
    top = store.top_examples(nb, n=20)
    expect(page.locator(".sw-group-top .sw-example")).to_have_count(len(top), timeout=WAIT)
    # the neighbour's own neighbours were not all exported: they say so and cannot be clicked
    missing = page.locator(".sw-nb:disabled")
    assert missing.count() > 0
    expect(missing.first).to_contain_text("not exported", timeout=WAIT)


def test_keys_walk_through_the_exported_features(page: Page, small_store, tmp_path) -> None:
    store = small_store
    chosen = [3, 9, 4]
    open_card(page, sw.FeatureCard(store, 3), tmp_path / "card.html", features=chosen)
    card = page.get_by_test_id("card")
    card.focus()
    page.keyboard.press("j")
    check_header(page, store, 9)
    page.keyboard.press("ArrowRight")
    check_header(page, store, 4)
    expect(page.get_by_test_id("next")).to_be_disabled(timeout=WAIT)
    page.keyboard.press("k")
    check_header(page, store, 9)
    page.keyboard.press("ArrowLeft")
    check_header(page, store, 3)
    expect(page.get_by_test_id("prev")).to_be_disabled(timeout=WAIT)
    assert np.all(
        page.locator(".sw-nb:not(:disabled)").evaluate_all(
            "els => els.map(e => [3, 9, 4].includes(Number(e.dataset.feature)))"
        )
    )
