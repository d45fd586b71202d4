"""End to end in JupyterLab 4: the live FeatureMap holds most columns at 3 significant digits
and its hover fetches the hovered feature's exact row from the kernel; every column of the
tooltip is checked against the DataFrame's own values (a dense reference)."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from saewidgets.widgets._columns import three_digits
from tests.browser.conftest import Lab
from tests.browser.jupyter import WAIT, cell_json, run_cell

# 36 features on a 6 x 6 grid of (a, b), each far from the others; c and d have 7+ digits, so a
# value at 3 significant digits differs from the exact one
CELLS = [
    "import json\nimport numpy as np, pandas as pd\nimport saewidgets as sw\n"
    "rng = np.random.default_rng(3)\n"
    "i = np.arange(36)\n"
    "frame = pd.DataFrame({'a': (i % 6) * 1.0, 'b': (i // 6) * 1.0,"
    " 'c': rng.normal(0, 1, 36) * 1.2345678, 'd': rng.lognormal(0, 2, 36),"
    " 'count': rng.integers(1, 10**7, 36), 'dead': np.zeros(36, bool)}, index=1000 + i)\n"
    "fmap = sw.FeatureMap(frame, x='a', y='b', color='c')\nfmap",
    "print('WANT', json.dumps({'names': [c['name'] for c in fmap.columns],"
    " 'rows': {str(k): [float(v) for v in np.asarray(fmap.table)[j]]"
    " for j, k in enumerate(fmap.ids.tolist())}}))",
]


@pytest.fixture(scope="module")
def hover_lab(lab_server: Lab) -> str:
    lab_server.write_notebook("map_hover.ipynb", CELLS)
    return lab_server.url("map_hover.ipynb")


def test_hover_shows_the_exact_row_from_the_kernel(page: Page, hover_lab: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(hover_lab)
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_be_visible(
        timeout=WAIT
    )
    run_cell(page, 0)
    view = page.locator(".jp-Notebook .jp-Cell").nth(0)
    expect(view.locator("[data-painted]")).to_be_attached(timeout=WAIT)
    run_cell(page, 1)
    want = cell_json(page, 1, "WANT")
    names, rows = want["names"], {int(k): v for k, v in want["rows"].items()}
    canvas = view.locator(".sw-fm-canvas").first
    canvas.scroll_into_view_if_needed()
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = view.locator(".sw-fm-overlay").first.bounding_box()
    shown_rounded = False
    for feature in (1000, 1014, 1021):  # (not the top right: the cell toolbar is there)
        a, b = float((feature - 1000) % 6), float((feature - 1000) // 6)
        x = box["x"] + g["left"] + (a - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
        y = box["y"] + g["top"] + (g["y1"] - b) / (g["y1"] - g["y0"]) * g["height"]
        page.mouse.move(x, y)
        tip = page.locator(f".sw-tip [data-feature='{feature}']")
        expect(tip).to_be_visible(timeout=WAIT)
        exact = page.locator(f".sw-tip [data-feature='{feature}'][data-exact='true']")
        expect(exact).to_be_visible(timeout=WAIT)
        cells = exact.locator("td[data-column]")
        assert cells.count() == len(names)
        for name, value in zip(names, rows[feature], strict=True):
            got = float(exact.locator(f"td[data-column='{name}']").get_attribute("data-value"))
            assert got == value, (feature, name)
        page.mouse.move(box["x"] + 2, box["y"] + 2)  # off the points: the tip goes
        expect(tip).to_be_hidden(timeout=WAIT)
        d = rows[feature][names.index("d")]
        shown_rounded |= float(three_digits(np.array([d], np.float32))[0]) != d
    assert shown_rounded  # the map alone holds d at 3 digits: the exact values came from the kernel
