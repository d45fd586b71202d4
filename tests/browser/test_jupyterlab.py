"""End to end in JupyterLab 4: a notebook cell renders a TokenView, and browser changes reach
Python (a clicked token, and live text run through a Lens in the kernel via invoke)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, run_cell

CELLS = [
    "import numpy as np\nimport saewidgets as sw\n"
    "view = sw.TokenView.from_arrays(['Hello', ' world', ' again'],"
    " np.array([[1.0, 0.0], [0.0, 2.0], [0.5, 0.5]]))\nview",
    "print('SELECTED', view.selected_token)",
    "class Lens:\n"
    "    def to_str_tokens(self, text):\n        return text.split(' ')\n"
    "    def encode(self, text):\n"
    "        if 'boom' in text:\n            raise ValueError('boom in text')\n"
    "        return np.eye(len(text.split(' ')), 4, dtype=np.float32)\n"
    "live = sw.TokenView(Lens(), 'a b')\nlive",
    "print('TEXT', repr(live.text), len(live.tokens))",
    "import numpy as np, pandas as pd\nimport saewidgets as sw\nk = np.arange(300)\n"
    "fm = sw.FeatureMap(pd.DataFrame({'log10_density': -5 + k / 75, 'enc_bias': np.sin(k),"
    " 'de_projection': np.cos(k)}))\nfm",
    "print('SEL', len(fm.selected), sorted(fm.selected))",
]


@pytest.fixture(scope="module")
def lab(lab_server: Lab) -> str:
    lab_server.write_notebook("e2e.ipynb", CELLS)
    return lab_server.url("e2e.ipynb")


def test_widget_renders_and_browser_changes_reach_python(page: Page, lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.on("console", lambda msg: print("console:", msg.text))
    page.goto(lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    cells = page.locator(".jp-Notebook .jp-Cell")

    run_cell(page, 0)
    tokens = cells.nth(0).locator(".sw-tok")
    expect(tokens).to_have_count(3, timeout=WAIT)
    assert tokens.all_text_contents() == ["Hello", " world", " again"]
    tokens.nth(1).click()
    expect(tokens.nth(1)).to_have_class("sw-tok sw-selected", timeout=WAIT)
    run_cell(page, 1)
    expect(cells.nth(1).locator(".jp-OutputArea-output")).to_have_text("SELECTED 1\n", timeout=WAIT)

    run_cell(page, 2)
    box = cells.nth(2).locator("textarea")
    box.fill("x y z w")  # live mode: the kernel re-runs the Lens through invoke("run")
    expect(cells.nth(2).locator(".sw-tok")).to_have_count(4, timeout=WAIT)
    box.fill("boom now")  # a Python error shows inside the widget
    expect(cells.nth(2).locator(".sw-error")).to_have_text("ValueError: boom in text", timeout=WAIT)
    run_cell(page, 3)
    expect(cells.nth(3).locator(".jp-OutputArea-output")).to_have_text(
        "TEXT 'x y z w' 4\n", timeout=WAIT
    )


def test_featuremap_brush_reaches_python(page: Page, lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    cells = page.locator(".jp-Notebook .jp-Cell")
    run_cell(page, 4)
    overlay = cells.nth(4).locator(".sw-fm-overlay").first
    expect(overlay).to_be_visible(timeout=WAIT)
    overlay.scroll_into_view_if_needed()
    box = overlay.bounding_box()
    page.mouse.move(box["x"] + 90, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 230, box["y"] + 200, steps=6)
    page.mouse.up()
    selection = cells.nth(4).get_by_test_id("selection")
    expect(selection).to_contain_text(" selected: ", timeout=WAIT)
    count, listed = selection.inner_text().split(" selected: ")
    ids = sorted(int(t.strip().lstrip("#")) for t in listed.split(","))
    assert int(count) == len(ids) > 0
    run_cell(page, 5)
    expect(cells.nth(5).locator(".jp-OutputArea-output")).to_have_text(
        f"SEL {len(ids)} {ids}\n", timeout=WAIT
    )
