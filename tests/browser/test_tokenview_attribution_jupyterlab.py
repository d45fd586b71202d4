"""End to end in JupyterLab 4: clicking a token of a TokenView (with a Lens) draws the features
ranked by attribution for the next token there, with the numbers of ``lens.attribute``; clicking
"ablate" draws the exact change of the target's log-prob (checked against ``lens.ablate``); the
view's ``.to_html()`` export shows both without a kernel."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, cell_json, run_cell

POSITION = 6
OUT = Path(tempfile.mkdtemp()) / "tokenview.html"
CELLS = [
    "import json, pathlib, tempfile\nimport saewidgets as sw\nfrom tests import helpers\n"
    "d = pathlib.Path(tempfile.mkdtemp())\n"
    "lens = sw.Lens(helpers.build_model(helpers.build_tokenizer(d / 'tok')),"
    " helpers.write_sae(d / 'sae'))\n"
    "text = 'Return a new <b>dictionary</b> from an optional argument.'\n"
    f"top = int(lens.attribute(text, position={POSITION})['feature'][0])\n"
    "w = sw.TokenView(lens, text, labels={top: '<i>top</i>'})\nw",
    f"df = lens.attribute(text, position={POSITION}).head(10)\n"
    "print('ATTR', json.dumps([w.selected_token, df['feature'].tolist(), df['pos'].tolist(),"
    " df['activation'].tolist(), df['attribution'].tolist(), df.attrs['target']]))",
    "f, p, t = int(df['feature'][0]), int(df['pos'][0]), df.attrs['target']\n"
    f"r = lens.ablate(text, [f], positions=[p])\n"
    f"lp = lambda x: float(x[{POSITION}].double().log_softmax(-1)[t])\n"
    "print('ABL', json.dumps(lp(r.logits_after) - lp(r.logits_clean)))\n"
    f"_ = w.to_html({str(OUT)!r})",
]


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace("+", ""))


def _close(shown: str, value: float) -> bool:
    """The drawn number is ``value`` to the three significant digits ``formatValue`` keeps."""
    return abs(_number(shown) - value) <= 5e-3 * abs(value) + 1e-9


@pytest.fixture(scope="module")
def lab(lab_server: Lab) -> str:
    lab_server.write_notebook("tokenview_attr.ipynb", CELLS)
    return lab_server.url("tokenview_attr.ipynb")


def _check_rows(view, want) -> None:
    _, features, poss, acts, attrs, _ = want
    rows = view.get_by_test_id("attr-row")
    expect(rows).to_have_count(10, timeout=WAIT)
    for k in range(10):
        row = rows.nth(k)
        assert row.get_attribute("data-feature") == str(features[k])
        assert row.get_attribute("data-pos") == str(poss[k])
        assert _close(row.locator(".sw-attr-act").inner_text(), acts[k])
        assert _close(row.locator(".sw-attr-attr").inner_text(), attrs[k])


def test_click_token_shows_attributions_and_exact_ablation(page: Page, lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    cells = page.locator(".jp-Notebook .jp-Cell")
    run_cell(page, 0)
    view = cells.nth(0)
    token = view.locator(f".sw-tok[data-i='{POSITION}']")
    expect(token).to_be_visible(timeout=WAIT)
    token.click()
    expect(view.get_by_test_id("attr-row")).to_have_count(10, timeout=WAIT)
    run_cell(page, 1)
    want = cell_json(page, 1, "ATTR")
    assert want[0] == POSITION  # the click reached Python
    _check_rows(view, want)
    rows = view.get_by_test_id("attr-row")
    assert rows.nth(0).locator(".sw-attr-feature").inner_text() == f"#{want[1][0]} <i>top</i>"
    assert view.locator("i").count() == 0 and view.locator(".sw-tv-attr b").count() == 2
    rows.nth(0).locator(".sw-attr-ablate").click()
    delta = rows.nth(0).locator(".sw-attr-delta")
    expect(delta).not_to_contain_text("ablate", timeout=WAIT)
    expect(delta).not_to_contain_text("…", timeout=WAIT)
    run_cell(page, 2)
    exact = cell_json(page, 2, "ABL")
    assert abs(exact) > 1e-4 and _close(delta.inner_text(), exact)
    assert rows.nth(1).locator(".sw-attr-ablate").count() == 1  # only the clicked row ran

    # the export: the click's list and the ablation, drawn with no kernel
    for _ in range(50):
        if OUT.exists():
            break
        page.wait_for_timeout(200)
    page.goto(OUT.as_uri())
    standalone = page.locator("#saewidgets-root")
    _check_rows(standalone, want)
    shown = standalone.get_by_test_id("attr-row").nth(0).locator(".sw-attr-delta")
    assert _close(shown.inner_text(), exact)


EXPLORER_CELLS = [
    "import json, pathlib, tempfile\nimport saewidgets as sw\nfrom tests import helpers\n"
    "d = pathlib.Path(tempfile.mkdtemp())\n"
    "lens = sw.Lens(helpers.build_model(helpers.build_tokenizer(d / 'tok')),"
    " helpers.write_sae(d / 'sae'))\n"
    "store = sw.harvest(lens, helpers.corpus(), n_tokens=600, out=d / 's', progress=False)\n"
    "ex = sw.Explorer(store, lens=lens, grid=False)\nex",
    "df = lens.attribute('Sort a list of numbers.', position=4)\n"
    "print('TOP', json.dumps([int(df['feature'][1]), int(ex.card.feature)]))",
]


@pytest.fixture(scope="module")
def explorer_lab(lab_server: Lab) -> str:
    lab_server.write_notebook("explorer_attr.ipynb", EXPLORER_CELLS)
    return lab_server.url("explorer_attr.ipynb")


def test_explorer_attribution_link_opens_the_card(page: Page, explorer_lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(explorer_lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    run_cell(page, 0)
    view = page.locator(".jp-Notebook .jp-Cell").nth(0)
    box = view.locator("textarea[aria-label='Text to run']")
    expect(box).to_be_visible(timeout=WAIT)
    box.fill("Sort a list of numbers.")
    token = view.locator(".sw-tok[data-i='4']")
    expect(token).to_be_visible(timeout=WAIT)
    token.click()
    rows = view.get_by_test_id("attr-row")
    expect(rows.first).to_be_visible(timeout=WAIT)
    run_cell(page, 1)
    feature, shown = cell_json(page, 1, "TOP")
    assert feature != shown  # the card shows another feature until the link is clicked
    assert rows.nth(1).get_attribute("data-feature") == str(feature)
    rows.nth(1).locator(".sw-attr-feature").click()  # the Explorer's card opens on it
    title = view.get_by_test_id("title").first
    expect(title).to_have_text(f"Feature #{feature}", timeout=WAIT)
