from __future__ import annotations

import struct
import zlib

import numpy as np
import pandas as pd
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
