"""Damaged or mismatched store files fail at FeatureStore.open with a StoreError naming the file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

import saewidgets as sw


def _truncate(rel: str, keep: float = 0.5) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        data = (folder / rel).read_bytes()
        (folder / rel).write_bytes(data[: int(len(data) * keep)])
        return rel

    return damage


def _delete(rel: str) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        (folder / rel).unlink()
        return rel

    return damage


def _garble(rel: str) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        data = bytearray((folder / rel).read_bytes())
        data[len(data) // 4 : -4] = b"\x07" * (len(data) - 4 - len(data) // 4)
        (folder / rel).write_bytes(bytes(data))
        return rel

    return damage


def _edit_tensors(rel: str, edit: Callable[[dict], None]) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        arrays = load_file(folder / rel)
        edit(arrays)
        save_file(arrays, folder / rel)
        return rel

    return damage


def _edit_meta(**changes: object) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        meta = json.loads((folder / "meta.json").read_text())
        meta.update(changes)
        (folder / "meta.json").write_text(json.dumps(meta))
        return "meta.json"

    return damage


def _append(rel: str, n: int) -> Callable[[Path], str]:
    def damage(folder: Path) -> str:
        with open(folder / rel, "ab") as f:
            f.write(b"\0" * n)
        return rel

    return damage


def _bad_token(folder: Path) -> str:
    toks = np.fromfile(folder / "tokens.bin", dtype=np.int32)
    toks[5] = 10**6
    toks.tofile(folder / "tokens.bin")
    return "tokens.bin"


def _bad_token_old_store(folder: Path) -> str:
    meta = json.loads((folder / "meta.json").read_text())
    del meta["max_token_id"]
    (folder / "meta.json").write_text(json.dumps(meta))
    return _bad_token(folder)


DAMAGE = {
    "tokens truncated (half-copied)": _truncate("tokens.bin"),
    "tokens one token short": _truncate("tokens.bin", keep=0.999),
    "token id outside vocab (old store: no max_token_id)": _bad_token_old_store,
    "meta max_token_id beyond vocab": lambda f: _edit_meta(max_token_id=10**6)(f) and "tokens.bin",
    "seq_len truncated": _truncate("seq_len.bin"),
    "seq_len garbled": _garble("seq_len.bin"),
    "parquet truncated": _truncate("features.parquet"),
    "parquet garbled": _garble("features.parquet"),
    "parquet missing": _delete("features.parquet"),
    "weights truncated": _truncate("weights.safetensors", keep=0.9),
    "weights lack b_dec": _edit_tensors("weights.safetensors", lambda a: a.pop("b_dec")),
    "W_enc wrong shape": _edit_tensors(
        "weights.safetensors", lambda a: a.update(W_enc=a["W_enc"][:, :-1].copy())
    ),
    "accumulators missing": _delete("accumulators.safetensors"),
    "count as float": _edit_tensors(
        "accumulators.safetensors", lambda a: a.update(count=a["count"].astype(np.float32))
    ),
    "logits lack top_ids": _edit_tensors("logits.safetensors", lambda a: a.pop("top_ids")),
    "vocab short": lambda f: (f / "vocab.json").write_text('["a"]') and "vocab.json",
    "record chunk missing": _delete("record/feat_value.bin"),
    "record chunk truncated": _truncate("record/tok_feature.bin"),
    "record chunk too long": _append("record/feat_token.bin", 8),
    "record indptr missing": _delete("record/feat_indptr.bin"),
    "meta d_sae": _edit_meta(d_sae=95),
    "meta n_tokens": _edit_meta(n_tokens=2999),
    "meta d_sae zero": _edit_meta(d_sae=0),
    "meta n_seq negative": _edit_meta(n_seq=-1),
    "meta d_sae string": _edit_meta(d_sae="96"),
    "meta max_token_id string": _edit_meta(max_token_id="7"),
}


def test_open_reads_no_tokens_and_the_first_read_checks_them(small_store, tmp_path, monkeypatch):
    folder = tmp_path / "copy"
    shutil.copytree(small_store.path, folder)
    (folder / "manifest.json").unlink()  # its checksums would catch this at open (see below)
    assert -1 < small_store.meta.max_token_id == int(small_store.tokens.max())
    _bad_token(folder)
    real = np.fromfile

    def no_tokens(f: object, *args: object, **kwargs: object) -> np.ndarray:
        assert not str(f).endswith("tokens.bin"), "open read every token"
        return real(f, *args, **kwargs)

    monkeypatch.setattr(np, "fromfile", no_tokens)
    store = sw.FeatureStore.open(folder)  # meta.json's max_token_id is checked instead
    monkeypatch.setattr(np, "fromfile", real)
    with pytest.raises(sw.StoreError, match="tokens.bin holds token ids outside"):
        store.tokens  # noqa: B018


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_store_fails_at_open_naming_the_file(small_store, tmp_path, case):
    folder = tmp_path / "copy"
    shutil.copytree(small_store.path, folder)
    rel = DAMAGE[case](folder)
    with pytest.raises(sw.StoreError) as info:
        sw.FeatureStore.open(folder)
    msg = str(info.value)
    assert str(folder / rel) in msg or (rel == "meta.json" and str(folder) in msg)
    assert "meta.json" in msg or rel != "meta.json"
    assert "harvest it again" in msg or "harvest the store again" in msg


@pytest.mark.parametrize("version", ["1", 0, -3, True, 1.0, None, 2**40])
def test_format_version_must_be_a_supported_int(small_store, tmp_path, version):
    folder = tmp_path / "copy"
    shutil.copytree(small_store.path, folder)
    _edit_meta(format_version=version)(folder)
    with pytest.raises(sw.StoreError, match="format"):
        sw.FeatureStore.open(folder)


def test_an_intact_copy_opens_and_matches(small_store, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(small_store.path, folder)
    copy = sw.FeatureStore.open(folder)
    assert copy.features.equals(small_store.features)
    assert copy.vocab == small_store.vocab
