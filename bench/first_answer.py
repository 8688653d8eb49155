"""Time to the first visible answer after "Entwürfe erstellen", with a warm worker (issue 18).

The product's path: the inquiry is stored, a drafting job is submitted to the in-process queue, the
worker thread (models loaded, index built: warmed by one job first) drafts and commits answer by
answer; we poll the job's row as the page does (it polls every ``[jobs] poll_seconds``, 0.5 s, which
is added to the figures). Two inquiries on the demo knowledge base: one whose first question is
answered from the data (the inventory), one whose first question the language model must draft
(the worker drafts what the data answers first, so the page shows that answer first), and one the
language model must draft throughout.

    python bench/first_answer.py        -> bench/results/first_answer.json and .md
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import peak_rss_mb, write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.inquiry.parse import parse_inquiry  # noqa: E402
from assistant.jobs.model import JobKind, JobRequest  # noqa: E402
from assistant.review.auth import Actor  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import load_settings  # noqa: E402
from assistant.usecases.jobs import queue_for  # noqa: E402

KB = ROOT / "knowledge_base" / "musterstadt"
CLERK = Actor("bench", frozenset({"sachbearbeitung"}))
WARM_UP = "Anfrage zum KI-Einsatz\n\n1. Gibt es eine Dienstvereinbarung zum Einsatz von KI?\n"
INQUIRIES = {
    "data first": "Anfrage zum KI-Einsatz\n\n1. Welche KI-Anwendungen setzt die Stadt ein?\n"
    "2. Welche Regeln gelten für die Nutzung von ChatGPT durch die Beschäftigten?\n",
    # a question not asked before in this process (the model server's prompt cache would flatter it)
    "model first": "Anfrage zum KI-Einsatz\n\n1. Wie werden die Beschäftigten im Umgang mit KI geschult?\n"
    "2. Welche KI-Anwendungen setzt die Stadt ein?\n",
    "model only": "Anfrage zum KI-Einsatz\n\n1. Wie wird der Datenschutz beim Einsatz von KI sichergestellt?\n"
    "2. Welche Regeln gelten für die Nutzung von ChatGPT durch die Beschäftigten?\n",
}


def _run(services: Services, text: str) -> dict[str, float | str]:
    inquiry = parse_inquiry(text)
    inquiry_id = services.review.create_inquiry(CLERK, inquiry, kb_path=str(KB))
    started = time.perf_counter()
    job = queue_for(services).submit(JobRequest(JobKind.DRAFT_INQUIRY, CLERK.name, CLERK.roles, inquiry_id))
    first, kind = 0.0, ""
    while True:
        row = services.jobs.get(job.id)
        assert row is not None
        if not first and row.done >= 1:
            first = time.perf_counter() - started
            shown = services.review.inquiry(inquiry_id).answers[0]  # the one answer stored so far
            kind = f"question {shown.question_id}, " + ("model" if shown.answer.model else "data")
        if row.state.finished:
            break
        time.sleep(0.05)
    return {"first_s": round(first, 2), "all_s": round(time.perf_counter() - started, 2), "first_from": kind}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        services = Services(load_settings(environ={}, overrides={"data_dir": tmp}))
        began = time.perf_counter()
        _run(services, WARM_UP)  # loads both models and builds the indexes, as a worker does once
        warm_up = round(time.perf_counter() - began, 1)
        figures = {name: _run(services, text) for name, text in INQUIRIES.items()}
    poll = services.settings.jobs.poll_seconds
    lines = [
        "# First visible answer with a warm worker (`python bench/first_answer.py`)",
        "",
        f"Warm-up job (model loading, index): {warm_up} s. The page polls every {poll} s; add that at most.",
        "",
        "| inquiry | first answer from | first answer stored (s) | page shows it by (s) | whole inquiry (s) |",
        "|---|---|---|---|---|",
    ]
    for name, found in figures.items():
        shown = round(float(found["first_s"]) + poll, 2)
        lines.append(f"| {name} | {found['first_from']} | {found['first_s']} | {shown} | {found['all_s']} |")
    lines += ["", f"Peak memory: {peak_rss_mb()} MB (one process: web side and worker thread)."]
    data = {"warm_up_s": warm_up, "poll_s": poll, "inquiries": figures, "peak_rss_mb": peak_rss_mb()}
    write_results(ROOT / "bench" / "results", "first_answer", data, lines)


if __name__ == "__main__":
    main()
