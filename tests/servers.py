"""Start a real server for a test on a free loopback port and stop it afterwards."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(
    command: Sequence[str],
    ready_url: str,
    *,
    timeout_s: float,
    env: Mapping[str, str] | None = None,
    log: IO[str] | None = None,
) -> Iterator[None]:
    """Run ``command`` until the block ends; wait until ``ready_url`` answers 200 first."""
    output = log if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(list(command), stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Server startete nicht: {' '.join(command)}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
