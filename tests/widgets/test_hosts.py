"""Every host: requests over the custom-message channel, and the repr fallbacks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets._base import REQUEST_KIND, RESPONSE_KIND


def message_request(widget: Any, name: str, msg: Any) -> tuple[dict[str, Any], list[Any]]:
    """Send ``name`` the way host.ts does without invoke and return what the widget sent back."""
    sent: list[tuple[dict[str, Any], list[Any]]] = []
    widget.send = lambda content, buffers=None: sent.append((content, list(buffers or [])))
    widget._handle_custom_msg({"kind": REQUEST_KIND, "id": "r1", "name": name, "msg": msg}, [])
    assert len(sent) == 1
    content, buffers = sent[0]
    assert content["kind"] == RESPONSE_KIND and content["id"] == "r1"
    return content["response"], buffers


def test_card_answers_over_custom_messages_as_over_invoke(small_store) -> None:
    f = int(small_store.features["count"].idxmax())
    card = sw.FeatureCard(small_store, f)
    response, buffers = message_request(card, "card", {"feature": f})
    direct, direct_buffers = type(card)._anywidget_commands["card"](card, {"feature": f}, [])
    assert response == direct
    assert [bytes(b) for b in buffers] == [bytes(b) for b in direct_buffers]
    assert response["value"]["feature"] == f and buffers


def test_message_errors_are_answers_not_exceptions(small_store) -> None:
    card = sw.FeatureCard(small_store, 0)
    response, _ = message_request(card, "card", {"feature": small_store.d_sae + 5})
    assert "out of range" in response["error"] or "feature" in response["error"]
    response, _ = message_request(card, "no_such_request", {})
    assert response == {"error": "unknown request 'no_such_request'"}
    response, _ = message_request(card, "_ping", {})
    assert response["value"] is True


def test_other_custom_messages_are_ignored(small_store) -> None:
    card = sw.FeatureCard(small_store, 0)
    sent: list[Any] = []
    card.send = lambda content, buffers=None: sent.append(content)
    card._handle_custom_msg({"kind": "something-else"}, [])
    card._handle_custom_msg([1, 2], [])
    assert sent == []


def test_tokenview_runs_new_text_over_messages(fake_lens) -> None:
    view = sw.TokenView(fake_lens, "a bb")
    response, _ = message_request(view, "run", {"text": "ccc d"})
    assert "error" not in response
    assert view.tokens == ["<bos>", "ccc", " ", "d"]
    assert np.asarray(view.acts).shape[0] == 4


def test_card_repr_and_snapshot(small_store) -> None:
    f = int(small_store.features["count"].idxmax())
    card = sw.FeatureCard(small_store, f)
    data, _ = card._repr_mimebundle_()
    row = small_store.features.loc[f]
    text = data["text/plain"]
    assert text.startswith(f"FeatureCard #{f} — density ")
    assert f"{row['density'] * 100:.3g} %" in text
    frame = small_store.top_examples(f, n=1)
    strongest = frame["tokens"][0][int(frame["max_index"][0])]
    assert repr(strongest) in text
    # every distinct token of the stored top examples (up to 6), with how many it holds
    top = small_store.top_examples(f, window=(0, 0))
    at = [tokens[int(i)] for tokens, i in zip(top["tokens"], top["max_index"], strict=True)]
    want = list(dict.fromkeys(at))[:6]
    listed = ", ".join(f"{t!r} ×{at.count(t)}" for t in want)
    assert f"top {len(top)} examples on {listed}" in text
    assert len(want) > 1 and text.count(" ×") == len(want)
    page = data["text/html"]
    assert "<script" not in page and "<svg" in page
    assert f"Feature {f}" in page and f"{int(row['count']):,}" in page
    assert "application/vnd.jupyter.widget-view+json" in data


def test_snapshot_escapes_labels(small_store, tmp_path) -> None:
    notes = sw.Annotations(tmp_path / "a.db")
    notes.set(small_store, 1, label="<img src=x onerror=alert(1)>")
    card = sw.FeatureCard(small_store, 1, annotations=notes)
    page = card._repr_mimebundle_()[0]["text/html"]
    assert "<img" not in page and "&lt;img src=x" in page


def test_first_feature_is_in_the_synced_state(small_store) -> None:
    f = int(small_store.features["count"].idxmax())
    card = sw.FeatureCard(small_store, f)
    state = card.get_state()
    assert state["initial_card"]["feature"] == f
    response, _ = type(card)._anywidget_commands["card"](card, {"feature": f}, [])
    assert response["value"]["stats"] == state["initial_card"]["stats"]


def test_map_grid_and_tokenview_snapshots(small_store, fake_lens) -> None:
    fmap = sw.FeatureMap(small_store)
    data = fmap._repr_mimebundle_()[0]
    n_dead = int(small_store.features["dead"].sum())
    assert data["text/plain"].startswith(
        f"FeatureMap — {small_store.d_sae:,} features ({n_dead:,} dead"
    )
    live = small_store.d_sae - n_dead
    # three panels, one circle per live feature in each
    assert data["text/html"].count("<circle") == 3 * live and "<script" not in data["text/html"]

    grid = sw.GeometryGrid(small_store)
    data = grid._repr_mimebundle_()[0]
    pairs = int(grid.grid.count.sum())
    assert f"{pairs:,} pairs" in data["text/plain"]
    assert pairs == grid.grid.n_live * (grid.grid.n_live - 1) // 2
    page = data["text/html"]
    assert page.count("<rect") == grid.grid.count.size and "co-occurrence" in page

    view = sw.TokenView(fake_lens, "a bb <b>")
    data = view._repr_mimebundle_()[0]
    assert (
        data["text/plain"]
        == f"TokenView — 6 tokens; features {', '.join(f'#{f}' for f in view.features)}"
    )
    assert "&lt;b&gt;" in data["text/html"] and "<b>&lt;" not in data["text/html"]


def packed_keys(block: str) -> list[str]:
    """The request keys of a packed block (``_export.pack_block``), decoded independently."""
    import base64
    import gzip
    import json

    raw = gzip.decompress(base64.b64decode(block))
    n = int.from_bytes(raw[:4], "little")
    return [key for key, _, _ in json.loads(raw[4 : 4 + n].decode("utf-8"))]


def test_explorer_export_has_a_card_for_every_live_feature(small_store, tmp_path) -> None:
    import json

    from saewidgets.widgets.export._html import block_of, request_key

    ex = sw.Explorer(small_store, grid=False)
    live = [int(f) for f in small_store.features.index[~small_store.features["dead"]]]
    estimate = ex.export_size()
    path = ex.to_html(tmp_path / "ex.html")
    assert abs(estimate - path.stat().st_size) < 0.02 * path.stat().st_size
    page = path.read_text(encoding="utf-8")
    start = page.index('id="saewidgets-data">') + len('id="saewidgets-data">')
    data = json.loads(page[start : page.index("</script>", start)])
    responses = {k for c in data["widgets"].values() for k in c["responses"]}
    blocks = [b for c in data["widgets"].values() for b in c["packed"]]
    packed = {k: i for i, b in enumerate(blocks) for k in packed_keys(b)}
    assert {request_key("card", {"feature": f}) for f in live} <= responses | set(packed)
    assert len(packed) >= len(live) - 1  # only the shown feature's full card is recorded
    assert all(block_of(k, len(blocks)) == i for k, i in packed.items())


def test_density_spread_takes_every_decile() -> None:
    import pandas as pd

    from saewidgets.reports._report import density_spread

    density = np.linspace(1.0, 0.001, 200)
    dead = np.zeros(200, bool)
    dead[::7] = True
    frame = pd.DataFrame({"density": density, "dead": dead}, index=np.arange(1000, 1200))
    picks = density_spread(frame, 20)
    live = frame[~frame["dead"]].sort_values("density", ascending=False).index.to_list()
    ranks = [live.index(f) for f in picks]
    assert len(picks) == 20 and len(set(picks)) == 20 and not frame.loc[picks, "dead"].any()
    deciles = [r * 10 // len(live) for r in ranks]
    assert sorted(deciles) == sorted(list(range(10)) * 2)
    assert ranks == sorted(ranks)
    assert [live.index(f) * 5 // len(live) for f in density_spread(frame, 5)] == [0, 1, 2, 3, 4]
    assert density_spread(frame, 1000) == live


def test_features_describe_has_no_warnings(small_store) -> None:
    import warnings

    frame = small_store.features
    assert frame["dead"].any()  # the dead features are what used to warn
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = frame.describe()
    live = frame.loc[~frame["dead"], "log10_density"]
    assert table.loc["mean", "log10_density"] == pytest.approx(live.mean(), rel=1e-12)
    assert table.loc["count", "log10_density"] == len(live)


def test_logit_weights_repr_and_summary_seed_lines(small_store) -> None:
    from saewidgets.analysis._summary import SEED_001, SEED_002, summary_text

    f = int(small_store.features["count"].idxmax())
    lw = small_store.logit_weights(f, k=6)
    text = repr(lw)
    assert text.startswith(f"LogitWeights(feature {f}; top: {lw.top_tokens[0]!r} ")
    assert f"{float(lw.bottom_values[0]):+.3g}" in text and text.endswith(", …)")
    assert "array(" not in text
    summary = summary_text(small_store, progress=False)
    assert SEED_001 in summary and SEED_002 in summary


def test_embed_minimal_html_holds_the_first_feature(small_store, tmp_path) -> None:
    """``embed_minimal_html(..., drop_defaults=False)`` writes the card's state, first feature
    included (its examples too), so the page draws it once the CDN's manager loads."""
    import json
    import re

    from ipywidgets.embed import embed_minimal_html

    f = int(small_store.features["count"].idxmax())
    card = sw.FeatureCard(small_store, f)
    path = tmp_path / "embed.html"
    embed_minimal_html(path, views=[card], drop_defaults=False)
    page = path.read_text(encoding="utf-8")
    block = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', page, re.S
    )
    assert block is not None
    models = json.loads(block.group(1))["state"]
    ours = models[card.model_id]
    assert ours["model_module"] == "anywidget" and ours["state"]["_esm"]
    first = ours["state"]["initial_card"]
    assert first["feature"] == f and first["stats"]["count"] == small_store.features["count"][f]
    top = small_store.top_examples(f)
    assert set(first["examples"]["strings"]) >= {t for row in top["tokens"] for t in row}
    assert ours.get("buffers")  # the binary arrays travel base64-encoded beside the state
    view = re.search(
        r'<script type="application/vnd.jupyter.widget-view\+json">(.*?)</script>', page, re.S
    )
    assert view is not None and json.loads(view.group(1))["model_id"] == card.model_id

    # with the defaults, the code itself is dropped: why that page says "Class null not found"
    embed_minimal_html(path, views=[card])
    block = re.search(
        r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
        path.read_text(encoding="utf-8"),
        re.S,
    )
    assert block is not None
    assert "_esm" not in json.loads(block.group(1))["state"][card.model_id]["state"]
