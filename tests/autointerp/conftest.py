"""A real OpenAI-compatible server on localhost: ``transformers serve`` with a tiny model made here.

The model is a random 3-layer Llama whose output layer can only say "1" or "0" (which one depends
on the prompt), so its replies parse as yes/no answers and as (meaningless) explanations.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import helpers

CHAT_TEMPLATE = (
    "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}assistant:{% endif %}"
)
START_TIMEOUT_S = 300


@dataclass(frozen=True)
class Server:
    url: str
    model: str
    log: Path

    def chat_requests(self) -> int:
        """How many chat completions the server has answered so far (from its access log, once
        it has stopped growing: a line may land just after its reply)."""
        count = -1
        while True:
            now = self.log.read_text(errors="replace").count("POST /v1/chat/completions")
            if now == count:
                return now
            count = now
            time.sleep(0.3)


def build_answer_model(folder: Path) -> Path:
    """Save the tiny yes/no model and its tokenizer (with a chat template) in ``folder``."""
    import torch

    tokenizer = helpers.build_tokenizer(folder)
    tokenizer.chat_template = CHAT_TEMPLATE
    model = helpers.build_hf_llama(tokenizer, seed=3)
    one, zero = tokenizer.convert_tokens_to_ids(["1", "0"])
    with torch.no_grad():
        model.lm_head.weight.zero_()
        model.lm_head.weight[one, 0], model.lm_head.weight[zero, 0] = 10.0, -10.0
    model.generation_config.eos_token_id = None
    model.config.max_position_embeddings = 4096  # rotary: any length; prompts run to ~1,000
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"transformers serve exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"transformers serve did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session", autouse=True)
def _boot(tmp_path_factory: pytest.TempPathFactory):
    """Start ``transformers serve`` (tiny yes/no model, free local port) as the session starts, so
    it boots while other fixtures build; ``server`` waits for it."""
    folder = build_answer_model(tmp_path_factory.mktemp("answer_model"))
    log = folder.parent / "serve.log"
    port = _free_port()
    cmd = [sys.executable, "-m", "transformers.cli.transformers", "serve", str(folder)]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--device", "cpu", "--log-level", "info"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield proc, Server(f"http://127.0.0.1:{port}/v1", str(folder), log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def server(_boot) -> Server:
    """The running ``transformers serve``."""
    proc, srv = _boot
    _wait(srv.url.removesuffix("/v1"), proc, srv.log)
    return srv
