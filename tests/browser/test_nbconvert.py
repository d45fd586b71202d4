"""A notebook exported with ``jupyter nbconvert --to html``, opened offline in Chromium, shows a
static snapshot of each widget (no widget state stored, as JupyterLab saves by default)."""

from __future__ import annotations

import os
import subprocess

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from playwright.sync_api import Page, Route

from tests.browser.conftest import REPO

CELLS = """import numpy as np
import saewidgets as sw
store = sw.FeatureStore.open({store!r})
f = {first}
---
sw.FeatureCard(store, f)
---
sw.FeatureMap(store)
---
sw.GeometryGrid(store)
---
sw.TokenView.from_arrays(["<bos>", "a", " <b>x</b>"], np.array([[9.0, 0], [1.0, 0], [3.0, 2.0]]))
"""


def test_exported_notebook_shows_each_widget_snapshot_offline(
    page: Page, small_store, tmp_path, monkeypatch
) -> None:
    first = int(small_store.features["count"].idxmax())
    sources = CELLS.format(store=str(small_store.path), first=first).split("---\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    monkeypatch.setenv("PYTHONPATH", path)
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False).execute()
    body, _ = HTMLExporter().from_notebook_node(nb)
    out = tmp_path / "report.html"
    out.write_text(body, encoding="utf-8")

    requests: list[str] = []

    def offline(route: Route) -> None:
        requests.append(route.request.url)
        route.abort()

    page.route("http*://**/*", offline)  # no network: only the file itself
    page.goto(out.as_uri())
    shots = page.locator(".saewidgets-snapshot")
    kinds = [shots.nth(i).get_attribute("data-widget") for i in range(shots.count())]
    assert kinds == ["FeatureCard", "FeatureMap", "GeometryGrid", "TokenView"]
    card = shots.nth(0)
    assert card.inner_text().startswith(f"Feature {first}")
    top = small_store.top_examples(first, n=1)
    assert "".join(top["tokens"][0]) in card.inner_text().replace("↵", "\n")
    for i in range(3):
        svg = shots.nth(i).locator("svg").first.bounding_box()
        assert svg is not None and svg["width"] > 100 and svg["height"] > 50
    live = int((~small_store.features["dead"]).sum())
    assert shots.nth(1).locator("circle").count() == 3 * live
    view = shots.nth(3)
    assert view.locator("span[title]", has_text="<b>x</b>").count() == 2  # text, not markup
    assert view.locator("span b").count() == 0
    # no widget object reprs, no script from the exporter's CDN needed
    assert "object at 0x" not in page.locator("body").inner_text()
    assert page.locator(".jupyter-widgets").count() == 0


EXECUTED = """import numpy as np
import saewidgets as sw
store = sw.FeatureStore.open({store!r})
---
sw.FeatureCard(store, {first})
---
sw.FeatureMap(store)
---
sw.TokenView.from_arrays(["<bos>", "a", " <b>x</b>"], np.array([[9.0, 0], [1.0, 0], [3.0, 2.0]]))
"""


def test_executed_report_shows_each_view_offline(page: Page, small_store, tmp_path) -> None:
    """``jupyter nbconvert --to saewidgets-html --execute``, the command docs/hosts.md leads
    with (``--to html --execute`` stores widget state and draws the views from a CDN)."""
    first = int(small_store.features["count"].idxmax())
    sources = EXECUTED.format(store=str(small_store.path), first=first).split("---\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, tmp_path / "report.ipynb")
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    cmd = ["jupyter", "nbconvert", "--to", "saewidgets-html", "--execute", "report.ipynb"]
    done = subprocess.run(
        cmd, cwd=tmp_path, env={**os.environ, "PYTHONPATH": path}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "report.html").read_text()
    assert "widget-state+json" not in html and "unpkg.com" not in html  # no CDN script

    requests: list[str] = []

    def offline(route: Route) -> None:
        requests.append(route.request.url)
        route.abort()

    def only_the_file(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            offline(route)

    page.route("**/*", only_the_file)
    page.goto((tmp_path / "report.html").as_uri())
    shots = page.locator(".saewidgets-snapshot")
    kinds = [shots.nth(i).get_attribute("data-widget") for i in range(shots.count())]
    assert kinds == ["FeatureCard", "FeatureMap", "TokenView"]
    top = small_store.top_examples(first, n=1)
    assert "".join(top["tokens"][0]) in shots.nth(0).inner_text().replace("↵", "\n")
    live = int((~small_store.features["dead"]).sum())
    assert shots.nth(1).locator("circle").count() == 3 * live
    assert shots.nth(2).locator("span[title]", has_text="<b>x</b>").count() == 2
    assert page.locator(".jupyter-widgets").count() == 0
    # nbconvert's page asks for require.js and MathJax (refused here), never a widget manager
    assert not [url for url in requests if "widget" in url or "unpkg" in url], requests
