from __future__ import annotations

import struct
import zlib

import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc

import saewidgets as sw


def _png_stats(chart) -> tuple[tuple[int, int], int]:
    """(width, height) of the PNG vl-convert renders, and the number of distinct bytes in its
    decompressed image data (1-2 for a blank image)."""
    png = vlc.vegalite_to_png(chart.to_json(), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    pos, idat = 8, b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        if png[pos + 4 : pos + 8] == b"IDAT":
            idat += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return (width, height), len(set(zlib.decompress(idat)))


def test_featuremap_figure_samples_and_says_so() -> None:
    rng = np.random.default_rng(0)
    n = 6000
    frame = pd.DataFrame(
        {"log10_density": rng.normal(-3, 1, n), "enc_bias": rng.normal(0, 1, n),
         "de_projection": rng.uniform(-1, 1, n)}
    )  # fmt: skip
    frame.loc[:9, "log10_density"] = -np.inf
    chart = sw.FeatureMap(frame).to_altair(max_points=2000)
    spec = chart.to_dict()
    assert (
        spec["title"] == "5,990 live features (10 dead not shown); uniform sample of 2,000 points"
    )
    (w, h), colours = _png_stats(chart)
    assert w > 600 and h > 200 and colours > 100


def test_grid_figure_renders(small_store) -> None:
    view = sw.GeometryGridView(small_store, output_bins=8)
    chart = view.to_altair()
    data = next(iter(chart.to_dict()["datasets"].values()))
    assert sum(d["pairs"] for d in data) == int(view.count.sum())
    (w, h), colours = _png_stats(chart)
    assert w > 500 and h > 200 and colours > 100


def test_svg_export_works(small_store, tmp_path) -> None:
    path = tmp_path / "grid.svg"
    sw.GeometryGridView(small_store, output_bins=8).to_altair().save(str(path))
    assert path.read_text().startswith("<svg")


def test_card_figure_shows_the_cards_numbers(small_store) -> None:
    f = int(small_store.features["count"].idxmax())
    chart = sw.FeatureCard(small_store, f).to_altair()
    spec = chart.to_dict()
    row = small_store.features.loc[f]
    assert spec["title"]["text"] == f"Feature {f}"
    stats, source = spec["title"]["subtitle"]
    assert f"density {row['density']:.3g}" in stats and f"max act {row['max_act']:.3g}" in stats
    assert f"D/E projection {row['de_projection']:.3g}" in stats and "tokens" in source
    hist, logits = (spec["datasets"][panel["data"]["name"]] for panel in spec["hconcat"])
    assert sum(b["count"] for b in hist) == int(row["count"]) > 0  # every non-zero activation
    assert max(b["hi"] for b in hist) == pytest.approx(row["max_act"], rel=1e-5)
    lw = small_store.logit_weights(f, k=10)
    labels = [d["token"] for d in logits]
    assert len(set(labels)) == 20  # one bar per token, even where two print the same
    assert [s.split(" #")[0] for s in labels] == [repr(t) for t in lw.top_tokens + lw.bottom_tokens]
    assert [d["logit"] for d in logits[:10]] == pytest.approx(lw.top_values.tolist(), rel=1e-6)
    (w, h), colours = _png_stats(chart)
    assert w > 600 and h > 250 and colours > 100


def test_card_figure_title_has_the_label(small_store, tmp_path) -> None:
    notes = sw.Annotations(tmp_path / "notes.db")
    notes.set(small_store, 3, label="commas")
    chart = sw.FeatureCard(small_store, 3, annotations=notes).to_altair()
    assert chart.to_dict()["title"]["text"] == "Feature 3: commas"


def test_a_new_column_reaches_the_figures(small_store) -> None:
    store = sw.FeatureStore.open(small_store.path)
    store.features["novelty_score"] = np.arange(store.d_sae, dtype=float)
    f = int(store.features["count"].idxmax())
    stats, _ = sw.FeatureCard(store, f).to_altair().to_dict()["title"]["subtitle"]
    assert f"novelty score {float(f):.3g}" in stats
    fmap = sw.FeatureMap(store, x="novelty_score", y="enc_bias", color="novelty_score")
    spec = fmap.to_altair().to_dict()
    enc = spec["hconcat"][0]["encoding"]
    assert enc["x"]["field"] == "novelty_score" and enc["x"]["title"] == "novelty score"
    assert enc["color"]["field"] == "novelty_score"
    assert "novelty_score" in [t["field"] for t in enc["tooltip"]]
