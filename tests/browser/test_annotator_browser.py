"""Annotator end to end in JupyterLab: triage keys typed in Chromium change the SQLite file."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import saewidgets as sw
from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, run_cell

EVIL = "</script><img src=x onerror=alert(1)>"
SUGGESTED = "<img src=x onerror=alert(2)> commas"  # an LLM explanation (sw.explain)


def wait_until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def accept_suggestion(page: Page, out, queue: list[int], label: Callable[[int], object]) -> None:
    """From the first feature, go to the third (which has an LLM explanation) and accept it."""
    title = out.get_by_test_id("title")
    page.keyboard.press("j")
    expect(title).to_have_text(f"Feature #{queue[1]}second", timeout=WAIT)
    page.keyboard.press("j")
    expect(title).to_have_text(f"Feature #{queue[2]}", timeout=WAIT)
    expect(out.get_by_test_id("suggestion")).to_have_text(SUGGESTED, timeout=WAIT)
    expect(out.get_by_test_id("suggestion-scores")).to_have_text("some-llm: not scored")
    page.keyboard.press("a")  # accept the explanation as the label
    wait_until(lambda: label(queue[2]) == SUGGESTED, "explanation accepted as the label")
    expect(out.get_by_test_id("label")).to_have_value(SUGGESTED, timeout=WAIT)


@pytest.fixture(scope="module")
def notebook(lab_server: Lab, small_store: sw.FeatureStore) -> tuple[str, str, list[int]]:
    queue = [int(f) for f in small_store.features.sort_values("count").index[-3:][::-1]]
    db = str(lab_server.root / "labels.db")
    sw.Annotations(db).set_explanation(small_store, queue[2], SUGGESTED, "some-llm")
    source = (
        "import saewidgets as sw\n"
        f"store = sw.FeatureStore.open({str(small_store.path)!r})\n"
        f"tool = sw.Annotator(store, sw.Annotations({db!r}), queue={queue})\ntool"
    )
    lab_server.write_notebook("annotator.ipynb", [source])
    return lab_server.url("annotator.ipynb"), db, queue


def test_triage_keys_write_annotations(page: Page, notebook, small_store) -> None:
    url, db, queue = notebook
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_default_timeout(WAIT)
    page.goto(url)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    run_cell(page, 0)
    out = page.locator(".jp-Notebook .jp-Cell").nth(0)
    title, progress = out.get_by_test_id("title"), out.get_by_test_id("progress")
    expect(title).to_have_text(f"Feature #{queue[0]}", timeout=WAIT)
    expect(progress).to_have_text("0 / 3 reviewed · #1 of 3", timeout=WAIT)
    ann = sw.Annotations(db)

    def status(f: int) -> str | None:
        a = ann.get(small_store, f)
        return None if a is None else a.status

    def label(f: int) -> str | None:
        a = ann.get(small_store, f)
        return None if a is None else a.label

    out.get_by_test_id("card").focus()
    page.keyboard.press("2")  # statuses[1]
    wait_until(lambda: status(queue[0]) == "interpretable", "status key saved")
    expect(out.get_by_test_id("saved")).to_contain_text("saved", timeout=WAIT)
    expect(progress).to_have_text("1 / 3 reviewed · #1 of 3", timeout=WAIT)

    page.keyboard.press("l")
    box = out.get_by_test_id("label")
    expect(box).to_be_focused(timeout=WAIT)
    page.keyboard.type(EVIL)
    page.keyboard.press("Escape")
    expect(out.get_by_test_id("card")).to_be_focused(timeout=WAIT)
    wait_until(lambda: label(queue[0]) == EVIL, "label saved on Esc")
    expect(title).to_have_text(f"Feature #{queue[0]}{EVIL}", timeout=WAIT)

    page.keyboard.press("j")
    expect(title).to_have_text(f"Feature #{queue[1]}", timeout=WAIT)
    expect(progress).to_have_text("1 / 3 reviewed · #2 of 3", timeout=WAIT)
    page.keyboard.press("4")  # statuses[3]
    wait_until(lambda: status(queue[1]) == "dead", "second status saved")
    page.keyboard.press("Enter")
    expect(box).to_be_focused(timeout=WAIT)
    page.keyboard.type("second")
    page.keyboard.press("Escape")
    wait_until(lambda: label(queue[1]) == "second", "second label saved")
    expect(progress).to_have_text("2 / 3 reviewed · #2 of 3", timeout=WAIT)

    page.keyboard.press("ArrowLeft")
    expect(title).to_have_text(f"Feature #{queue[0]}{EVIL}", timeout=WAIT)
    expect(box).to_have_value(EVIL, timeout=WAIT)
    assert out.locator(".sw-status-row [aria-checked='true']").inner_text() == "2 interpretable"
    accept_suggestion(page, out, queue, label)
    assert page.evaluate("document.querySelectorAll('.jp-Cell img').length") == 0
    assert dialogs == []
