"""Driving a notebook page (JupyterLab or Notebook 7) from Playwright."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

WAIT = 90_000  # ms; generous: the first kernel start and widget load are slow on a busy machine


def dismiss_dialog(page: Page) -> None:
    """Accept a JupyterLab dialog that would block clicks (e.g. "Select Kernel" when the kernel
    is slow to start on a busy machine: accepting takes the preselected kernel)."""
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    if accept.count():
        accept.first.click()
        expect(page.locator(".jp-Dialog")).to_have_count(0, timeout=WAIT)


def run_cell(page: Page, index: int) -> None:
    """Run cell ``index`` and wait until the kernel has taken it (its prompt shows a number).

    A key press that lands while the page is still wiring the editor is dropped, so retry.
    """
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(6):
        dismiss_dialog(page)
        cell.locator(".cm-content").click()
        expect(cell).to_have_class(re.compile("jp-mod-active"), timeout=WAIT)
        page.keyboard.press("Shift+Enter")
        try:
            expect(prompt).to_have_text(re.compile(r"\[[\d*]+\]"), timeout=10_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"cell {index} never started running")


def cell_json(page: Page, index: int, tag: str) -> list:
    """The JSON a cell printed after ``tag`` (``print(tag, json.dumps(...))``)."""
    out = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea-output")
    expect(out).to_contain_text(f"{tag} ", timeout=WAIT)
    return json.loads(out.inner_text().split(f"{tag} ", 1)[1].splitlines()[0])
