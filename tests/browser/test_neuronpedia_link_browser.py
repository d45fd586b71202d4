"""The card's "open on Neuronpedia" link: drawn (a link only) when the SAE's config names a
Neuronpedia id, as SAELens releases do; absent otherwise or for an id that is not one."""

from __future__ import annotations

import dataclasses

from playwright.sync_api import Page, expect

import saewidgets as sw
from saewidgets.widgets._carddata import neuronpedia_url


def with_config(store, cfg):
    copy = sw.FeatureStore.open(store.path)
    copy.meta = dataclasses.replace(copy.meta, sae_config=cfg)
    return copy


def test_link_only_for_a_neuronpedia_id(small_store):
    named = with_config(small_store, {"metadata": {"neuronpedia_id": "gpt2-small/8-res-jb"}})
    assert neuronpedia_url(named, 17) == "https://www.neuronpedia.org/gpt2-small/8-res-jb/17"
    assert neuronpedia_url(with_config(small_store, {}), 17) is None
    for bad in ("x/<script>", "no-slash", "a/b/c", 3):
        hostile = with_config(small_store, {"metadata": {"neuronpedia_id": bad}})
        assert neuronpedia_url(hostile, 1) is None


def test_card_export_draws_the_link(page: Page, small_store, tmp_path):
    named = with_config(small_store, {"metadata": {"neuronpedia_id": "gpt2-small/8-res-jb"}})
    page.goto(sw.FeatureCard(named, 4).to_html(tmp_path / "card.html").as_uri())
    link = page.locator("a.sw-np-link")
    expect(link).to_have_text("open on Neuronpedia ↗")
    assert link.get_attribute("href") == "https://www.neuronpedia.org/gpt2-small/8-res-jb/4"
    assert link.get_attribute("rel") == "noopener noreferrer"
    page.goto(sw.FeatureCard(small_store, 4).to_html(tmp_path / "plain.html").as_uri())
    expect(page.get_by_test_id("title")).to_contain_text("Feature #4")
    assert page.locator("a.sw-np-link").count() == 0
