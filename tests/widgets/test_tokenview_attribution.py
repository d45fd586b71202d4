"""TokenView with a Lens: a clicked token's attribution list and one-click exact ablations
(the "attribute" and "ablate" requests), checked against lens.attribute and a hand-written
run_with_hooks ablation; an export keeps every answer computed so far."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.widgets._codecs import array_from_json
from saewidgets.widgets.export._html import export_payload, request_key

TEXT = "Return a new dictionary initialized from an optional argument."
POSITION = 6


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


def _call(widget, name, msg):
    response, buffers = type(widget)._anywidget_commands[name](widget, msg, [])
    assert "error" not in response, response
    value = response["value"]
    for path, buf in zip(response["buffer_paths"], buffers, strict=True):
        box = value
        for key in path[:-1]:
            box = box[key]
        box[path[-1]] = buf
    return value


def _array(wire):
    return array_from_json(wire, None)


def test_attribute_request_lists_the_top_rows_of_lens_attribute(lens):
    w = sw.TokenView(lens, TEXT, labels={3: "<b>three</b>"})
    assert w.attributable
    a = _call(w, "attribute", {"text": TEXT, "position": POSITION})
    df = lens.attribute(TEXT, position=POSITION)
    top = df.head(10)
    assert len(df) > 10 and a["n_active"] == len(df)
    assert _array(a["feature"]).tolist() == top["feature"].tolist()
    assert _array(a["pos"]).tolist() == top["pos"].tolist()
    np.testing.assert_allclose(_array(a["attribution"]), top["attribution"], rtol=1e-6)
    np.testing.assert_allclose(_array(a["activation"]), top["activation"], rtol=1e-6)
    assert a["tokens"] == top["token"].tolist() and a["token"] == w.tokens[POSITION]
    assert a["target"] == df.attrs["target"] and a["target_token"] == df.attrs["target_token"]
    assert np.isnan(_array(a["ablated"])).all()


def test_ablate_request_is_the_exact_change_of_the_target_log_prob(lens, model):
    w = sw.TokenView(lens, TEXT)
    a = _call(w, "attribute", {"text": TEXT, "position": POSITION})
    pos, f = int(_array(a["pos"])[0]), int(_array(a["feature"])[0])
    d = _call(w, "ablate", {"text": TEXT, "position": POSITION, "pos": pos, "feature": f})
    # by hand: subtract a_f(x_pos) W_dec[f] at the hook, at pos only
    tokens = lens.to_tokens(TEXT)[0]
    W_dec = lens.sae.W_dec

    def hook(act, hook):
        out = act.clone()
        out[0, pos] -= lens.sae.encode(act[0, pos])[f] * W_dec[f]
        return out

    with torch.no_grad():
        clean = model(tokens[None])[0, POSITION].double().log_softmax(-1)
        after = model.run_with_hooks(tokens[None], fwd_hooks=[(lens.hook, hook)])[0, POSITION]
    target = a["target"]
    want = float(after.double().log_softmax(-1)[target] - clean[target])
    assert d["delta"] == pytest.approx(want, abs=1e-5) and abs(want) > 1e-4
    assert d["lp_clean"] == pytest.approx(float(clean[target]), abs=1e-5)
    # the attribution is the first-order estimate of minus this change: same sign here
    assert np.sign(_array(a["attribution"])[0]) == -np.sign(want)
    again = _call(w, "attribute", {"text": TEXT, "position": POSITION})
    ablated = _array(again["ablated"])
    assert ablated[0] == pytest.approx(want, abs=1e-5) and np.isnan(ablated[1:]).all()


def test_export_keeps_lists_and_ablations(lens, tmp_path, monkeypatch):
    w = sw.TokenView(lens, TEXT)
    msg = {"text": TEXT, "position": POSITION}
    a = _call(w, "attribute", msg)
    pos, f = int(_array(a["pos"])[1]), int(_array(a["feature"])[1])
    _call(w, "ablate", {**msg, "pos": pos, "feature": f})
    monkeypatch.setattr(lens, "attribute", None)  # an export re-runs nothing
    monkeypatch.setattr(lens, "ablate", None)
    payload = export_payload(w)
    keys = set(payload["responses"])
    assert request_key("attribute", msg) in keys
    assert request_key("ablate", {**msg, "pos": pos, "feature": f}) in keys
    w.to_html(tmp_path / "tv.html")
    assert "attribute" in (tmp_path / "tv.html").read_text()


def test_bad_requests_and_views_without_a_lens(lens):
    w = sw.TokenView(lens, TEXT)
    handler = type(w)._anywidget_commands["attribute"]
    bad, _ = handler(w, {"text": TEXT, "position": 999}, [])
    assert "outside" in bad["error"]
    bad, _ = handler(w, {"text": TEXT, "position": "2"}, [])
    assert "integer" in bad["error"]
    bad, _ = type(w)._anywidget_commands["ablate"](
        w, {"text": TEXT, "position": 2, "pos": 5, "feature": 1}, []
    )
    assert "at or before" in bad["error"]
    plain = sw.TokenView.from_arrays(["a", "b"], np.ones((2, 3)))
    assert not plain.attributable
    bad, _ = type(plain)._anywidget_commands["attribute"](plain, {"text": "ab", "position": 0}, [])
    assert "no Lens" in bad["error"]
