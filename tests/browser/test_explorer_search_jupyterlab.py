"""End to end in JupyterLab 4: the Explorer's search box asks the kernel (by token, by words
in labels, by text through the Lens), draws the same features as store.find,
annotations.search and store.search, keeps a hostile label as text, and opens a result in the
card."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, cell_json, run_cell

TEXT = "Sort a list of numbers."
CELLS = [
    "import json, pathlib\nimport saewidgets as sw\nfrom tests import helpers\n"
    "d = pathlib.Path('explorer_search').absolute()\n"
    "lens = sw.Lens(helpers.build_model(helpers.build_tokenizer(d / 'tok')),"
    " helpers.write_sae(d / 'sae'))\n"
    "store = sw.harvest(lens, helpers.corpus(), n_tokens=600, out=d / 's', progress=False)\n"
    "ann = sw.Annotations(d / 'labels.db')\n"
    "ann.set(store, 5, label='<img src=x onerror=alert(1)> negation')\n"
    "token = store.vocab[int(store.tokens[store.seq_offsets[1] + 2])]\n"
    "ex = sw.Explorer(store, lens=lens, annotations=ann, grid=False)\nex",
    "print('WANT', json.dumps([token, store.find(token, k=20)['feature'].tolist(),"
    f" store.search({TEXT!r}, lens=lens, k=20)['feature'].tolist()]))",
]


@pytest.fixture(scope="module")
def search_lab(lab_server: Lab) -> str:
    lab_server.write_notebook("explorer_search.ipynb", CELLS)
    return lab_server.url("explorer_search.ipynb")


def _search(view, mode: str, query: str) -> list[int]:
    view.locator("select[aria-label='Search by']").select_option(mode)
    view.locator("input[aria-label='Search features']").fill(query)
    view.get_by_role("button", name="Search", exact=True).click()
    results = view.get_by_test_id("search-results")
    expect(results).not_to_contain_text("searching", timeout=WAIT)
    hits = results.locator("button")
    return [int(h.get_attribute("data-feature")) for h in hits.all()]


def test_search_box_lists_what_the_api_finds(page: Page, search_lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(search_lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    run_cell(page, 0)
    view = page.locator(".jp-Notebook .jp-Cell").nth(0)
    expect(view.locator("input[aria-label='Search features']")).to_be_visible(timeout=WAIT)
    run_cell(page, 1)
    token, by_token, by_text = cell_json(page, 1, "WANT")
    assert by_token and by_text
    assert _search(view, "token", token) == by_token
    assert _search(view, "text", TEXT) == by_text
    assert _search(view, "words", "negat") == [5]
    hit = view.get_by_test_id("search-results").locator("button").first
    assert "<img src=x onerror=alert(1)> negation" in hit.inner_text()
    assert view.locator("img[src=x]").count() == 0
    hit.click()
    title = view.get_by_test_id("title").first
    expect(title).to_have_text(re.compile(r"^Feature #5\D"), timeout=WAIT)
    assert _search(view, "token", "no-such-token-zz") == []
    expect(view.locator(".sw-error").first).to_contain_text("not a token", timeout=WAIT)
