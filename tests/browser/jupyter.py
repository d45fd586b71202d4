"""Driving a notebook page (JupyterLab or Notebook 7) from Playwright."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

WAIT = 90_000  # ms; generous: the first kernel start and widget load are slow on a busy machine


def run_cell(page: Page, index: int) -> None:
    """Run cell ``index`` and wait until the kernel has taken it (its prompt shows a number).

    A key press that lands while the page is still wiring the editor is dropped, so retry.
    """
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    prompt = cell.locator(".jp-InputPrompt")
    for _ in range(6):
        cell.locator(".cm-content").click()
        expect(cell).to_have_class(re.compile("jp-mod-active"), timeout=WAIT)
        page.keyboard.press("Shift+Enter")
        try:
            expect(prompt).to_have_text(re.compile(r"\[[\d*]+\]"), timeout=10_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"cell {index} never started running")
