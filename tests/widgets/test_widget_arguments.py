"""Widget constructors refuse bad feature ids and annotation stores with the package's errors."""

from __future__ import annotations

import numpy as np
import pytest

import saewidgets as sw


@pytest.mark.parametrize("bad", [1.5, True, "3", np.float32(2)])
def test_annotator_queue_ids_are_integers(small_store, tmp_path, bad):
    ann = sw.Annotations(tmp_path / "a.db")
    with pytest.raises(sw.FeatureIndexError, match="integers"):
        sw.Annotator(small_store, ann, queue=[0, bad])
    assert sw.Annotator(small_store, ann, queue=np.array([2, 0])).features == [2, 0]


@pytest.mark.parametrize("make", ["FeatureCard", "Explorer"])
def test_annotations_must_be_an_annotations_store(small_store, tmp_path, make):
    with pytest.raises(sw.AnnotationError, match=r"sw.Annotations\('notes.db'\)"):
        if make == "FeatureCard":
            sw.FeatureCard(small_store, 0, annotations=str(tmp_path / "notes.db"))
        else:
            sw.Explorer(small_store, annotations=str(tmp_path / "notes.db"))
    assert not (tmp_path / "notes.db").exists()
