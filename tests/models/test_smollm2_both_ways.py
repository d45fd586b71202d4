"""The embedded SmolLM2 through both adapters: transformers' own model (read from the GGUF) and
the converted HookedTransformer harvest the same tokens into the same store."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.harvesting._data import iter_sequences
from tests import helpers


@pytest.mark.slow
def test_hf_and_hooked_smollm2_give_the_same_store(tmp_path):
    from saewidgets.demo import demo_sae_path, demo_texts, load_demo_model
    from saewidgets.demo._model import load_hf_reference

    torch.set_num_threads(2)
    hooked = sw.Lens(load_demo_model("cpu"), demo_sae_path("topk"))
    hf_model, hf_tokenizer = load_hf_reference(tmp_path / "gguf")
    hf = sw.Lens(hf_model, demo_sae_path("topk"), tokenizer=hf_tokenizer)
    assert (hooked.hook, hf.hook) == ("blocks.6.hook_resid_post", "model.layers.6")
    rows = [s for s in iter_sequences(hooked, demo_texts()[:60], 1024) if len(s) == 128]
    tokens = torch.from_numpy(np.stack(rows))
    stores = {
        name: sw.harvest(lens, tokens, top_k=5, out=tmp_path / name, progress=False)
        for name, lens in (("hooked", hooked), ("hf", hf))
    }
    a, b = stores["hooked"], stores["hf"]
    assert (a.meta.model_kind, b.meta.model_kind) == ("hooked_transformer", "hf")
    np.testing.assert_array_equal(a.tokens, b.tokens)
    dense_a, dense_b = helpers.store_dense(a), helpers.store_dense(b)
    assert (dense_a > 0).sum() > 0.9 * 32 * len(a.tokens)
    np.testing.assert_allclose(dense_a, dense_b, rtol=1e-3, atol=2e-3)
    for col in ("count", "mean_act", "max_act"):
        np.testing.assert_allclose(a.features[col], b.features[col], rtol=1e-3, atol=2e-3)
    f = int(np.argmax(a.features["count"]))
    np.testing.assert_allclose(
        a.logit_weights(f, k=5).top_values, b.logit_weights(f, k=5).top_values, rtol=1e-5
    )
