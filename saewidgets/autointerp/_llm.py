"""``LLM``: a chat model behind an OpenAI-compatible endpoint, or the embedded one in-process.

Calls run concurrently (``max_concurrency``), retry with exponential backoff on 429, 5xx,
timeouts and dropped connections, and are cached in SQLite keyed by model and request.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from tqdm.auto import tqdm

from saewidgets._errors import ArgumentError, count_arg
from saewidgets.autointerp._cache import CallCache, request_key
from saewidgets.autointerp._http import HttpTransport, Rejected, Transient
from saewidgets.demo._assets import cache_dir

RETRIES = 4
BACKOFF_S = 0.5
MAX_WAIT_S = 30.0
_DEFAULT = object()


class Transport(Protocol):
    def send(self, request: dict[str, Any]) -> tuple[str, int, int]: ...


@dataclass(frozen=True)
class Reply:
    """One call's outcome: the text (None when every try failed), tokens, cache hit, error."""

    text: str | None
    prompt_tokens: int
    completion_tokens: int
    cached: bool
    error: str | None


class _Progress:
    """A tqdm bar with calls, tokens and errors in its postfix."""

    def __init__(self, total: int, desc: str, show: bool) -> None:
        self.bar = tqdm(total=total, desc=desc, unit="call", disable=not show or total == 0)
        self.tokens = self.errors = self.cached = 0

    def done(self, reply: Reply) -> None:
        self.tokens += reply.prompt_tokens + reply.completion_tokens
        self.errors += reply.error is not None
        self.cached += reply.cached
        self.bar.set_postfix(
            tokens=self.tokens, errors=self.errors, cached=self.cached, refresh=False
        )
        self.bar.update()


class LLM:
    """A chat model at an OpenAI-compatible ``base_url`` (e.g. ``http://localhost:8000/v1``)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        max_concurrency: int = 8,
        timeout: float = 60,
        *,
        cache: str | os.PathLike[str] | None = _DEFAULT,  # type: ignore[assignment]
    ) -> None:
        if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
            raise ArgumentError(
                "base_url must be an http(s) URL such as 'http://localhost:8000/v1', "
                f"got {base_url!r}."
            )
        if not isinstance(model, str) or not model:
            raise ArgumentError(f"model must be the model's name on the server, got {model!r}.")
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ArgumentError(f"timeout must be a positive number of seconds, got {timeout!r}.")
        transport = HttpTransport(base_url, model, api_key, float(timeout))
        self._setup(model, transport, max_concurrency, cache)
        self.base_url = base_url

    def _setup(self, model: str, transport: Transport, max_concurrency: int, cache: Any) -> None:
        self.model = model
        self.max_concurrency = count_arg(max_concurrency, "max_concurrency", 1, 256)
        self._transport = transport
        if cache is _DEFAULT:
            cache = cache_dir() / "llm_calls.sqlite"
        self.cache = None if cache is None else CallCache(cache)

    @classmethod
    def embedded(cls, *, cache: str | os.PathLike[str] | None = _DEFAULT) -> LLM:  # type: ignore[assignment]
        """The embedded SmolLM2-135M-Instruct, run in this process: no server, no network."""
        from saewidgets.autointerp._embedded import EMBEDDED_NAME, EmbeddedTransport

        llm = cls.__new__(cls)
        llm._setup(EMBEDDED_NAME, EmbeddedTransport(), 1, cache)
        llm.base_url = "embedded"
        return llm

    def __repr__(self) -> str:
        return f"LLM({self.base_url!r}, {self.model!r}, max_concurrency={self.max_concurrency})"

    def chat(
        self, requests: Sequence[dict[str, Any]], desc: str = "LLM calls", progress: bool = True
    ) -> list[Reply]:
        """One Reply per request (``{"messages": [...], "max_tokens": n, ...}``), in order;
        identical requests are sent once.

        Raises LLMError when the server is unreachable, rejects the key or lacks the model; other
        failures (after retries) come back as a Reply with ``text=None`` and the error."""
        unique = list({request_key(self.model, r): r for r in requests}.items())
        bar = _Progress(len(unique), desc, progress)
        try:
            if self.max_concurrency == 1:
                got = [self._done(bar, self._call(k, r)) for k, r in unique]
            else:
                with ThreadPoolExecutor(self.max_concurrency) as pool:
                    futures = [pool.submit(self._call, k, r) for k, r in unique]
                    try:
                        got = [self._done(bar, f.result()) for f in futures]
                    except BaseException:
                        for f in futures:
                            f.cancel()
                        raise
        finally:
            bar.bar.close()
        replies = {k: reply for (k, _), reply in zip(unique, got, strict=True)}
        return [replies[request_key(self.model, r)] for r in requests]

    @staticmethod
    def _done(bar: _Progress, reply: Reply) -> Reply:
        bar.done(reply)
        return reply

    def _call(self, key: str, request: dict[str, Any]) -> Reply:
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is not None:
            return Reply(hit[0], hit[1], hit[2], True, None)
        error = ""
        for attempt in range(RETRIES + 1):
            try:
                got = self._transport.send(request)
            except Rejected as e:
                return Reply(None, 0, 0, False, str(e))
            except Transient as e:
                error = str(e)
                if attempt < RETRIES:
                    wait = e.retry_after if e.retry_after is not None else BACKOFF_S * 2**attempt
                    time.sleep(min(wait, MAX_WAIT_S))
                continue
            if self.cache is not None:
                self.cache.put(key, self.model, request, got)
            return Reply(got[0], got[1], got[2], False, None)
        return Reply(None, 0, 0, False, f"{error} (after {RETRIES + 1} tries)")
