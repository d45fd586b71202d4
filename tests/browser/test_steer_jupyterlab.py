"""End to end in JupyterLab 4: moving a Steer slider re-runs the model in the kernel and the
steered continuation on screen changes to what ``lens.steer`` computes for the new strength."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, run_cell

CELLS = [
    "import json, pathlib, tempfile\nimport saewidgets as sw\nfrom tests import helpers\n"
    "d = pathlib.Path(tempfile.mkdtemp())\n"
    "lens = sw.Lens(helpers.build_model(helpers.build_tokenizer(d / 'tok')),"
    " helpers.write_sae(d / 'sae'))\n"
    "w = sw.Steer(lens, 'Sort a list.', features={7: 10.0}, max_new_tokens=6)\nw",
    "c = w.chips[0]\n"
    "print('STEER', json.dumps([c['strength'], w.result['text_after'],"
    " lens.steer('Sort a list.', {7: c['strength']}, max_new_tokens=6).text_after]))",
]


@pytest.fixture(scope="module")
def lab(lab_server: Lab) -> str:
    lab_server.write_notebook("steer.ipynb", CELLS)
    return lab_server.url("steer.ipynb")


def test_slider_move_reaches_python_and_changes_the_steered_text(page: Page, lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    cells = page.locator(".jp-Notebook .jp-Cell")
    run_cell(page, 0)
    after = cells.nth(0).get_by_test_id("text-after")
    clean = cells.nth(0).get_by_test_id("text-clean")
    expect(after).to_have_count(1, timeout=WAIT)
    before = after.text_content()
    clean_text = clean.text_content()
    assert before != clean_text  # strength 10 already changes the continuation
    slider = cells.nth(0).locator("input[type=range][data-feature='7']")
    slider.focus()
    page.keyboard.press("End")  # a real slider move: to the top of its range (+20)
    expect(after).not_to_have_text(before or "", timeout=WAIT)
    expect(cells.nth(0).get_by_test_id("status")).to_have_text("", timeout=WAIT)
    shown = after.text_content()
    assert clean.text_content() == clean_text
    run_cell(page, 1)
    output = cells.nth(1).locator(".jp-OutputArea-output")
    expect(output).to_contain_text("STEER ", timeout=WAIT)
    strength, synced, direct = json.loads(output.inner_text().split("STEER ", 1)[1])
    assert strength == 20.0  # the slider's value reached Python
    assert shown == synced == direct  # and the screen shows what lens.steer computes for it
