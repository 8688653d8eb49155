"""A worker process killed with SIGKILL mid-inquiry: the next worker process finishes the job, and no
answer is drafted twice (the product's claim loop, job runner and database; fake models)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.inquiry.parse import parse_inquiry
from assistant.jobs.model import JobKind, JobRequest, JobState
from assistant.jobs.queue import DatabaseQueue
from assistant.review.auth import Actor
from tests import worker
from tests.conftest import DEMO_KB, ROOT

CLERK = Actor("sb", frozenset({"sachbearbeitung"}))
INQUIRY = """Anfrage der Fraktion X zum KI-Einsatz

1. Welche KI-Anwendungen setzt die Stadt ein?
2. Gibt es eine Dienstvereinbarung zum Einsatz von KI?
3. Wie werden die Beschäftigten geschult?
4. Wer prüft die Ergebnisse des Chatbots?
5. Welche Daten verarbeitet die Transkription von Sitzungen?
"""


def _start(data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.worker", str(data)], cwd=ROOT, env=env)


def _wait(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_worker_killed_mid_inquiry_is_replaced_and_no_answer_is_drafted_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    page = worker.services(data)  # the web process's side: it only stores and submits
    inquiry = parse_inquiry(INQUIRY)
    inquiry_id = page.review.create_inquiry(CLERK, inquiry, kb_path=str(DEMO_KB))
    job = DatabaseQueue(page.jobs).submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id))
    first = _start(data)
    try:
        _wait(lambda: len(page.review.inquiry(inquiry_id).answers) >= 1)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    kept = {a.question_id: a.id for a in page.review.inquiry(inquiry_id).answers}
    running = page.jobs.get(job.id)
    assert running is not None and running.state == JobState.RUNNING and len(kept) < len(inquiry.answerable())
    second = _start(data)
    try:
        _wait(lambda: (page.jobs.get(job.id) or running).state.finished)
    finally:
        second.kill()
        second.wait(timeout=10)
    done = page.jobs.get(job.id)
    view = page.review.inquiry(inquiry_id)
    assert done is not None and done.state == JobState.DONE and done.worker != running.worker
    assert sorted(a.question_id for a in view.answers) == sorted(q.id for q in inquiry.answerable())
    assert all(a.version == 1 for a in view.answers)  # none drafted again
    assert {a.question_id: a.id for a in view.answers if a.question_id in kept} == kept
