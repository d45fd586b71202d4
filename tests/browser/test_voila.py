"""End to end in Voilà: a Voilà server on localhost runs a notebook holding a FeatureCard, a
FeatureMap and a TokenView; Chromium finds each drawn (not a snapshot), and the card's "next"
button is answered by the kernel (the next feature's title and examples)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import REPO, _free_port

WAIT = 120_000  # ms: Voilà runs the whole notebook before it sends the page
pytestmark = pytest.mark.slow

CELLS = [
    "import numpy as np\nimport saewidgets as sw\nstore = sw.FeatureStore.open({store!r})",
    "card = sw.FeatureCard(store, {first})\ncard",
    "sw.FeatureMap(store)",
    'sw.TokenView.from_arrays(["<bos>", "Voila", " draws"], np.array([[9.0, 0], [1.0, 0], '
    "[3.0, 2.0]]), bos=True)",
]


def _notebook(folder: Path, sources: list[str]) -> Path:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": kernel},
        "cells": [{**cell, "id": f"c{i}", "source": s} for i, s in enumerate(sources)],
    }
    path = folder / "voila.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture
def voila(tmp_path: Path, small_store) -> Iterator[tuple[str, Path, int]]:
    """A Voilà server on localhost rendering the test notebook: (URL, log file, first feature)."""
    first = int(small_store.features["count"].idxmax())
    store = str(small_store.path)
    nb = _notebook(tmp_path, [c.format(store=store, first=first) for c in CELLS])
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "JUPYTER_CONFIG_DIR": str(tmp_path / ".config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / ".runtime"),
    }
    log_path = tmp_path / "voila.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "voila", str(nb), f"--port={port}", "--no-browser"]
            + ["--Voila.ip=127.0.0.1", "--show_tracebacks=True"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{base}/voila/static/", timeout=2)
                    break
                except urllib.error.HTTPError:
                    break  # the server answers
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(f"Voilà did not start: {log_path.read_text()}") from None
                    time.sleep(0.5)
            yield f"{base}/", log_path, first
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_voila_draws_card_map_and_tokenview_and_answers_a_card_request(
    page: Page, voila, small_store
) -> None:
    url, log, first = voila
    page.goto(url, timeout=WAIT)
    title = page.get_by_test_id("title")
    expect(title).to_have_text(f"Feature #{first}", timeout=WAIT)
    rows = page.locator(".sw-group-top .sw-example")
    expect(rows).to_have_count(len(small_store.top_examples(first)), timeout=WAIT)
    expect(page.locator(".sw-featuremap[data-painted]")).to_have_count(1, timeout=WAIT)
    expect(page.locator(".sw-featuremap .sw-fm-canvas")).to_have_count(3)  # its three panels
    tokens = page.locator(".sw-tokenview .sw-tok")
    expect(tokens).to_have_text(["<bos>", "Voila", " draws"], timeout=WAIT)
    assert page.locator(".saewidgets-snapshot").count() == 0  # live views, not the snapshots

    following = int(small_store.features.index[small_store.features.index > first][0])
    page.get_by_test_id("next").click()
    expect(title).to_have_text(f"Feature #{following}", timeout=WAIT)
    expect(rows).to_have_count(len(small_store.top_examples(following)), timeout=WAIT)
    first_tokens = rows.first.locator(".sw-tok").all_text_contents()
    assert len(first_tokens) == len(small_store.top_examples(following, n=1)["tokens"][0])
    text = page.locator("body").inner_text()
    assert "Model not found" not in text and "Class null" not in text
    assert "Model not found" not in log.read_text()
