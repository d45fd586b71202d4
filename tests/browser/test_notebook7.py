"""End to end in Notebook 7: the session's Jupyter server (which serves Notebook 7's ``/tree``
and ``/notebooks/<path>`` pages once ``notebook`` is installed) opens a notebook from Notebook 7's
file browser, runs a cell creating a TokenView, and the widget's tokens are drawn; a FeatureCard's
"next" is answered by the kernel."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect

from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, run_cell

NAME = "nb7.ipynb"
CELL = (
    "import numpy as np\nimport saewidgets as sw\n"
    "sw.TokenView.from_arrays(['Notebook', ' seven', ' renders'],"
    " np.array([[2.0, 0.0], [0.0, 1.0], [0.0, 0.0]]))"
)

CARD = "import saewidgets as sw\nsw.FeatureCard(sw.FeatureStore.open({store!r}), {first})"


#: Errors Notebook 7 (7.6) throws from its own ``notebook_core`` bundle while it starts, racing
#: its plugins: the shortcut-settings race of jupyter/notebook#7862, and the file browser's
#: restore calling ``filebrowser:open-path`` on the notebook page (seen when the server is warm).
UPSTREAM = ("reading 'schema'", "Command 'filebrowser:open-path' not registered")


def _known_upstream(exc: Error) -> bool:
    """Whether ``exc`` is one of ``UPSTREAM``, thrown at the top of Notebook 7's own code."""
    frames = [line for line in (exc.stack or "").splitlines() if line.strip().startswith("at ")]
    in_notebook = bool(frames) and "/static/notebook/notebook_core." in frames[0]
    return in_notebook and any(m in exc.message for m in UPSTREAM)


@pytest.fixture
def context(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A browser context and the uncaught page errors of every tab opened in it."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    context.set_default_timeout(WAIT)
    errors: list[str] = []

    def watch(page: Page) -> None:
        def record(exc: Error) -> None:
            if not _known_upstream(exc):
                errors.append(f"{page.url}: {exc.stack or exc}")

        page.on("pageerror", record)

    context.on("page", watch)
    yield context, errors
    context.close()


def _open_from_tree(context: BrowserContext, lab: Lab) -> Page:
    """Open ``NAME`` by double-clicking it in Notebook 7's file browser (``/tree``), which opens
    the notebook page ``/notebooks/NAME`` in a new tab; returns that tab."""
    tree = context.new_page()
    tree.goto(f"{lab.base}/tree?token={lab.token}")
    item = tree.locator(".jp-DirListing-item", has_text=NAME)
    expect(item).to_be_visible(timeout=WAIT)
    with context.expect_page(timeout=WAIT) as opened:
        item.dblclick()
    notebook = opened.value
    notebook.wait_for_url(re.compile(rf"/notebooks/{re.escape(NAME)}"), timeout=WAIT)
    return notebook


def test_tokenview_renders_in_notebook7(
    context: tuple[BrowserContext, list[str]], lab_server: Lab, small_store
) -> None:
    browser_context, errors = context
    first = int(small_store.features["count"].idxmax())
    card = CARD.format(store=str(small_store.path), first=first)
    lab_server.write_notebook(NAME, [CELL, card])
    notebook = _open_from_tree(browser_context, lab_server)
    # Notebook 7's own single-document shell serves this page, not JupyterLab's.
    expect(notebook.locator("#main-panel .jp-NotebookPanel")).to_be_visible(timeout=WAIT)
    assert "/lab" not in notebook.url
    run_cell(notebook, 0)

    output = notebook.locator(".jp-Notebook .jp-Cell").first.locator(".jp-OutputArea-output")
    tokens = output.locator(".sw-tok")
    expect(tokens).to_have_count(3, timeout=WAIT)
    assert tokens.all_text_contents() == ["Notebook", " seven", " renders"]
    colours = [t.evaluate("e => getComputedStyle(e).backgroundColor") for t in tokens.all()]
    assert colours[0] != colours[2] and colours[1] != colours[2]  # active tokens are coloured
    tip = notebook.locator(".sw-tip")
    for _ in range(5):  # a hover sent while the shell still lays out the page can miss
        notebook.mouse.move(0, 0)
        tokens.nth(0).hover()
        try:
            expect(tip).to_be_visible(timeout=10_000)
            break
        except AssertionError:
            continue
    expect(tip).to_be_visible(timeout=WAIT)
    expect(tip.locator(".sw-tip-head")).to_have_text("Notebook  pos 0")
    expect(tip.locator("tr").first).to_contain_text("2.00")
    on_top = tip.evaluate(
        """t => { t.style.pointerEvents = "auto";  // hit-testing skips pointer-events: none
                  const r = t.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                  t.style.pointerEvents = "";
                  return t.contains(hit); }"""
    )
    assert on_top, "the hover tip must be drawn above the notebook, not clipped by it"
    # a FeatureCard's "next" is a request the kernel answers (the next feature's examples)
    run_cell(notebook, 1)
    cell = notebook.locator(".jp-Notebook .jp-Cell").nth(1)
    title = cell.get_by_test_id("title")
    expect(title).to_have_text(f"Feature #{first}", timeout=WAIT)
    following = int(small_store.features.index[small_store.features.index > first][0])
    cell.get_by_test_id("next").click()
    expect(title).to_have_text(f"Feature #{following}", timeout=WAIT)
    rows = cell.locator(".sw-group-top .sw-example")
    expect(rows).to_have_count(len(small_store.top_examples(following)), timeout=WAIT)
    assert not errors, f"uncaught errors in the pages: {errors}"
