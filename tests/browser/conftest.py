"""Browser-test fixtures: JupyterLab servers (Chromium itself: ``tests/browser/chromium.py``)."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Lab:
    """A JupyterLab server on localhost serving the folder ``root``."""

    root: Path
    base: str
    token: str

    def url(self, notebook: str) -> str:
        """The URL that opens ``notebook`` (a file in ``root``) in a workspace of its own, so
        notebooks opened by other tests are not restored next to it."""
        space = Path(notebook).stem
        return f"{self.base}/lab/workspaces/{space}/tree/{notebook}?token={self.token}"

    def write_notebook(self, name: str, sources: list[str]) -> None:
        """Write a notebook of code cells with ``sources`` (no outputs) into ``root``."""
        cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
        kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook = {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {"kernelspec": kernel},
            "cells": [{**cell, "id": f"c{i}", "source": src} for i, src in enumerate(sources)],
        }
        (self.root / name).write_text(json.dumps(notebook), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """One JupyterLab 4 for every end-to-end test (each writes its own notebook into root)."""
    root = tmp_path_factory.mktemp("lab")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(root / ".workspaces"),
    }
    # Voilà's "Render with Voilà" button (installed for tests/browser/test_voila.py) would push
    # the notebook toolbar's execution indicator, which the tests wait on, into its overflow menu
    labconfig = root / ".config" / "labconfig"
    labconfig.mkdir(parents=True)
    disabled = {"disabledExtensions": {"@voila-dashboards/jupyterlab-preview": True}}
    (labconfig / "page_config.json").write_text(json.dumps(disabled))
    log = (root / "lab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--allow-root",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    log_text = (root / "lab.log").read_text()
                    raise RuntimeError(f"JupyterLab did not start: {log_text}") from None
                time.sleep(0.5)
        yield Lab(root, base, token)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
