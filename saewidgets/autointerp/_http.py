"""One chat-completion request to an OpenAI-compatible server (standard library only).

Errors are sorted in two: ``Transient`` (429, 5xx, a timeout, a dropped connection: worth retrying)
, ``Rejected`` (this one request refused, e.g. too long) and ``LLMError`` (unreachable server,
wrong key, unknown model: no call can succeed).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from saewidgets._errors import LLMError


class Rejected(Exception):
    """The server refused this one request (e.g. a prompt too long for the model): no retry."""


class Transient(Exception):
    """A failure worth retrying; ``retry_after`` is the server's Retry-After in seconds, if any."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _open(url: str, headers: dict[str, str], body: bytes | None, timeout: float) -> bytes:
    req = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return bytes(resp.read())


def _server_message(err: urllib.error.HTTPError) -> str:
    try:
        text = err.read().decode("utf-8", "replace")
    except OSError:
        return err.reason or ""
    try:
        data = json.loads(text)
    except ValueError:
        return text[:300]
    if isinstance(data, dict):
        inner = data.get("error", data.get("detail", data))
        if isinstance(inner, dict):
            inner = inner.get("message", inner)
        return str(inner)[:300]
    return text[:300]


def _retry_after(err: urllib.error.HTTPError) -> float | None:
    value = err.headers.get("Retry-After") if err.headers else None
    try:
        return None if value is None else max(0.0, float(value))
    except ValueError:
        return None


class HttpTransport:
    """Posts chat requests to ``<base_url>/chat/completions``."""

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout: float) -> None:
        self.base_url, self.model, self.timeout = base_url.rstrip("/"), model, timeout
        self.headers = {"Content-Type": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"

    def send(self, request: dict[str, Any]) -> tuple[str, int, int]:
        """The reply text and its prompt and completion token counts."""
        sent = {k: v for k, v in request.items() if k != "choice"}  # not an OpenAI parameter
        body = json.dumps({"model": self.model, **sent}).encode()
        try:
            raw = _open(f"{self.base_url}/chat/completions", self.headers, body, self.timeout)
        except urllib.error.HTTPError as e:
            raise self._http_error(e) from e
        except TimeoutError as e:
            raise Transient(f"no reply within timeout={self.timeout:g} s") from e
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise Transient(f"no reply within timeout={self.timeout:g} s") from e
            raise LLMError(
                f"cannot reach the LLM server at {self.base_url} ({e.reason}). Fix: start the "
                "server, or check base_url (host, port, and the /v1 most servers expect)."
            ) from e
        except (ConnectionError, OSError) as e:  # dropped mid-reply
            raise Transient(f"connection dropped: {e}") from e
        return self._parse(raw)

    def _parse(self, raw: bytes) -> tuple[str, int, int]:
        try:
            data = json.loads(raw)
            text = data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as e:
            raise Transient(f"the server's reply is not a chat completion: {raw[:200]!r}") from e
        usage = data.get("usage") or {}
        return (
            str(text),
            int(usage.get("prompt_tokens") or 0),
            int(usage.get("completion_tokens") or 0),
        )

    def _http_error(self, e: urllib.error.HTTPError) -> Exception:
        msg = _server_message(e)
        if e.code == 429 or e.code >= 500:
            return Transient(f"HTTP {e.code}: {msg}", _retry_after(e))
        if e.code in (401, 403):
            return LLMError(
                f"the LLM server at {self.base_url} rejected the API key (HTTP {e.code}: {msg}). "
                "Fix: pass the right api_key= (or none for a local server that needs none)."
            )
        if e.code == 404 or (e.code in (400, 422) and self.model in msg):
            return LLMError(
                f"the LLM server at {self.base_url} does not serve model {self.model!r} "
                f"(HTTP {e.code}: {msg}). Fix: use a model it lists{self._models_hint()}, and "
                "check that base_url ends where the API starts (usually .../v1)."
            )
        return LLMError(
            f"the LLM server at {self.base_url} refused the request (HTTP {e.code}: {msg})."
        )

    def _models_hint(self) -> str:
        try:
            data = json.loads(_open(f"{self.base_url}/models", self.headers, None, self.timeout))
            names = [str(m["id"]) for m in data.get("data", [])][:10]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return ""
        return f" ({', '.join(repr(n) for n in names)})" if names else ""
