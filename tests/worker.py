"""A drafting worker process for the kill test: the product's claim loop and job runner on fake models.

``python -m tests.worker DATA_DIR`` takes jobs from the review database in DATA_DIR until killed;
its fake model (named as such) waits ``SLOW`` seconds per call, so a test can kill it mid-inquiry.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.backends.llm import Message
from assistant.services import Services
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.testing.services import fake_services
from assistant.usecases.jobs import work_threads

SLOW = 0.4
SETTINGS = {"jobs": {"queue": "database", "stalled_seconds": 3, "poll_seconds": 0.1}}


def slow(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    time.sleep(SLOW)
    return copying_responder(messages, schema)


def services(data_dir: Path, llm: FakeChatModel | None = None) -> Services:
    return fake_services(data_dir, llm or FakeChatModel(responder=slow), **SETTINGS)


if __name__ == "__main__":
    work_threads(services(Path(sys.argv[1])), threading.Event(), 1)
