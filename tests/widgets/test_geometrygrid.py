from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets._carddata import NEIGHBOUR_KINDS
from saewidgets.widgets._codecs import extract_buffers
from saewidgets.widgets._geometrygrid import cluster_order
from saewidgets.widgets.export._html import export_payload, request_key


@pytest.fixture(scope="module")
def view(small_store):
    return sw.GeometryGridView(small_store, measure="lift", output_bins=8)


def test_grid_traits_are_the_analysis_grid(view, small_store) -> None:
    grid = small_store.geometry_grid(measure="lift", output_bins=8, progress=False)
    np.testing.assert_array_equal(view.count, grid.count)
    filled = grid.count > 0
    np.testing.assert_allclose(view.mean_cos[filled], grid.mean_cos[filled], rtol=1e-5)
    assert (view.mean_cos[~filled] == 0).all()
    assert view.row_labels == grid.row_labels
    assert view.n_live + view.n_dead == small_store.d_sae
    q = grid.quadrants()
    for row in view.quadrants:
        assert row["pairs"] == q.loc[row["output"], ("pairs", row["cooccurrence"])]
        want = q.loc[row["output"], ("mean_cos", row["cooccurrence"])]
        assert row["mean_cos"] == pytest.approx(want)
    assert sum(r["pairs"] for r in view.quadrants) == grid.count.sum()


def test_cell_pairs_are_the_cells_top_pairs_strongest_first(view) -> None:
    r, c = np.unravel_index(np.argmax(view.count), view.count.shape)
    pairs = view.cell_pairs(int(r), int(c))
    tp = view.grid.top_pairs
    cell = tp[(tp.row == r) & (tp.col == c)]
    assert {(p["feature_a"], p["feature_b"]) for p in pairs} == set(
        zip(cell.feature_a, cell.feature_b, strict=True)
    )
    strength = [abs(p["cosine"]) for p in pairs]
    assert strength == sorted(strength, reverse=True) and len(pairs) > 0


def test_selection_heatmaps_are_clustered_geometry(small_store) -> None:
    ids = [5, 1, 17, 40, 33, 2, 60, 9]
    view = sw.GeometryGridView.for_features(small_store, ids, output_bins=8)
    assert sorted(view.features) == sorted(ids)
    geo = small_store.geometry(view.features)
    np.testing.assert_allclose(view.sel_cosine, geo.cosine, atol=1e-6)
    np.testing.assert_array_equal(view.sel_cooc, geo.cooc_count)
    np.testing.assert_allclose(view.sel_output, np.nan_to_num(geo.output_sim), atol=1e-6)
    co = geo.cooc_count > 0
    np.testing.assert_allclose(view.sel_lift[co], np.log10(geo.lift[co]), rtol=1e-5)
    view.show_features([])
    assert view.features == [] and view.sel_cosine.shape == (0, 0)
    with pytest.raises(sw.FeatureIndexError):
        view.show_features([10_000])


def test_cluster_order_groups_similar_directions() -> None:
    # two blocks of mutually similar features, interleaved
    cos = np.full((6, 6), -0.2)
    for block in ([0, 2, 4], [1, 3, 5]):
        cos[np.ix_(block, block)] = 0.9
    np.fill_diagonal(cos, 1.0)
    order = cluster_order(cos).tolist()
    assert sorted(order[:3]) in ([0, 2, 4], [1, 3, 5])


def test_export_records_every_cells_pairs(view) -> None:
    payload = export_payload(view)
    for r, c in zip(*np.nonzero(view.count), strict=True):
        key = request_key("pairs", {"row": int(r), "col": int(c)})
        assert payload["responses"][key]["response"]["value"] == view.cell_pairs(int(r), int(c))
    first = view.cell_pairs(*map(int, np.argwhere(view.count > 0)[0]))[0]
    card = payload["responses"][request_key("card", {"feature": first["feature_a"]})]
    # the compact card, as in the Explorer's export: top examples and logits, no neighbours
    value = card["response"]["value"]
    assert value["feature"] == first["feature_a"] and value["stats"]
    assert all("error" in value["neighbours"][k] for k in NEIGHBOUR_KINDS)
    compact = extract_buffers(view._service.compact(first["feature_a"]))
    assert value == compact[0] and len(card["buffers"]) == len(compact[2])


def test_public_names_of_the_grid(small_store) -> None:
    import saewidgets as sw

    assert sw.GeometryGrid is sw.GeometryGridView  # the design's widget name
    assert isinstance(small_store.geometry_grid(progress=False), sw.PairGrid)
