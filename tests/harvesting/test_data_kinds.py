"""harvest reads tables: a datasets.Dataset / IterableDataset, a DataFrame, a list of dicts, from
a text column or a pre-tokenised one; each gives the same tokens as the plain input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting._data import iter_sequences, select_column

N = 400


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


def seqs(lens, data, column=None):
    return [s.tolist() for s in iter_sequences(lens, select_column(data, column), N)]


@pytest.fixture(scope="module")
def rows(lens, texts):
    """Token rows of 24 ids, as a pre-tokenised SAELens dataset holds them."""
    packed = seqs(lens, texts)
    assert len(packed[0]) == 24
    return [r for r in packed if len(r) == 24]


def test_text_tables_pack_like_strings(lens, texts):
    import datasets

    plain = seqs(lens, texts[:40])
    assert sum(map(len, plain)) == N
    records = [{"text": t, "id": i} for i, t in enumerate(texts[:40])]
    frame = pd.DataFrame(records)
    ds = datasets.Dataset.from_list(records)
    for table in (records, frame, ds, ds.to_iterable_dataset()):
        assert seqs(lens, table) == plain, type(table).__name__
    renamed = frame.rename(columns={"text": "body"})
    assert seqs(lens, renamed, column="body") == plain


def test_token_tables_used_row_by_row(lens, rows):
    import datasets

    plain = seqs(lens, torch.tensor(rows))
    for key in ("input_ids", "tokens"):
        records = [{key: r, "text": "ignored"} for r in rows]
        for table in (records, pd.DataFrame(records), datasets.Dataset.from_list(records)):
            assert seqs(lens, table) == plain, (key, type(table).__name__)


def test_harvest_from_dataset_equals_tensor(lens, rows, tmp_path):
    import datasets

    ds = datasets.Dataset.from_dict({"input_ids": rows})
    a = sw.harvest(lens, ds, n_tokens=N, out=tmp_path / "a", progress=False)
    b = sw.harvest(lens, torch.tensor(rows), n_tokens=N, out=tmp_path / "b", progress=False)
    np.testing.assert_array_equal(a.tokens, b.tokens)
    assert a.meta.dataset_fingerprint == b.meta.dataset_fingerprint
    pd.testing.assert_frame_equal(a.features, b.features)


def test_table_errors(lens):
    with pytest.raises(sw.DataError, match=r"None of the columns \['id', 'body'\]"):
        seqs(lens, [{"id": 1, "body": "x"}])
    with pytest.raises(sw.DataError, match="No column 'txt'"):
        seqs(lens, pd.DataFrame({"text": ["a b"]}), column="txt")
    with pytest.raises(sw.DataError, match="applies to tables"):
        seqs(lens, ["a b"], column="text")
    with pytest.raises(sw.DataError, match="Row 1 .* no 'text'"):
        seqs(lens, [{"text": "a b c"}, {"body": "x"}])
