"""One run of the load test (``bench/load_test.py`` starts the processes): seed, drive, kill, check, report."""

from __future__ import annotations

import signal
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import peak_rss_mb, write_results
from load_clerks import Tally, Work, approver, clerk, start

from assistant.domain import Answer, Inquiry, Question
from assistant.inquiry.parse import parse_inquiry
from assistant.jobs.model import JobKind, JobRequest, JobState
from assistant.review.auth import Actor
from assistant.review.states import AnswerState
from assistant.services import Services
from assistant.usecases.jobs import queue_for

ROOT = Path(__file__).resolve().parent.parent
RUN_LIMIT_S = 1800.0  # clerks, drafting and approvals together; what is unfinished then is reported so
QUESTIONS = (
    "Welche KI-Anwendungen setzt die Stadt ein?",
    "Welche Regeln gelten für die Nutzung von ChatGPT durch die Beschäftigten?",
    "Gibt es eine Dienstvereinbarung zum Einsatz von KI?",
    "Wie werden die Beschäftigten im Umgang mit KI geschult?",
    "Welche Haushaltsmittel sind für KI vorgesehen?",
    "Wie wird der Datenschutz beim Einsatz von KI sichergestellt?",
    "Gibt es eine KI-Strategie der Stadt?",
)


@dataclass(frozen=True)
class Plan:
    """How many people do what (``--clerks`` etc. of ``bench/load_test.py``)."""

    clerks: int = 16
    approvers: int = 4
    rounds: int = 2  # every answer is edited and saved this often
    redrafters: int = 2  # clerks who first have one answer redrafted (a job of highest priority)


SUBMITTER = Actor("lasttest", frozenset({"sachbearbeitung"}))


def _password(name: str) -> str:
    return f"lasttest-{name}-passwort"


@dataclass
class Killed:
    """The worker killed mid-inquiry: which job, how far it was, and when."""

    job_id: int = 0
    pid: int = 0
    done_at_kill: int = 0
    total: int = 0
    at: float = 0.0


@dataclass
class Run:
    stack: Any  # load_test.Stack
    services: Services
    kb: Path
    plan: Plan
    tallies: dict[str, Tally] = field(default_factory=dict)
    killed: Killed = field(default_factory=Killed)
    finished: dict[int, float] = field(default_factory=dict)  # drafting job -> seconds after submission
    redrafts: dict[int, dict[str, float]] = field(default_factory=dict)  # job -> created, claimed, finished

    def go(self, works: list[Work]) -> dict[str, Any]:
        """Submit the drafting, let the people work, wait for all (bounded), check and measure."""
        drafting = self._submit()
        began = time.monotonic()
        stop = threading.Event()
        given: list[list[tuple[int, int]]] = [[] for _ in range(self.plan.approvers)]
        threads = [start(clerk, work, self.tallies.setdefault(work.name, Tally())) for work in works]
        for number in range(self.plan.approvers):
            name = f"freigabe-{number + 1}"
            base = self.stack.webs[number % 2]
            start(approver, base, name, _password(name), given[number], self.tallies.setdefault(name, Tally()), stop)
        watcher = start(self._watch, drafting, began, stop)
        start(self._watch_redrafts, works, stop)
        feeder = start(self._feed, works, given, stop)
        deadline = began + RUN_LIMIT_S
        for thread in threads:
            thread.join(max(deadline - time.monotonic(), 0))
        clerks_s = time.monotonic() - began
        self._until(lambda: self._all_approved(works) and len(self.finished) == len(drafting), deadline)
        stop.set()
        feeder.join(10)
        watcher.join(10)
        time.sleep(2)  # the approvers' last actions
        return self._figures(works, drafting, clerks_s)

    def _until(self, done: Any, deadline: float) -> None:
        while time.monotonic() < deadline and not done():
            time.sleep(1)

    def seed(self) -> list[Work]:
        """The people, and per clerk an inquiry with seeded drafts (written here, not by the model)."""
        users = self.services.users
        users.add(SUBMITTER.name, _password(SUBMITTER.name), "sachbearbeitung", "Lasttest")
        for number in range(self.plan.approvers):
            users.add(f"freigabe-{number + 1}", _password(f"freigabe-{number + 1}"), "freigabe")
        works = []
        for number in range(self.plan.clerks):
            name = f"sachbearbeitung-{number + 1:02d}"
            actor = users.add(name, _password(name), "sachbearbeitung")
            asked = [QUESTIONS[(number + k) % len(QUESTIONS)] for k in range(5)]
            inquiry = Inquiry(
                kind="Anfrage",
                questions=tuple(Question(str(k), f"{k}.", text) for k, text in enumerate(asked, 1)),
                sender=f"Fraktion {number + 1}",
                date="01.12.2026",
                subject=f"KI in der Verwaltung ({name})",
            )
            inquiry_id = self.services.review.create_inquiry(actor, inquiry, kb_path=str(self.kb))
            answers = tuple(
                self.services.review.add_draft(
                    actor, inquiry_id, Answer(q.id, "answered", f"Vorgabe des Lasttests zu Frage {q.id}."),
                    {"model": "Vorgabe des Lasttests"},
                )
                for q in inquiry.questions
            )  # fmt: skip
            base = self.stack.webs[number % 2]
            works.append(
                Work(base, name, _password(name), inquiry_id, answers, self.plan.rounds, number < self.plan.redrafters)
            )
        return works

    def _submit(self) -> dict[int, int]:
        """Three inquiries of four questions to draft; drafting job id -> inquiry id."""
        queue = queue_for(self.services)
        jobs = {}
        for k in range(3):
            text = "Anfrage zum KI-Einsatz\n\n" + "".join(
                f"{n}. {QUESTIONS[(k * 2 + n) % len(QUESTIONS)]}\n" for n in range(1, 5)
            )
            inquiry_id = self.services.review.create_inquiry(SUBMITTER, parse_inquiry(text), kb_path=str(self.kb))
            job = queue.submit(JobRequest(JobKind.DRAFT_INQUIRY, SUBMITTER.name, SUBMITTER.roles, inquiry_id))
            jobs[job.id] = inquiry_id
        return jobs

    def _watch(self, drafting: dict[int, int], began: float, stop: threading.Event) -> None:
        """Kill the worker of the first job that has stored an answer but not all, start another; note when
        each drafting job finishes."""
        while not stop.is_set() and len(self.finished) < len(drafting):
            for job_id in drafting:
                job = self.services.jobs.get(job_id)
                if job is None or job_id in self.finished:
                    continue
                if job.state.finished:
                    self.finished[job_id] = time.monotonic() - began
                elif not self.killed.job_id and job.state is JobState.RUNNING and 1 <= job.done < job.total:
                    self._kill(job.id, job.worker, job.done, job.total, time.monotonic() - began)
            time.sleep(0.2)

    def _watch_redrafts(self, works: list[Work], stop: threading.Event) -> None:
        """When each clerk's redraft job was submitted, taken by a worker and finished (wall-clock seconds)."""
        inquiries = [w.inquiry_id for w in works if w.redraft]
        while not stop.is_set():
            for inquiry_id in inquiries:
                job = self.services.jobs.latest(inquiry_id)
                if job is None or job.request.kind != JobKind.REDRAFT_ANSWER:
                    continue
                seen = self.redrafts.setdefault(job.id, {"created": job.created})
                if job.state != JobState.QUEUED and "claimed" not in seen:
                    seen["claimed"] = time.time()
                if job.state.finished and "finished" not in seen:
                    seen["finished"] = time.time()
            time.sleep(0.2)

    def _kill(self, job_id: int, worker: str, done: int, total: int, at: float) -> None:
        pid = int(worker.split(":")[1])
        for name, proc in list(self.stack.procs.items()):
            if name.startswith("worker-") and proc.pid == pid:
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                self.killed = Killed(job_id, pid, done, total, at)
                self.stack.assistant("worker-3", "worker")
                return

    def _feed(self, works: list[Work], given: list[list[tuple[int, int]]], stop: threading.Event) -> None:
        """Hand every answer given to review to an approver (as the overview shows it to them)."""
        handed: set[int] = set()
        while not stop.is_set():
            for number, work in enumerate(works):
                for view in self.services.review.inquiry(work.inquiry_id).answers:
                    if view.state == AnswerState.IN_REVIEW and view.id not in handed:
                        handed.add(view.id)
                        given[number % len(given)].append((work.inquiry_id, view.id))
            time.sleep(1)

    def _views(self, works: list[Work]) -> list[Any]:
        return [view for work in works for view in self.services.review.inquiry(work.inquiry_id).answers]

    def _all_approved(self, works: list[Work]) -> bool:
        return all(view.state == AnswerState.APPROVED for view in self._views(works))

    def _figures(self, works: list[Work], drafting: dict[int, int], clerks_s: float) -> dict[str, Any]:
        return {
            "people": vars(self.plan),
            "processes": {"web": 2, "workers": 2, "model_server": "llama-cpp-python", "queue": "database"},
            "actions": _latencies(self.tallies),
            "clerks_done_s": round(clerks_s, 1),
            "drafting": self._drafting(drafting),
            "killed_worker": vars(self.killed),
            "redraft_jobs": [
                {
                    "waited_for_a_worker_s": round(r.get("claimed", r["created"]) - r["created"], 1),
                    "drafting_s": round(r.get("finished", r.get("claimed", 0)) - r.get("claimed", 0), 1),
                }
                for r in self.redrafts.values()
            ],
            "lost_edits": self._lost(works),
            "approved": sum(v.state == AnswerState.APPROVED for v in self._views(works)),
            "answers_to_approve": self.plan.clerks * 5,
            "errors": [e for t in self.tallies.values() for e in t.errors][:10],
            "peak_rss_mb_script": peak_rss_mb(),
        }

    def _drafting(self, drafting: dict[int, int]) -> dict[str, Any]:
        jobs = {job_id: self.services.jobs.get(job_id) for job_id in drafting}
        states = [job.state.value if job else "missing" for job in jobs.values()]
        drafted = twice = 0
        for inquiry_id in drafting.values():
            events = [e for e in self.services.review.events(inquiry_id) if e.action == "answer.draft"]
            questions = [e.detail for e in events]
            drafted += len(events)
            twice += len(questions) - len(set(questions))
        minutes = max(self.finished.values(), default=0.0) / 60
        return {
            "jobs": len(drafting),
            "states": states,
            "failed_jobs": sum(s != JobState.DONE.value for s in states),
            "answers_drafted": drafted,
            "drafted_twice": twice,
            "minutes": round(minutes, 2),
            "answers_per_minute": round(drafted / minutes, 2) if minutes else 0.0,
            "finished_after_s": {str(k): round(v, 1) for k, v in sorted(self.finished.items())},
            "resumed_by": getattr(jobs.get(self.killed.job_id), "worker", ""),
        }

    def _lost(self, works: list[Work]) -> int:
        """Answers whose text at the end is not the last save the page confirmed."""
        lost = 0
        for work in works:
            saved = self.tallies[work.name].saved
            for answer_id, text in saved.items():
                if self.services.review.answer(answer_id).answer.text != text:
                    lost += 1
        return lost


def _latencies(tallies: dict[str, Tally]) -> dict[str, dict[str, float]]:
    per: dict[str, list[tuple[float, bool]]] = {}
    for tally in tallies.values():
        for action, seconds, ok in tally.actions:
            per.setdefault(action, []).append((seconds, ok))
    table = {}
    for action, found in per.items():
        times = sorted(s for s, _ in found)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) >= 2 else times[0]
        table[action] = {
            "n": len(times),
            "failed": sum(not ok for _, ok in found),
            "p50_s": round(statistics.median(times), 2),
            "p95_s": round(p95, 2),
            "max_s": round(times[-1], 2),
        }
    return table


def report(figures: dict[str, Any]) -> None:
    drafting, killed = figures["drafting"], figures["killed_worker"]
    lines = [
        '# Load test (`python bench/load_test.py "$(scripts/test-postgres.sh)"`)',
        "",
        f"{figures['people']['clerks']} clerks and {figures['people']['approvers']} approvers over HTTP against "
        "two web processes on one PostgreSQL database; three inquiries drafting in two workers against one "
        "llama-cpp-python server. All on this machine.",
        "",
        "| review action | n | failed | p50 (s) | p95 (s) | max (s) |",
        "|---|---|---|---|---|---|",
    ]
    for action, row in figures["actions"].items():
        lines.append(f"| {action} | {row['n']} | {row['failed']} | {row['p50_s']} | {row['p95_s']} | {row['max_s']} |")
    lines += [
        "",
        f"- Clerks done after {figures['clerks_done_s']} s; approved {figures['approved']} of "
        f"{figures['answers_to_approve']} answers.",
        f"- Drafting: {drafting['answers_drafted']} answers in {drafting['minutes']} min = "
        f"**{drafting['answers_per_minute']} answers per minute**; job states {drafting['states']}.",
        "- Redraft jobs (the clerk waits in the page; seconds waiting for a worker + drafting): "
        + (", ".join(f"{r['waited_for_a_worker_s']} + {r['drafting_s']}" for r in figures["redraft_jobs"]) or "–")
        + ".",
        f"- Worker killed (SIGKILL) in job {killed['job_id']} after {killed['done_at_kill']} of {killed['total']} "
        f"answers, {round(killed['at'], 1)} s in; finished by {drafting['resumed_by'] or '–'}.",
        f"- **Lost edits: {figures['lost_edits']}. Failed jobs: {drafting['failed_jobs']}. "
        f"Answers drafted twice: {drafting['drafted_twice']}.**",
    ]
    if figures["errors"]:
        lines += ["", "Errors (first ten):", *(f"- {e}" for e in figures["errors"])]
    write_results(ROOT / "bench" / "results", "load_test", figures, lines)
