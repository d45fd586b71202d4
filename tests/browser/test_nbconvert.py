"""A notebook exported with ``jupyter nbconvert --to html``, opened offline in Chromium, shows a
static snapshot of each widget (no widget state stored, as JupyterLab saves by default)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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
from pathlib import Path
from tests import helpers
from tests.widgets.test_compare_widgets import synthetic_trajectory
store = sw.FeatureStore.open({store!r})
---
sw.FeatureCard(store, {first})
---
sw.FeatureMap(store)
---
sw.TokenView.from_arrays(["<bos>", "a", " <b>x</b>"], np.array([[9.0, 0], [1.0, 0], [3.0, 2.0]]))
---
sw.GeometryGrid(store)
---
explorer = sw.Explorer(store, grid=False)
explorer.feature = {first}
explorer
---
sw.Annotator(store, sw.Annotations(Path("notes.db")), queue=[{first}, 1, 2])
---
sw.CompareView(sw.compare(store, store, names=("left", "right"), progress=False))
---
sw.ContrastView(store, store, n=3)
---
sw.TrajectoryView(synthetic_trajectory())
---
lens = sw.Lens(helpers.build_model(helpers.build_tokenizer(Path("tok"))), {sae!r})
sw.Steer(lens, "The steered prompt", features={{3: 2.0}}, max_new_tokens=2)
"""
VIEWS = ["FeatureCard", "FeatureMap", "TokenView", "GeometryGrid", "Explorer", "Annotator"]
VIEWS += ["CompareView", "ContrastView", "TrajectoryView", "Steer"]


def _executed_report(text: str, folder: Path) -> str:
    """The HTML of ``jupyter nbconvert --to saewidgets-html --execute`` on a notebook of the
    cells of ``text`` (split at ``---`` lines), run in ``folder``."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in text.split("---\n")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "report.ipynb")
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    cmd = ["jupyter", "nbconvert", "--to", "saewidgets-html", "--execute", "report.ipynb"]
    done = subprocess.run(
        cmd, cwd=folder, env={**os.environ, "PYTHONPATH": path}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return (folder / "report.html").read_text()


def test_executed_report_shows_each_view_offline(
    page: Page, small_store, sae_dirs, tmp_path
) -> None:
    """``jupyter nbconvert --to saewidgets-html --execute``, the command docs/hosts.md leads
    with (``--to html --execute`` stores widget state and draws the views from a CDN): every
    public view shows its content offline."""
    first = int(small_store.features["count"].idxmax())
    text = EXECUTED.format(store=str(small_store.path), first=first, sae=str(sae_dirs["standard"]))
    html = _executed_report(text, tmp_path)
    assert "widget-state+json" not in html and "unpkg.com" not in html  # no CDN script

    requests: list[str] = []

    def only_the_file(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_file)
    page.goto((tmp_path / "report.html").as_uri())
    shots = page.locator(".jp-OutputArea-output > .saewidgets-snapshot")
    kinds = [shots.nth(i).get_attribute("data-widget") for i in range(shots.count())]
    assert kinds == VIEWS
    view = dict(zip(VIEWS, (shots.nth(i) for i in range(len(VIEWS))), strict=True))
    top = small_store.top_examples(first, n=1)
    context = "".join(top["tokens"][0])
    assert context in view["FeatureCard"].inner_text().replace("↵", "\n")
    live = int((~small_store.features["dead"]).sum())
    for name in ("FeatureMap", "Explorer"):  # each holds a map (3 panels) of every live feature
        assert view[name].locator("circle").count() == 3 * live, name
    assert view["ContrastView"].locator("circle").count() > 0  # its rate map
    assert view["TokenView"].locator("span[title]", has_text="<b>x</b>").count() == 2
    assert view["GeometryGrid"].locator("rect").count() > 10
    assert context in view["Explorer"].inner_text().replace("↵", "\n")  # its card
    assert view["Annotator"].inner_text().count(f"Feature {first}") == 1
    assert "0 / 3 reviewed" in view["Annotator"].inner_text()
    compare = view["CompareView"].inner_text()
    assert "left vs right" in compare and f"features\t{small_store.d_sae:,}" in compare
    assert (
        view["ContrastView"].locator(".saewidgets-snapshot[data-widget=FeatureCard]").count() == 2
    )
    assert "final state\tfeatures" in view["TrajectoryView"].inner_text()
    assert "The steered prompt" in view["Steer"].inner_text()
    assert page.locator(".jupyter-widgets").count() == 0
    # nbconvert's page asks for require.js and MathJax (refused here), never a widget manager
    assert not [url for url in requests if "widget" in url or "unpkg" in url], requests
