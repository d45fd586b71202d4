"""Text is packed into sequences exactly as SAELens's own ActivationsStore packs a text dataset
(its ``_iterate_tokenized_sequences``, run here on a real ``datasets.Dataset``, with the SAE's
separator and concatenation settings), except that the last, shorter sequence is kept."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting._data import iter_sequences
from tests import helpers


def documents() -> list[str]:
    """Documents of many lengths, so documents end at, and separators fall on, every offset."""
    words = " ".join(helpers.corpus()).split()
    rng = np.random.default_rng(0)
    out, at = [], 0
    for n in rng.integers(1, 30, size=120):
        out.append(" ".join(words[at : at + n]))
        at += int(n)
    return out


def saelens_sequences(model, texts: list[str], context: int, prepend_bos: bool, **settings) -> list:
    from datasets import Dataset
    from sae_lens.training.activations_store import ActivationsStore

    store = ActivationsStore(
        model=model,
        dataset=Dataset.from_dict({"text": texts}),
        streaming=False,
        hook_name="blocks.0.hook_resid_post",
        hook_head_index=None,
        context_size=context,
        d_in=model.cfg.d_model,
        n_batches_in_buffer=2,
        total_training_tokens=10_000,
        store_batch_size_prompts=4,
        train_batch_size_tokens=64,
        prepend_bos=prepend_bos,
        normalize_activations="none",
        device=torch.device("cpu"),
        dtype="float32",
        **settings,
    )
    return [t.numpy() for t in store._iterate_tokenized_sequences()]


def with_metadata(folder, **settings):
    """``folder``'s cfg.json with ``settings`` in its metadata, where SAELens's trainer writes
    them."""
    cfg = json.loads((folder / "cfg.json").read_text())
    cfg["metadata"].update(settings)
    (folder / "cfg.json").write_text(json.dumps(cfg))
    return folder


SETTINGS = {
    "defaults": (True, {}),
    "no_bos": (False, {}),
    "no_separator": (True, {"sequence_separator_token": None}),
    "pad_separator": (True, {"sequence_separator_token": 1}),
    "one_per_document": (True, {"disable_concat_sequences": True}),
}


@pytest.mark.parametrize("case", list(SETTINGS))
def test_packing_equals_saelens_activations_store(model, tmp_path, case):
    """The SAE's SAELens training settings (in its cfg.json) given to both sides."""
    prepend_bos, settings = SETTINGS[case]
    texts, context = documents(), 16
    sae = with_metadata(
        helpers.write_sae(tmp_path / "sae", prepend_bos=prepend_bos, context_size=context),
        **settings,
    )
    ours = list(iter_sequences(sw.Lens(model, sae), texts, None))
    with pytest.warns(UserWarning, match="not tokenized"):
        theirs = saelens_sequences(model, texts, context, prepend_bos, **settings)
    one = settings.get("disable_concat_sequences", False)
    assert len(theirs) > 50 and len(ours) == len(theirs) + (not one)
    for a, b in zip(ours, theirs, strict=False):
        np.testing.assert_array_equal(a, b)
    if not one:
        assert 0 < len(ours[-1]) < context  # kept here, dropped by SAELens
    bos = model.tokenizer.bos_token_id
    assert all(s[0] == bos for s in ours) or not prepend_bos
    sep = {"no_separator": None, "pad_separator": 1}.get(case, bos)
    if not one and sep is not None:
        assert any(s[-1] == sep for s in ours), "a separator must fall on a last slot"


def test_unknown_separator_is_refused(model, tmp_path):
    sae = with_metadata(helpers.write_sae(tmp_path / "sae"), sequence_separator_token="newline")
    with pytest.raises(sw.DataError, match="sequence_separator_token is 'newline'"):
        list(iter_sequences(sw.Lens(model, sae), ["some text"], None))


def test_context_size_one_with_bos_is_refused(model, tmp_path):
    sae = helpers.write_sae(tmp_path / "sae")
    with pytest.raises(sw.SaeWidgetsError, match="context_size"):
        list(iter_sequences(sw.Lens(model, sae, context_size=1), ["some text"], None))
