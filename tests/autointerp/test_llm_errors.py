"""The client's errors, retries and unparseable replies.

Unreachable server and unknown model run against nothing and against the real ``transformers
serve`` (conftest). ``transformers serve`` checks no API key and never answers 429 or 5xx, so
those paths run against a small real HTTP server (standard library, in a thread) written below:
the one place these tests use a server of their own.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

import saewidgets as sw
from saewidgets.autointerp._prompts import score_request
from tests.autointerp.conftest import _free_port


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        srv = self.server
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        srv.requests.append(body)  # type: ignore[attr-defined]
        if self.headers.get("Authorization") != "Bearer right-key":
            return self._send(401, {"error": {"message": "Incorrect API key provided"}})
        if srv.fail_first > 0:  # type: ignore[attr-defined]
            srv.fail_first -= 1  # type: ignore[attr-defined]
            return self._send(srv.fail_code, {"error": {"message": "busy"}}, {"Retry-After": "0"})  # type: ignore[attr-defined]
        time.sleep(srv.delay)  # type: ignore[attr-defined]
        reply = {"message": {"role": "assistant", "content": srv.reply}}  # type: ignore[attr-defined]
        usage = {"prompt_tokens": 7, "completion_tokens": 2}
        self._send(200, {"choices": [reply], "usage": usage})

    def _send(self, code: int, data: dict, headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(data).encode()
        self.send_response(code)
        for k, v in {"Content-Type": "application/json", **(headers or {})}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


@pytest.fixture
def fake(tmp_path):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.requests, srv.fail_first, srv.fail_code = [], 0, 429  # type: ignore[attr-defined]
    srv.delay, srv.reply = 0.0, "yes"  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _llm(srv, tmp_path, key="right-key", **kw):
    url = f"http://127.0.0.1:{srv.server_address[1]}/v1"
    return sw.LLM(url, "m", api_key=key, cache=tmp_path / "calls.sqlite", **kw)


REQUEST = score_request("detection", "the word cat", "the cat sat")


def test_unreachable_server_is_a_clear_error(tmp_path):
    llm = sw.LLM(f"http://127.0.0.1:{_free_port()}/v1", "m", cache=tmp_path / "c.sqlite")
    with pytest.raises(sw.LLMError, match="cannot reach the LLM server.*start the server"):
        llm.chat([REQUEST], progress=False)


def test_unknown_model_names_the_served_ones(server, tmp_path):
    llm = sw.LLM(server.url, "no-such-model", cache=tmp_path / "c.sqlite")
    with pytest.raises(sw.LLMError, match="does not serve model 'no-such-model'") as e:
        llm.chat([REQUEST], progress=False)
    assert repr(server.model) in str(e.value)  # the models it does serve, from /v1/models


def test_wrong_key_is_a_clear_error(fake, tmp_path):
    with pytest.raises(sw.LLMError, match="rejected the API key.*HTTP 401"):
        _llm(fake, tmp_path, key="wrong").chat([REQUEST], progress=False)
    assert len(fake.requests) == 1  # not retried


@pytest.mark.parametrize("code", [429, 503])
def test_busy_server_is_retried_then_cached(fake, tmp_path, code):
    fake.fail_first, fake.fail_code = 2, code
    replies = _llm(fake, tmp_path).chat([REQUEST], progress=False)
    assert [r.text for r in replies] == ["yes"] and replies[0].error is None
    assert len(fake.requests) == 3
    again = _llm(fake, tmp_path).chat([REQUEST, REQUEST], progress=False)
    assert [r.cached for r in again] == [True, True] and len(fake.requests) == 3


def test_failures_after_every_retry_are_reported_not_raised(fake, tmp_path, monkeypatch):
    monkeypatch.setattr("saewidgets.autointerp._llm.BACKOFF_S", 0.0)
    fake.fail_first = 100
    (reply,) = _llm(fake, tmp_path).chat([REQUEST], progress=False)
    assert reply.text is None and "HTTP 429" in reply.error and "5 tries" in reply.error


def test_timeout_is_retried_and_reported(fake, tmp_path, monkeypatch):
    monkeypatch.setattr("saewidgets.autointerp._llm.BACKOFF_S", 0.0)
    monkeypatch.setattr("saewidgets.autointerp._llm.RETRIES", 1)
    fake.delay = 1.0
    (reply,) = _llm(fake, tmp_path, timeout=0.2).chat([REQUEST], progress=False)
    assert reply.text is None and "timeout=0.2" in reply.error


def test_unparseable_replies_count_as_wrong_and_are_reported(fake, tmp_path, small_store):
    fake.reply = "Perhaps, it is hard to say."
    f = int(np.flatnonzero(small_store.accumulators["count"] >= 30)[0])
    res = sw.score(small_store, {f: "anything"}, _llm(fake, tmp_path), n=3, progress=False)
    bd = res.breakdown[res.breakdown["variant"] == "explanation"]
    assert bd["prediction"].isna().all() and res["score_unparsed"][0] == len(bd)
    assert bd["truth"].any() and not bd["truth"].all() and res["score"][0] == 0.0
