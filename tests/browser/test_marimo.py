"""marimo (``marimo run`` and ``marimo edit``): the card draws its examples and requests reach
Python through the custom-message channel (marimo refuses anywidget's invoke); a click in the map
opens the card; the Explorer and the Annotator (composed of child widgets) draw, and the
Explorer's map opens its card; a status key updates the Annotator's "N / M reviewed" at once; a
TokenView's live text box re-runs the Lens (marimo's model fires only single-event subscriptions,
see tests/widgets/test_js_events.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import REPO, _free_port

WAIT = 60_000  # ms: marimo starts a kernel and runs every cell first

APP = """
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import saewidgets as sw

    store = sw.FeatureStore.open({store!r})
    fmap = sw.FeatureMap(store, x="log10_density", y="enc_bias")
    card = sw.FeatureCard(store, {first})
    fmap.observe(lambda change: setattr(card, "feature", change["new"]), "clicked")
    return card, fmap, mo, store, sw


@app.cell
def _(card, mo):
    mo.ui.anywidget(card)
    return


@app.cell
def _(fmap, mo):
    mo.ui.anywidget(fmap)
    return


@app.cell
def _(mo, store, sw):
    explorer = sw.Explorer(store)
    mo.ui.anywidget(explorer)
    return


@app.cell
def _(mo, store, sw):
    tool = sw.Annotator(store, sw.Annotations({notes!r}), queue=[{first}, {second}])
    mo.ui.anywidget(tool)
    return


@app.cell
def _(mo, sw):
    import pathlib
    from tests import helpers

    tmp = pathlib.Path({root!r})
    model = helpers.build_model(helpers.build_tokenizer(tmp / "tok"))
    lens = sw.Lens(model, helpers.write_sae(tmp / "sae"))
    view = sw.TokenView(lens, "the cat sat")
    mo.ui.anywidget(view)
    return


if __name__ == "__main__":
    app.run()
"""


@pytest.fixture(scope="module", params=["run", "edit"])
def marimo_app(request, small_store, tmp_path_factory) -> Iterator[tuple[str, int]]:
    """``marimo run`` (or ``edit``) of an app with a FeatureCard, a FeatureMap, an Explorer, an
    Annotator and a live TokenView; yields the URL and the Annotator's first feature."""
    mode = request.param
    root = tmp_path_factory.mktemp(f"marimo-{mode}")
    first = int(small_store.features["count"].idxmax())
    app = root / "app.py"
    second = int(small_store.features["count"].nlargest(2).index[-1])
    notes = str(root / "notes.db")
    app.write_text(
        textwrap.dedent(
            APP.format(
                store=str(small_store.path), first=first, second=second, notes=notes, root=str(root)
            )
        )
    )
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "MARIMO_SKIP_UPDATE_CHECK": "1",
        "HOME": str(root),
    }
    log = (root / "marimo.log").open("w")
    cmd = [sys.executable, "-m", "marimo", mode, str(app), "--headless", "--no-token"]
    extra = ["--no-check"] if mode == "run" else []
    (root / ".marimo.toml").write_text("[runtime]\nauto_instantiate = true\n")  # edit: run all
    server = subprocess.Popen(
        [*cmd, "--port", str(port), "--host", "127.0.0.1", "--no-sandbox", *extra],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    text = Path(log.name).read_text()
                    raise RuntimeError(f"marimo did not start: {text}") from None
                time.sleep(0.5)
        yield url, first
        assert "Model not found" not in Path(log.name).read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _click_feature(page: Page, scope: Locator, frame, target: int) -> None:
    """Click ``target``'s point in the first (log10 density x encoder bias) panel of ``scope``."""
    canvas = scope.locator(".sw-fm-canvas").first
    canvas.scroll_into_view_if_needed()
    g = {k: float(v) for k, v in canvas.evaluate("c => ({...c.dataset})").items()}
    box = scope.locator(".sw-fm-overlay").first.bounding_box()
    assert box is not None
    row = frame.loc[target]
    sx = g["left"] + (row.log10_density - g["x0"]) / (g["x1"] - g["x0"]) * g["width"]
    sy = g["top"] + g["height"] - (row.enc_bias - g["y0"]) / (g["y1"] - g["y0"]) * g["height"]
    page.mouse.click(box["x"] + sx, box["y"] + sy)


def _open(page: Page, url: str, first: int) -> None:
    """Open the app and wait until the Annotator shows its first card and the last cell's
    TokenView its tokens, so the kernel has run every cell before the test clicks (marimo drops
    a widget's messages sent while a cell runs)."""
    page.goto(url)
    tool = page.locator(".sw-annotator-tool")
    expect(tool.get_by_test_id("title")).to_have_text(f"Feature #{first}", timeout=WAIT)
    tokens = page.locator(".sw-tokenview").get_by_test_id("tokens").locator(".sw-tok")
    expect(tokens).not_to_have_count(0, timeout=WAIT)


def test_card_and_map_work_in_marimo(page: Page, marimo_app, small_store) -> None:
    url, first = marimo_app
    _open(page, url, first)
    card = page.locator(".sw-card").first  # the standalone card: the first cell's output
    title = card.get_by_test_id("title")
    expect(title).to_have_text(f"Feature #{first}", timeout=WAIT)
    examples = card.locator(".sw-group-top .sw-example")
    n_top = len(small_store.top_examples(first))
    expect(examples).to_have_count(n_top, timeout=WAIT)

    # "next" is a request answered by Python over custom messages (invoke is refused here)
    card.get_by_test_id("next").click()
    expect(title).to_have_text(f"Feature #{first + 1}", timeout=WAIT)
    assert page.get_by_role("alert").filter(has_text="invoke").count() == 0

    # a click on a live point of the map: clicked reaches Python, which sets the card's feature
    page.wait_for_selector("[data-painted]", timeout=WAIT)
    frame = small_store.features
    target = int(frame[~frame["dead"]].sort_values("enc_bias").index[-1])  # topmost point
    _click_feature(page, page.locator(".sw-featuremap").first, frame, target)
    expect(title).to_have_text(f"Feature #{target}", timeout=WAIT)
    n_target = len(small_store.top_examples(target))
    expect(examples).to_have_count(n_target, timeout=WAIT)


def test_explorer_and_annotator_work_in_marimo(page: Page, marimo_app, small_store) -> None:
    url, first = marimo_app
    _open(page, url, first)
    explorer = page.locator(".sw-explorer")
    expect(explorer.locator("[data-painted]").first).to_be_attached(timeout=WAIT)
    frame = small_store.features
    target = int(frame[~frame["dead"]].sort_values("enc_bias").index[0])  # lowest point
    _click_feature(page, explorer, frame, target)
    card = explorer.locator(".sw-card")
    expect(card.get_by_test_id("title")).to_have_text(f"Feature #{target}", timeout=WAIT)
    n_target = len(small_store.top_examples(target))
    expect(card.locator(".sw-group-top .sw-example")).to_have_count(n_target, timeout=WAIT)

    tool = page.locator(".sw-annotator-tool")
    expect(tool.get_by_test_id("progress")).to_contain_text("1", timeout=WAIT)
    expect(tool.get_by_test_id("title")).to_have_text(f"Feature #{first}", timeout=WAIT)
    n_first = len(small_store.top_examples(first))
    expect(tool.locator(".sw-group-top .sw-example")).to_have_count(n_first, timeout=WAIT)
    assert page.get_by_role("alert").filter(has_text="invoke").count() == 0


def test_annotator_count_and_tokenview_live_edit_in_marimo(page: Page, marimo_app) -> None:
    url, first = marimo_app
    logs: list[str] = []
    page.on("console", lambda m: logs.append(m.text))
    _open(page, url, first)
    tool = page.locator(".sw-annotator-tool")
    progress = tool.get_by_test_id("progress")
    expect(progress).to_have_text("0 / 2 reviewed · #1 of 2", timeout=WAIT)
    tool.get_by_test_id("card").focus()
    page.keyboard.press("2")  # a status: the count follows at once, not on the next move
    expect(progress).to_have_text("1 / 2 reviewed · #1 of 2", timeout=WAIT)

    view = page.locator(".sw-tokenview")
    tokens = view.get_by_test_id("tokens")
    before = tokens.inner_text()
    box = view.get_by_role("textbox", name="Text to run")
    box.fill("a dog ran<pad> far away")
    expect(tokens).to_contain_text("dog", timeout=WAIT)
    assert tokens.inner_text() != before
    # BOS and the PAD typed in the text: special tokens, drawn grey (the `special` trait)
    expect(tokens.locator(".sw-bos")).to_have_text(["<bos>", "<pad>"], timeout=WAIT)
    assert not [m for m in logs if "Model not found" in m]
