"""The main job end to end: `saewidgets demo` on the embedded model, small size, and its report
opened in Chromium from index.html, every link followed to a drawn view."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import Page

from saewidgets._cli import main
from saewidgets.autointerp._embedded import EMBEDDED_NAME
from saewidgets.reports._index import VIEWS

VIEW_FILES = [name for name, _, _ in VIEWS]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo") / "report"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["demo", "--out", str(folder), "--n-tokens", "3000", "--explain", "1"])
    assert status == 0
    return folder, out.getvalue()


@pytest.mark.slow
def test_demo_command_writes_store_and_report(demo_run: tuple[Path, str]) -> None:
    folder, out = demo_run
    assert "SmolLM2" in out and "dead features" in out
    assert f"open first: {folder / 'index.html'}" in out
    for name in ("features.parquet", "store/meta.json", "index.html", *VIEW_FILES):
        assert (folder / name).exists(), name
    import saewidgets as sw

    store = sw.FeatureStore.open(folder / "store")
    assert store.n_tokens == 3000 and store.d_sae == 4096
    assert store.meta.hook == "blocks.6.hook_resid_post"
    # one feature explained and scored by the embedded model, in the view and the database
    table = pd.read_csv(folder / "explanations.csv")
    assert len(table) == 1 and table["detection_n"].iat[0] > 0
    stored = sw.Annotations(folder / "annotations.db").explanations(store)
    assert stored["feature"].tolist() == table["feature"].tolist()
    assert stored["model"].tolist() == [EMBEDDED_NAME]
    np.testing.assert_equal(stored["detection"].to_numpy(), table["detection"].to_numpy())
    assert EMBEDDED_NAME in (folder / "explanations.html").read_text(encoding="utf-8")
    said = json.dumps(table["explanation"].iat[0])[1:-1]  # as the exports' JSON holds it
    for view in ("cards.html", "explorer.html"):  # written after the explanations, with them
        assert said in (folder / view).read_text(encoding="utf-8"), view


@pytest.mark.slow
def test_the_index_links_every_view_and_each_link_opens_a_drawn_view(
    demo_run: tuple[Path, str],
    page: Page,  # noqa: F811
) -> None:
    folder, _ = demo_run
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto((folder / "index.html").as_uri())
    links = page.locator("li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert links == VIEW_FILES  # every view, in the order to open them
    assert page.locator("p a").first.get_attribute("href") == "explorer.html"
    for href in links:
        page.goto((folder / "index.html").as_uri())
        page.locator(f'li a[href="{href}"]').click()
        page.wait_for_load_state()
        assert page.url.endswith(href)
        if href.endswith(".txt"):
            assert len(page.inner_text("body").strip().splitlines()) > 3, href
            continue
        page.wait_for_selector("[data-sw-ready]")
        shown = [t for t in page.locator(".sw-error").all_inner_texts() if t.strip()]
        assert not shown, f"{href} shows an error: {shown}"  # a failed boot or view
        drawn = page.evaluate(
            """() => [...document.querySelectorAll(
                 '#saewidgets-root canvas, #saewidgets-root svg, #saewidgets-root table'
               )].filter(e => {
                 const r = e.getBoundingClientRect(); return r.width > 20 && r.height > 20;
               }).length"""
        )
        assert drawn > 0, f"{href}: nothing drawn"


def test_demo_command_rejects_unknown_sae(capsys):
    with pytest.raises(SystemExit):
        main(["demo", "--sae", "gated"])
    assert "invalid choice" in capsys.readouterr().err
