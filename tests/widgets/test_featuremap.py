from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import traitlets

import saewidgets as sw
from saewidgets import DataError
from saewidgets.widgets._featuremap import DEAD, DENSE, NO_COLOUR, ULTRA_RARE


def _frame(n: int = 50) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    ld = rng.normal(-3, 1, n)
    ld[:5] = -np.inf
    return pd.DataFrame(
        {
            "log10_density": ld,
            "enc_bias": rng.normal(0, 1, n),
            "de_projection": rng.uniform(-1, 1, n),
        },
        index=np.arange(100, 100 + n),
    )


def test_store_map_carries_every_feature_and_its_flags(small_store) -> None:
    fmap = sw.FeatureMap(small_store)
    f = small_store.features
    assert fmap.ids.tolist() == list(range(small_store.d_sae))
    live = ~f["dead"].to_numpy()
    np.testing.assert_allclose(fmap.coords[live, 0], f["log10_density"][live], rtol=1e-6)
    np.testing.assert_allclose(fmap.coords[:, 1], f["enc_bias"], rtol=1e-6)
    np.testing.assert_allclose(fmap.coords[:, 2], f["de_projection"], rtol=1e-6)
    assert ((fmap.flags & DEAD) > 0).tolist() == f["dead"].tolist()
    assert ((fmap.flags & DENSE) > 0).tolist() == f["dense"].tolist()
    assert ((fmap.flags & ULTRA_RARE) > 0).tolist() == f["ultra_rare"].tolist()
    # coloured by log density by default: dead features have no value and say so
    assert ((fmap.flags & NO_COLOUR) > 0).tolist() == f["dead"].tolist()
    # every numeric column travels once, in the schema's order; flags stay bits
    names = [c["name"] for c in fmap.columns]
    assert names[:6] == ["density", "count", "max_act", "mean_act", "enc_bias", "de_projection"]
    numeric = [c for c in f.columns if f[c].dtype.kind in "iuf"]
    assert sorted(names) == sorted(numeric)
    np.testing.assert_allclose(fmap.table, f[names].to_numpy(np.float32), rtol=1e-6)
    wire = sum(a.nbytes for a in (fmap.ids, fmap.flags)) + len(fmap.wire["data"])
    assert wire / small_store.d_sae <= 4 * (len(names) + 1) + 1
    assert "table" not in fmap.data_traits()  # the view gets the compressed wire instead


def test_dataframe_map_with_density_column_colour_and_pair() -> None:
    frame = _frame().assign(max_act=np.arange(50.0))
    frame = frame.assign(density=10.0 ** frame.pop("log10_density"))
    fmap = sw.FeatureMap(frame, color="max_act", x="enc_bias", y="de_projection")
    assert fmap.panels == [[0, 1]] and fmap.axes == ["enc_bias", "de_projection"]
    assert fmap.color_name == "max_act"
    np.testing.assert_array_equal(fmap.colour, np.arange(50.0, dtype=np.float32))
    assert int((fmap.flags & DEAD).astype(bool).sum()) == 5
    single = sw.FeatureMap(_frame(), x="log10_density", y="enc_bias")
    assert single.color_name == "de_projection"  # the third axis
    user = sw.FeatureMap(_frame(), color=np.linspace(0, 1, 50))
    assert user.color_name == "color" and user.colour[-1] == 1.0


def test_bad_input_is_rejected() -> None:
    with pytest.raises(TypeError, match="unexpected keyword"):
        sw.FeatureMap(_frame(), colour="enc_bias")  # type: ignore[call-arg]
    with pytest.raises(DataError, match="missing"):
        sw.FeatureMap(_frame().drop(columns="enc_bias"))
    with pytest.raises(DataError, match="not a column"):
        sw.FeatureMap(_frame(), color="nope")
    with pytest.raises(DataError, match="one value per feature"):
        sw.FeatureMap(_frame(), color=[1.0, 2.0])
    with pytest.raises(ValueError, match="both x and y"):
        sw.FeatureMap(_frame(), x="enc_bias")
    bad = _frame()
    bad.loc[120, "enc_bias"] = np.nan
    with pytest.raises(DataError, match=r"\[120\]"):
        sw.FeatureMap(bad)


def test_selected_is_validated_and_labels_come_from_annotations(small_store, tmp_path) -> None:
    fmap = sw.FeatureMap(_frame(), annotations={101: "rare one"})
    assert fmap.labels == {"101": "rare one"}
    fmap.selected = [103, 101, 103]
    assert fmap.selected == [103, 101]
    with pytest.raises(traitlets.TraitError, match="not on the map"):
        fmap.selected = [7]
    ann = sw.Annotations(tmp_path / "ann.db")
    ann.set(small_store, 3, label="capitals")
    assert sw.FeatureMap(small_store, annotations=ann).labels == {"3": "capitals"}
    with pytest.raises(DataError, match="FeatureStore"):
        sw.FeatureMap(_frame(), annotations=ann)


def test_ids_in_box_matches_a_direct_filter() -> None:
    frame = _frame()
    fmap = sw.FeatureMap(frame)
    got = fmap.ids_in_box("log10_density", "enc_bias", (-4, -2), (-0.5, 1.0))
    f = frame[np.isfinite(frame.log10_density)]
    want = f[f.log10_density.between(-4, -2) & f.enc_bias.between(-0.5, 1.0)].index.tolist()
    assert got == want and len(want) > 3
    all_dead = fmap.ids_in_box("enc_bias", "de_projection", (-9, 9), (-1, 1))
    assert len(all_dead) == 50  # off the density axis, dead features have places too


def test_colour_by_annotation_status(small_store, tmp_path) -> None:
    ann = sw.Annotations(tmp_path / "labels.db")
    ann.set(small_store, 2, status="interpretable")
    ann.set(small_store, 5, status="dead", label="gone")
    fm = sw.FeatureMap(small_store, color="status", annotations=ann)
    colour, flags = np.asarray(fm.colour), np.asarray(fm.flags)
    assert colour[2] == 1.0 and colour[5] == 3.0
    assert not flags[2] & 8 and not flags[5] & 8
    assert all(flags[i] & 8 for i in (0, 1, 3, 4)), "unannotated features have no colour"
    assert fm.color_name == "status"
    status = next(c for c in fm.columns if c["name"] == "status")
    assert status["help"].startswith("annotation status: 0 unreviewed")
    with pytest.raises(sw.DataError, match="Annotations"):
        sw.FeatureMap(small_store, color="status")


def test_any_numeric_column_is_an_axis_and_a_new_column_is_shown() -> None:
    frame = _frame().assign(max_act=np.linspace(0, 5, 50), my_score=np.arange(50) % 7)
    fmap = sw.FeatureMap(frame, x="max_act", y="my_score")
    assert fmap.axes == ["max_act", "my_score"] and fmap.color_name == "log10_density"
    mine = next(c for c in fmap.columns if c["name"] == "my_score")
    assert mine == {"name": "my_score", "label": "my score", "help": "", "format": "float",
                    "axis": True, "card": True}  # fmt: skip
    np.testing.assert_array_equal(fmap.coords, frame[["max_act", "my_score"]].to_numpy(np.float32))
    got = fmap.ids_in_box("max_act", "my_score", (1.0, 4.0), (2, 5))
    want = frame[frame.max_act.between(1.0, 4.0) & frame.my_score.between(2, 5)].index.tolist()
    assert got == want and len(want) > 3
    with pytest.raises(DataError, match="numeric"):
        sw.FeatureMap(frame.assign(word="a"), x="word", y="max_act")


def test_snapshot_colour_runs_blue_to_red_over_the_values_and_says_so(small_store) -> None:
    import re

    fmap = sw.FeatureMap(small_store)
    assert fmap.color_name == "log10_density"
    html = fmap._snapshot_html()
    live = small_store.features[~small_store.features["dead"]]
    lo, hi = live["log10_density"].min(), live["log10_density"].max()
    assert hi < 0  # log10 density is always negative: a scale centred on 0 never reaches red
    from saewidgets.widgets.export._snapshot import fmt

    assert f"blue {fmt(lo)} (lowest)" in html and f"red {fmt(hi)} (highest)" in html
    fills = [tuple(map(int, c)) for c in re.findall(r'fill="rgb\((\d+),(\d+),(\d+)\)"', html)]
    assert len(fills) == 3 * len(live)
    assert any(r == 255 and g <= 51 for r, g, _ in fills)  # the densest: full red
    assert any(b == 255 and r <= 51 for r, _, b in fills)  # the sparsest: full blue
    assert "blue low, red high" not in html


def test_row_request_answers_the_exact_row(small_store) -> None:
    from tests.widgets.test_featurecard import call

    fmap = sw.FeatureMap(small_store)
    names = [c["name"] for c in fmap.columns]
    dense = small_store.features[names].to_numpy(np.float32)  # the reference, as float32
    for f in (0, 7, small_store.d_sae - 1):
        got = call(fmap, "row", {"feature": f})
        assert got["feature"] == f
        np.testing.assert_array_equal(got["values"], dense[f])
    assert "not on the map" in call(fmap, "row", {"feature": small_store.d_sae})["error"]
