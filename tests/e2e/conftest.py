"""Browser tests: the real app (fake models, see server.py) in a subprocess, Debian's chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The machine has no internet: without these flags chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(tmp_path: Path, name: str) -> tuple[str, subprocess.Popen[bytes]]:
    """One web process on ``tmp_path/data`` (the review database) and the knowledge-base copy ``tmp_path/kb``."""
    port = _free_port()
    log = (tmp_path / f"{name}.log").open("w")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GRADIO_ANALYTICS_ENABLED": "False"}
    kb = tmp_path / "kb"  # a copy: the knowledge-base tab writes to it
    if not kb.exists():
        shutil.copytree(ROOT / "knowledge_base" / "musterstadt", kb)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.server", str(tmp_path / "data"), str(port), str(kb)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"Server beendet: {(tmp_path / f'{name}.log').read_text()}")
            time.sleep(0.5)
    return f"http://127.0.0.1:{port}", process


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    url, process = _serve(tmp_path, "server")
    yield url
    _stop(process)


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two web processes sharing one review database, as behind a reverse proxy."""
    first, one = _serve(tmp_path, "server-1")
    second, two = _serve(tmp_path, "server-2")
    yield first, second
    _stop(one)
    _stop(two)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian-Paket chromium fehlt (make system-deps)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
