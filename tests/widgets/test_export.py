from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import numpy as np
import pytest
import traitlets

from saewidgets import TokenView
from saewidgets.widgets._base import SaeWidget, bundle, request
from saewidgets.widgets._codecs import NDArray, array_to_json
from saewidgets.widgets.export._html import export_html, export_payload, request_key, script_json

EVIL = "</script><img src=x onerror=alert(1)><!-- ]]>"


class _Echo(SaeWidget):
    """A test widget with one array trait and one request that fails on odd numbers."""

    _esm = bundle("tokenview")
    grid = NDArray(ndim=2, default_value=np.zeros((1, 1), np.float32))
    """A test array."""
    note = traitlets.Unicode("").tag(sync=True)
    """A test string."""

    @request
    def double(self, msg: dict[str, Any]) -> dict[str, Any]:
        if msg["n"] % 2:
            raise ValueError(f"odd: {msg['n']}")
        return {"n": msg["n"] * 2, "arr": array_to_json(np.full((2,), msg["n"], np.int32))}

    def _recorded_requests(self) -> list[tuple[str, dict[str, Any]]]:
        return [("double", {"n": 2}), ("double", {"n": 3})]


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"t": EVIL, "u": "\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": EVIL, "u": "\u2028"}


def test_request_packs_buffers_and_reports_errors() -> None:
    widget = _Echo()
    handler = type(widget)._anywidget_commands["double"]
    response, buffers = handler(widget, {"n": 4}, [])
    assert response == {
        "value": {"n": 8, "arr": {"data": None, "dtype": "int32", "shape": [2]}},
        "buffer_paths": [["arr", "data"]],
    }
    assert np.frombuffer(bytes(buffers[0]), "<i4").tolist() == [4, 4]
    assert handler(widget, {"n": 3}, []) == ({"error": "ValueError: odd: 3"}, [])


def test_payload_embeds_state_buffers_and_recorded_answers() -> None:
    widget = _Echo(note=EVIL, grid=np.arange(6, dtype=np.float32).reshape(2, 3))
    payload = export_payload(widget)
    assert set(payload["state"]) == {"error", "grid", "note"}
    assert payload["state"]["note"] == EVIL
    assert payload["buffer_paths"] == [["grid", "data"]]
    grid = np.frombuffer(base64.b64decode(payload["buffers"][0]), "<f4").reshape(2, 3)
    np.testing.assert_array_equal(grid, widget.grid)
    ok = payload["responses"][request_key("double", {"n": 2})]
    assert ok["response"]["value"]["n"] == 4
    assert base64.b64decode(ok["buffers"][0]) == np.array([2, 2], "<i4").tobytes()
    assert payload["responses"][request_key("double", {"n": 3})]["response"] == {
        "error": "ValueError: odd: 3"
    }


def test_page_is_self_contained_and_injection_free() -> None:
    view = TokenView.from_arrays(["a", EVIL], np.array([[1.0], [2.0]]), labels={0: EVIL})
    page = export_html(view, title=EVIL)
    assert page.count("</script>") == 2  # only our own two script elements end
    assert "<img" not in page and "<!-- ]]>" not in page
    assert not re.search(r"(src|href)=\"?https?:", page), "nothing may load from the network"
    boot = re.search(r'<script type="module">(.*)</script>', page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(boot.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}' blob:" in page
    data = re.search(r'id="saewidgets-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["state"]["tokens"] == ["a", EVIL]


def test_to_html_writes_the_file(tmp_path) -> None:
    view = TokenView.from_arrays(["x"], np.ones((1, 1)))
    out = view.to_html(tmp_path / "view.html")
    assert out.read_text(encoding="utf-8") == export_html(view)


def test_missing_bundle_renders_a_build_hint() -> None:
    assert "npm ci && npm run build" in str(bundle("no_such_widget"))


def test_unknown_keywords_are_rejected() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument\\(s\\): colour"):
        _Echo(colour="red")


def test_pack_compresses_where_it_pays_and_round_trips() -> None:
    import gzip

    from saewidgets.widgets.export._html import PACK_MIN_BYTES, pack

    ids = np.arange(10_000, dtype=np.int32).tobytes()
    codec, text = pack(ids)
    assert codec == "gzip4" and len(text) < len(ids) / 10
    planes = np.frombuffer(gzip.decompress(base64.b64decode(text)), np.uint8).reshape(4, -1)
    assert planes.T.tobytes() == ids
    noise = np.random.default_rng(0).integers(0, 256, 3 * PACK_MIN_BYTES + 1, np.uint8).tobytes()
    assert pack(noise) == ("", base64.b64encode(noise).decode("ascii"))  # would not pay
    odd = b"ab" * PACK_MIN_BYTES + b"c"
    codec, text = pack(odd)
    assert codec == "gzip" and gzip.decompress(base64.b64decode(text)) == odd
    assert pack(b"\0" * 100)[0] == ""  # too small to bother


def test_three_digits_formats_like_the_original() -> None:
    from saewidgets.widgets._columns import three_digits

    rng = np.random.default_rng(1)
    x = (rng.standard_normal(20_000) * 10.0 ** rng.integers(-9, 9, 20_000)).astype(np.float32)
    y = three_digits(x)
    assert [f"{v:.3g}" for v in x.astype(float)] == [f"{v:.3g}" for v in y.astype(float)]
    assert not (y.view(np.uint32) & 0xFFF).any()
    special = np.array([0, np.nan, np.inf, -np.inf], np.float32)
    np.testing.assert_array_equal(three_digits(special), special)


def wire_columns(wire: dict) -> np.ndarray:
    """FeatureMap's ``wire`` decoded independently: gunzip, 4 byte planes back to floats."""
    import gzip

    planes = np.frombuffer(gzip.decompress(bytes(wire["data"])), np.uint8).reshape(4, -1)
    return np.ascontiguousarray(planes.T).view(np.float32).reshape(wire["shape"])


def test_map_export_keeps_axes_and_integers_exact(tmp_path) -> None:
    import pandas as pd

    from saewidgets import FeatureMap
    from saewidgets.widgets.export._html import export_payload

    rng = np.random.default_rng(2)
    n = 500
    frame = pd.DataFrame(
        {
            "log10_density": rng.uniform(-6, -1, n),
            "enc_bias": rng.normal(0, 1, n),
            "de_projection": rng.uniform(-1, 1, n),
            "count": rng.integers(1, 10**7, n),
            "mean_act": rng.lognormal(0, 1, n),
        }
    )
    fmap = FeatureMap(frame)
    got = wire_columns(fmap.wire).T
    names = [c["name"] for c in fmap.columns]
    exact = np.asarray(fmap.table)
    for c, name in enumerate(names):
        if name == "mean_act":
            assert not np.array_equal(got[:, c], exact[:, c])
            np.testing.assert_allclose(got[:, c], exact[:, c], rtol=5e-3)
        else:
            np.testing.assert_array_equal(got[:, c], exact[:, c])
    assert export_payload(fmap)["codecs"]  # one codec per buffer


def test_map_export_leaves_out_density_only_when_count_gives_it_exactly() -> None:
    import pandas as pd

    from saewidgets import FeatureMap

    rng = np.random.default_rng(4)
    n, n_tokens = 300, 1_000_003
    count = rng.integers(0, 5000, n)
    with np.errstate(divide="ignore"):
        log10 = np.where(count > 0, np.log10(count / n_tokens), np.nan)
    frame = pd.DataFrame(
        {
            "count": count,
            "density": count / n_tokens,
            "log10_density": log10,
            "enc_bias": rng.normal(0, 1, n),
            "de_projection": rng.uniform(-1, 1, n),
        }
    )
    fmap = FeatureMap(frame)
    assert fmap.wire["derived"] == {"n_tokens": n_tokens, "columns": ["density", "log10_density"]}
    assert wire_columns(fmap.wire).shape == (3, n)  # column by column
    frame.loc[5, "density"] *= 1.01  # no longer count / N: both columns are sent as they are
    fmap = FeatureMap(frame)
    assert fmap.wire["derived"]["columns"] == [] and wire_columns(fmap.wire).shape == (5, n)
