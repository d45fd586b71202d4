"""Special tokens left out of the statistics (BOS, EOS, PAD, UNK) stay in every context a view
shows, marked as special: the card's examples (live payload, Explorer compact cards, static
snapshot) and TokenView. Checked on a Hugging Face Llama whose BOS is ``<s>`` (id 1, not EOS)
and on the tests' HookedTransformer (BOS ``<bos>`` id 0, PAD), each against the tokenizer's own
list of special tokens."""

from __future__ import annotations

import re

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.widgets import _carddata
from saewidgets.widgets._codecs import array_from_json as decode_array


def _special_ids(lens) -> set[int]:
    tok = lens.adapter.tokenizer
    return set(tok.convert_tokens_to_ids(tok.all_special_tokens))


def expected_special(store, feature: int, n_top: int, quantiles: bool, ids: set[int]):
    """Brute force: the flat example tokens (top rows, then quantile rows) whose id is special."""
    frames = [store.top_examples(feature, n=n_top)]
    if quantiles:
        frames.append(
            store.quantile_examples(
                feature, n_intervals=_carddata.N_INTERVALS, per_interval=_carddata.PER_INTERVAL
            )
        )
    flat, out, names = 0, [], []
    for frame in frames:
        for seq, start, tokens in zip(frame["seq"], frame["start"], frame["tokens"], strict=True):
            first = int(store.seq_offsets[seq]) + int(start)
            for j, text in enumerate(tokens):
                if int(store.tokens[first + j]) in ids:
                    out.append(flat + j)
                    names.append(text)
            flat += len(tokens)
    return out, names


def test_the_store_leaves_out_every_special_token_of_the_tokenizer(llama_lens, special_store):
    tok = llama_lens.adapter.tokenizer
    assert tok.bos_token_id == 1 and tok.eos_token_id == 2  # BOS neither id 0 nor EOS
    assert special_store.meta.excluded_token_ids == sorted(_special_ids(llama_lens))
    assert len(special_store.meta.excluded_token_ids) == 4


def test_statistics_leave_every_special_token_out_against_the_model(
    llama_lens, llama_sae, special_store
) -> None:
    """Counts and maxima against a dense reference: the Llama re-run with output_hidden_states
    (layer 1's output), encoded with SAELens's equations, the special tokens' rows dropped."""
    import json

    import torch
    from safetensors.numpy import load_file

    from tests import helpers

    store = special_store
    ids = np.asarray(store.tokens, np.int64)
    rows = torch.from_numpy(ids.reshape(store.meta.n_seq, -1))
    with torch.no_grad():
        hidden = llama_lens.adapter.model(input_ids=rows, output_hidden_states=True).hidden_states[
            2
        ]
    cfg = json.loads((llama_sae / "cfg.json").read_text())
    state = load_file(str(llama_sae / "sae_weights.safetensors"))
    dense = helpers.reference_encode(cfg, state, hidden.double().numpy()).reshape(len(ids), -1)
    kept = dense[~np.isin(ids, sorted(_special_ids(llama_lens)))]
    assert len(kept) == store.meta.n_counted < len(ids)
    near = ((kept > 0) & (kept < 1e-5)).sum(0)  # float32 vs float64 firing
    assert np.all(np.abs(store.features["count"].to_numpy() - (kept > 0).sum(0)) <= near + 1)
    np.testing.assert_allclose(store.features["max_act"], kept.max(0), rtol=1e-4, atol=1e-5)
    assert not np.allclose(store.features["max_act"], dense.max(0), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("quantiles", [True, False], ids=["card", "compact"])
def test_card_payload_marks_every_special_token_in_context(
    llama_lens, special_store, quantiles
) -> None:
    ids = _special_ids(llama_lens)
    seen: set[str] = set()
    for f in np.flatnonzero(special_store.features["count"].to_numpy() > 0)[:40]:
        f = int(f)
        n_top = _carddata.N_TOP if quantiles else _carddata.COMPACT_TOP
        payload = _carddata.examples(special_store, f, n_top=n_top, quantiles=quantiles)
        got = decode_array(payload["special"]).tolist()
        want, names = expected_special(special_store, f, n_top, quantiles, ids)
        assert got == want, f
        tok = decode_array(payload["tok"])
        assert [payload["strings"][tok[i]] for i in got] == names
        seen |= set(names)
        # a special token is never the example's own token, and it keeps its activation
        maxes = np.cumsum([0, *decode_array(payload["length"]).tolist()])[:-1]
        assert not set(got) & set((maxes + decode_array(payload["max_index"])).tolist())
    assert seen == {"<s>", "</s>", "<pad>", "<unk>"}  # every kind was in some context


def test_store_without_exclusions_marks_nothing(model, sae_dirs, tmp_path) -> None:
    import torch

    lens = sw.Lens(model, sae_dirs["standard"])
    rows = torch.randint(2, 250, (4, 12), generator=torch.Generator().manual_seed(1))
    rows[:, 0] = lens.bos_token_id
    store = sw.harvest(lens, rows, exclude_special_tokens=False, out=tmp_path / "s", progress=False)
    f = int(store.features["count"].idxmax())
    assert len(decode_array(_carddata.examples(store, f)["special"])) == 0


def test_card_snapshot_draws_special_tokens_grey(llama_lens, special_store) -> None:
    from saewidgets.widgets.export._cardsnapshot import N_EXAMPLES

    ids = _special_ids(llama_lens)
    counts = special_store.features["count"]
    f = max(
        (int(f) for f in np.flatnonzero(counts.to_numpy() > 0)),
        key=lambda f: len(expected_special(special_store, f, N_EXAMPLES, False, ids)[0]),
    )
    _, names = expected_special(special_store, f, N_EXAMPLES, False, ids)
    assert names, "some top example holds a special token in its context"
    html = sw.FeatureCard(special_store, f)._repr_mimebundle_()[0]["text/html"]
    drawn = re.findall(
        r'<span class="sw-special" style="background:#e4e4e4[^>]*>([^<]*)</span>', html
    )
    assert drawn == [n.replace("<", "&lt;").replace(">", "&gt;") for n in names]


@pytest.mark.parametrize("which", ["llama", "hooked"])
def test_tokenview_greys_every_special_token_and_leaves_it_out_of_the_defaults(
    which, llama_lens, model, sae_dirs
) -> None:
    lens = llama_lens if which == "llama" else sw.Lens(model, sae_dirs["standard"])
    text = (
        "the cat</s> sat<pad> on<unk> the mat<s> again"
        if which == "llama"
        else "the cat<pad> sat on<bos> the mat"
    )
    view = sw.TokenView(lens, text)
    ids = lens.to_tokens(text)[0].tolist()
    tok = lens.adapter.tokenizer
    names = tok.convert_ids_to_tokens(ids)
    want = [i for i, n in enumerate(names) if n in tok.all_special_tokens]
    assert view.special == want and want[0] == 0 and len(want) == (5 if which == "llama" else 3)
    dense = lens.encode(text).double().numpy()
    kept = np.delete(dense, want, axis=0)
    peak, total = kept.max(axis=0), kept.sum(axis=0)
    top = [int(f) for f in np.lexsort((-total, -peak))[:5] if peak[f] > 0]
    assert view.features == top
    hovered = {int(f) for i, r in enumerate(np.asarray(view.top_ids)) if i not in want for f in r}
    assert set(top) <= hovered
    html = view._repr_mimebundle_()[0]["text/html"]
    assert html.count('class="sw-special"') == len(want) * min(3, len(view.features))


def test_tokenview_from_arrays_special_positions() -> None:
    acts = np.zeros((5, 3))
    acts[2, 2] = 50.0  # fires on the EOS in the middle only
    acts[[1, 3, 4], 0] = [1.0, 2.0, 0.5]
    acts[4, 1] = 3.0
    view = sw.TokenView.from_arrays(["<s>", "a", "</s>", "b", "c"], acts, bos=True, special=[2])
    assert view.special == [0, 2] and view.features == [1, 0]
    with pytest.raises(sw.DataError, match="special has positions"):
        sw.TokenView.from_arrays(["a"], np.ones((1, 1)), special=[3])


def test_explorer_text_run_names_every_special_position(llama_lens, special_store) -> None:
    ex = sw.Explorer(special_store, lens=llama_lens, grid=False)
    text = "the cat</s> sat<pad> on<unk> it"
    run = type(ex)._anywidget_commands["run"]
    response, _ = run(ex, {"text": text, "features": [1, 2]}, [])
    tok = llama_lens.adapter.tokenizer
    names = tok.convert_ids_to_tokens(llama_lens.to_tokens(text)[0].tolist())
    want = [i for i, n in enumerate(names) if n in tok.all_special_tokens]
    assert response["value"]["special"] == want and len(want) == 4


def test_tokenview_of_a_tokenizer_without_bos_greys_nothing_first(tmp_path) -> None:
    """A Hugging Face tokenizer with no BOS (as Qwen's): the Lens prepends nothing, so the first
    token is text, coloured and counted like the rest; a typed EOS is still special."""
    from tests import helpers

    tok = helpers.build_tokenizer(
        tmp_path / "tok", special={"eos_token": "</s>", "pad_token": "<pad>"}
    )
    sae = helpers.write_sae(
        tmp_path / "sae", seed=3, hook_name="model.layers.1", k=6, architecture="topk"
    )
    lens = sw.Lens(helpers.build_hf_llama(tok, n_layers=2), sae, tokenizer=tok)
    assert lens.prepend_bos and lens.bos_token_id is None
    text = "the cat</s> sat"
    view = sw.TokenView(lens, text)
    assert "".join(view.tokens).startswith("the cat") and not view.bos
    assert view.special == [view.tokens.index("</s>")]
    dense = np.delete(lens.encode(text).double().numpy(), view.special, axis=0)
    peak, total = dense.max(axis=0), dense.sum(axis=0)
    assert view.features == [int(f) for f in np.lexsort((-total, -peak))[:5] if peak[f] > 0]
