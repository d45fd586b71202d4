"""merge_stores merges only shards of one tokenizer (compared byte for byte, not by decoded
strings) that hold disjoint data: overlapping documents or rows would be counted twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer

import saewidgets as sw
from tests import helpers


def _byte_char(b: int) -> str:
    """The character GPT-2's byte-level BPE uses for byte ``b``."""
    keep = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1)]
    keep += range(ord("®"), ord("ÿ") + 1)
    if b in keep:
        return chr(b)
    return chr(256 + [x for x in range(256) if x not in keep].index(b))


def _bytes_swapped(tokenizer, folder: Path):
    """``tokenizer`` with the ids of the byte tokens 0x80 and 0x81 swapped: every token
    decodes to the same string as before (a lone 0x80 or 0x81 both decode to U+FFFD)."""
    shutil.copytree(tokenizer.name_or_path, folder)
    doc = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = doc["model"]["vocab"]
    a, b = _byte_char(0x80), _byte_char(0x81)
    vocab[a], vocab[b] = vocab[b], vocab[a]
    (folder / "tokenizer.json").write_text(json.dumps(doc), encoding="utf-8")
    return AutoTokenizer.from_pretrained(str(folder))


def test_tokenizers_differing_only_in_byte_tokens_are_not_merged(
    model, tokenizer, sae_dirs, tmp_path
):
    lens = sw.Lens(model, sae_dirs["standard"])
    twin = helpers.build_model(_bytes_swapped(tokenizer, tmp_path / "t"))
    twin.load_state_dict(model.state_dict())  # the same weights, the other tokenizer
    other = sw.Lens(twin, sae_dirs["standard"])
    assert other.vocab() == lens.vocab() and other.model_fingerprint == lens.model_fingerprint
    toks = torch.randint(2, 150, (4, 12))
    a = sw.harvest(lens, toks[:2], out=tmp_path / "a", progress=False)
    b = sw.harvest(other, toks[2:], out=tmp_path / "b", progress=False)
    with pytest.raises(sw.StoreError, match=r"tokenizers differ \(token ids \[\d+, \d+\]"):
        sw.merge_stores([a, b], tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_overlapping_token_rows_are_not_merged(model, sae_dirs, tmp_path):
    lens = sw.Lens(model, sae_dirs["standard"])
    toks = torch.randint(2, 150, (8, 40))
    a = sw.harvest(lens, toks[:5], out=tmp_path / "a", progress=False)
    b = sw.harvest(lens, toks[4:], out=tmp_path / "b", progress=False)  # row 4 in both
    with pytest.raises(
        sw.StoreError, match="same documents or token rows.*count those tokens twice"
    ):
        sw.merge_stores([a, b], tmp_path / "m")
    c = sw.harvest(lens, toks[5:], out=tmp_path / "c", progress=False)
    assert sw.merge_stores([a, c], tmp_path / "m").n_tokens == 8 * 40


def test_overlapping_text_shards_are_not_merged_and_disjoint_ones_are(
    model, sae_dirs, texts, tmp_path
):
    """Packing starts afresh in each shard, so shared documents sit at other offsets."""
    lens = sw.Lens(model, sae_dirs["standard"])
    docs = texts[:16]
    a = sw.harvest(lens, docs[:9], out=tmp_path / "a", progress=False)
    b = sw.harvest(lens, docs[7:], out=tmp_path / "b", progress=False)  # two documents in both
    with pytest.raises(sw.StoreError, match="same documents or token rows"):
        sw.merge_stores([a, b], tmp_path / "m")
    c = sw.harvest(lens, docs[9:], out=tmp_path / "c", progress=False)
    merged = sw.merge_stores([a, c], tmp_path / "m")
    assert merged.n_tokens == a.n_tokens + c.n_tokens
