"""Steer widget: runs match lens.steer/ablate, the view's requests, labels, export of past runs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import saewidgets as sw
from saewidgets.models._interventions import intervene
from saewidgets.widgets._codecs import array_from_json
from saewidgets.widgets.export._html import export_payload, request_key

PROMPT = "Return a new dictionary"


@pytest.fixture(scope="module")
def lens(model, sae_dirs):
    return sw.Lens(model, sae_dirs["standard"])


def _call(widget, name, msg):
    response, buffers = type(widget)._anywidget_commands[name](widget, msg, [])
    assert "error" not in response, response
    return response


def test_widget_shows_what_lens_steer_computes(lens):
    w = sw.Steer(lens, PROMPT, features={7: 25.0}, max_new_tokens=5)
    r = lens.steer(PROMPT, {7: 25.0}, max_new_tokens=5)
    assert w.result["text_clean"] == r.text_clean
    assert w.result["text_after"] == r.text_after != r.text_clean
    assert w.result["tokens"] == r.str_tokens
    assert w.chips == [
        {"feature": 7, "strength": 25.0, "ablate": False, "label": "", "limit": 20.0}
    ]
    w.add(3, ablate=True)  # a Python-side change re-runs
    both = intervene(lens, PROMPT, {7: 25.0}, [3], max_new_tokens=5)
    assert w.result["text_after"] == both.text_after and w.result["kind"] == "steer+ablate"


def test_run_request_updates_traits_and_matches_a_direct_run(lens):
    w = sw.Steer(lens, PROMPT, features=[5], max_new_tokens=3)
    msg = {
        "prompt": "Sort a list.",
        "chips": [{"feature": 5, "strength": -12.5, "ablate": False}],
        "max_new_tokens": 4,
    }
    response = _call(w, "run", msg)
    r = lens.steer("Sort a list.", {5: -12.5}, max_new_tokens=4)
    assert w.prompt == "Sort a list." and w.max_new_tokens == 4
    assert w.chips[0]["strength"] == -12.5 and w.chips[0]["limit"] == 20.0
    assert w.result["text_after"] == r.text_after == response["value"]["text_after"]
    kl = array_from_json(w.result["kl"])
    np.testing.assert_allclose(kl, r.kl, rtol=1e-5, atol=1e-7)
    top = r.top_tokens(k=8)
    assert response["value"]["top"]["token"] == top["token"].tolist()
    assert len(w.history) == 2  # the first run and this one


def test_limits_come_from_the_store_and_labels_from_annotations(lens, small_store, tmp_path):
    notes = sw.Annotations(tmp_path / "notes.db")
    notes.set(lens, 11, label="<i>dict</i> feature")
    w = sw.Steer(lens, PROMPT, store=small_store, annotations=notes, features=[11])
    max_act = float(small_store.features.loc[11, "max_act"])
    assert w.chips[0]["limit"] == pytest.approx(2 * max_act)
    assert w.chips[0]["strength"] == pytest.approx(max_act)
    assert w.chips[0]["label"] == "<i>dict</i> feature"
    assert [c["feature"] for c in _call(w, "find", {"query": "dict"})["value"]] == [11]
    assert _call(w, "find", {"query": "#4"})["value"][0]["feature"] == 4
    bad, _ = type(w)._anywidget_commands["find"](w, {"query": "99999"}, [])
    assert "outside" in bad["error"]


def test_export_keeps_every_run_without_rerunning(lens, tmp_path, monkeypatch):
    w = sw.Steer(lens, PROMPT, features={2: 4.0}, max_new_tokens=2)
    msg = {
        "prompt": PROMPT,
        "chips": [{"feature": 2, "strength": 6, "ablate": False}],
        "max_new_tokens": 2,
    }
    _call(w, "run", msg)
    w.prompt = "Sort a list."  # a third run, from Python
    import saewidgets.models._interventions as iv

    monkeypatch.setattr(iv, "_generate", lambda *a: pytest.fail("export re-ran the model"))
    payload = export_payload(w)
    assert len(payload["responses"]) == 3
    # the key a page computes from the message it sends (whole numbers as JSON integers)
    assert request_key("run", msg) in payload["responses"]
    assert w.prompt == "Sort a list."  # exporting did not change the widget
    assert "Sort a list." in w.to_html(tmp_path / "steer.html").read_text()


def test_bad_requests_are_reported(lens):
    w = sw.Steer(lens, "", max_new_tokens=2)
    assert w.result is None
    for msg, text in (
        ({"prompt": "", "chips": [], "max_new_tokens": 2}, "prompt"),
        (
            {"prompt": "a b", "chips": [{"feature": 1, "strength": "nan"}], "max_new_tokens": 2},
            "finite",
        ),
        ({"prompt": "a b", "chips": [], "max_new_tokens": 500}, "max_new_tokens"),
        (
            {"prompt": "a b", "chips": [{"feature": -1, "strength": 1}], "max_new_tokens": 2},
            "outside",
        ),
    ):
        response, _ = type(w)._anywidget_commands["run"](w, msg, [])
        assert text in response["error"]
    with pytest.raises(TypeError, match="unexpected"):
        sw.Steer(lens, PROMPT, colour="red")  # type: ignore[call-arg]


def test_combined_edit_matches_run_with_hooks(lens, model):
    W_dec = lens.sae.W_dec.double()
    tokens = lens.to_tokens(PROMPT)[0]

    def hook(act, hook):
        x = act[0].double()
        acts = lens.sae.encode(x.float()).double()
        return (x + 9.0 * W_dec[7] - acts[:, [3, 5]] @ W_dec[[3, 5]]).to(act.dtype)[None]

    with torch.no_grad():
        ref = model.run_with_hooks(tokens[None], fwd_hooks=[(lens.hook, hook)])[0]
    r = intervene(lens, PROMPT, {7: 9.0}, [5, 3])
    torch.testing.assert_close(r.logits_after, ref, rtol=1e-4, atol=1e-4)
    assert r.ablated == (3, 5) and r.features == {7: 9.0}


def test_card_steer_section_continues_top_contexts_cut_before_the_peak(lens, small_store):
    from saewidgets.widgets._steerdata import CARD_NEW_TOKENS, card_prompts
    from saewidgets.widgets.export._html import export_payload

    live = small_store.features[~small_store.features["dead"]]
    f = int(live.sort_values("max_act").index[-1])
    card = sw.FeatureCard(small_store, f, lens=lens)
    assert card.steerable and not sw.FeatureCard(small_store, f).steerable
    answer = _call(card, "steer", {"feature": f, "strength": 6})["value"]
    prompts = card_prompts(small_store, lens, f)
    top = small_store.top_examples(f, n=12)
    seq, pos = int(top["seq"].iloc[0]), int(top["pos"].iloc[0])
    a, _ = small_store.seq_range(seq)
    assert prompts[0][-1] == small_store.tokens[a + pos - 1]  # ends right before the peak token
    assert len(answer["rows"]) == len(prompts) > 0
    for ids, row in zip(prompts, answer["rows"], strict=True):
        r = lens.steer(torch.from_numpy(ids), {f: 6.0}, max_new_tokens=CARD_NEW_TOKENS)
        assert (row["clean"], row["after"]) == (r.text_clean, r.text_after)
    assert any(row["clean"] != row["after"] for row in answer["rows"])
    keys = export_payload(card)["responses"]
    assert request_key("steer", {"feature": f, "strength": 6}) in keys
    bad, _ = type(card)._anywidget_commands["steer"](
        sw.FeatureCard(small_store, f), {"feature": f, "strength": 1}, []
    )
    assert "no Lens" in bad["error"]
