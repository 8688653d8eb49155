"""Drafting jobs: what a worker does with one (``run_job``), which queue a process uses
(``queue_for``) and the worker loops of ``assistant worker`` (``work_threads``, ``run_procrastinate``).

A job runs as the actor who submitted it, with the roles the web process authorized; the review
workflow checks every write with them, as it does for a request of the page. Progress (each answer,
and the model's text at most every ``REPORT_EVERY`` seconds) and a heartbeat go to the job's row; a
cancellation is seen at the next report and stops the model; what was drafted so far stays stored.
Models and indexes are loaded once per process (``Services`` keeps them).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.domain import Answer, Question
from assistant.errors import AssistantError
from assistant.jobs.model import Job, JobCancelled, JobKind, JobState, JobYielded
from assistant.jobs.queue import (
    QUEUE,
    TASK,
    DatabaseQueue,
    InProcessQueue,
    JobQueue,
    ProcrastinateQueue,
    procrastinate_app,
    work,
    worker_name,
)
from assistant.jobs.store import JobStore
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.usecases import evaluations, inputs, knowledge, memory
from assistant.usecases.drafting import draft_into_review, redraft_answer

if TYPE_CHECKING:
    import procrastinate

REPORT_EVERY = 1.0  # seconds between two reports of streamed text
HEARTBEATS = 4  # per [jobs] stalled_seconds: a job whose heartbeat is older than that is taken over


class _Reporter:
    """Progress of one job into the store; raises ``JobCancelled`` once the job was cancelled, and
    ``JobYielded`` after a stored answer of an inquiry when a more urgent job waits."""

    def __init__(self, store: JobStore, job: Job, clock: Callable[[], float]) -> None:
        self._store, self._job, self._clock = store, job, clock
        self._done, self._total, self._current = 0, 0, ""
        self._last = 0.0

    def answer(self, number: int, total: int, question: Question, answer: Answer | None) -> None:
        # numbers count the answers this run drafts (after a restart: the ones still missing)
        self._total, self._current = total, question.id
        self._done = number if answer is not None else number - 1
        self._send("")
        request = self._job.request
        inquiry = request.kind == JobKind.DRAFT_INQUIRY
        if inquiry and answer is not None and number < total and self._store.urgent(request.priority):
            raise JobYielded()

    def chunks(self, done: int, total: int) -> None:
        """A reindex's or an evaluation's progress: sections embedded, questions drafted (reported at most
        every ``REPORT_EVERY``)."""
        if self._clock() - self._last >= REPORT_EVERY or done == total:
            self._done, self._total = done, total
            self._send("")

    def text(self, question: Question, live: str) -> None:
        if self._clock() - self._last >= REPORT_EVERY:
            self._current = question.id
            self._send(live)

    def _send(self, live: str) -> None:
        self._last = self._clock()
        state = self._store.report(
            self._job.id, self._last, done=self._done, total=self._total, current=self._current, live=live
        )
        if state == JobState.CANCELLED:
            raise JobCancelled()


def _heartbeat(store: JobStore, job_id: int, stop: threading.Event, clock: Callable[[], float], every: float) -> None:
    while not stop.wait(every):
        store.beat(job_id, clock())


def run_job(services: Services, store: JobStore, job: Job, clock: Callable[[], float] = time.time) -> JobState:
    """Run a claimed job to its end; the state it ended in (also stored). ``QUEUED``: it gave way to
    a more urgent job and waits again (the next claim takes that one first)."""
    stop = threading.Event()
    every = services.settings.jobs.stalled_seconds / HEARTBEATS
    beating = threading.Thread(target=_heartbeat, args=(store, job.id, stop, clock, every), daemon=True)
    beating.start()
    summary = ""
    try:
        summary = _execute(services, store, job, clock)
        state, error = JobState.DONE, ""
    except JobCancelled:
        state, error = JobState.CANCELLED, ""
    except JobYielded:
        store.release(job.id)
        return JobState.QUEUED
    except AssistantError as exc:
        state, error = JobState.FAILED, exc.render()
    except Exception as exc:  # the page says what failed; the worker goes on with the next job
        state, error = JobState.FAILED, f"{type(exc).__name__}: {exc}"
    finally:
        stop.set()
    store.finish(job.id, state, error, summary)
    return state


def _execute(services: Services, store: JobStore, job: Job, clock: Callable[[], float]) -> str:
    """Do the job; what the page shows once it is done ("" for drafting: the answers show)."""
    request = job.request
    actor = Actor(request.actor, request.roles)
    reporter = _Reporter(store, job, clock)
    review = services.review
    if request.kind == JobKind.REINDEX:
        report = knowledge.reindex(services, actor, Path(str(request.payload["kb"])), reporter.chunks)
        return report.counts()
    if request.kind == JobKind.EVALUATION:
        cases, target = Path(str(request.payload["cases"])), Path(str(request.payload["report"]))
        sets = [str(s) for s in request.payload.get("sets", ())]
        return evaluations.run(services, cases, target, sets, reporter.chunks)
    assert request.inquiry_id is not None
    if request.kind == JobKind.INPUT_REDRAFT:
        assert request.answer_id is not None
        document, department = str(request.payload["document"]), str(request.payload["department"])
        inputs.draft_from(services, actor, inputs.Supplied(request.inquiry_id, request.answer_id, document, department))
        return ""
    if request.kind == JobKind.DRAFT_INQUIRY:
        memory.remember_questions(services, request.inquiry_id)  # the page offers earlier replies with them
        view = review.inquiry(request.inquiry_id)
        draft_into_review(
            services,
            review,
            actor,
            Path(view.kb_path),
            view.inquiry,
            inquiry_id=request.inquiry_id,
            progress=reporter.answer,
            on_text=reporter.text,
        )
    else:
        assert request.answer_id is not None
        version = int(request.payload.get("expected_version", 0))
        picked = tuple(str(p) for p in request.payload.get("picked", ()))
        redraft_answer(services, review, actor, request.answer_id, version, picked)
    return ""


_queues: weakref.WeakKeyDictionary[Services, JobQueue] = weakref.WeakKeyDictionary()
_queues_lock = threading.Lock()


def queue_for(services: Services) -> JobQueue:
    """The queue of this process's services ([jobs] queue), the same object on every call."""
    with _queues_lock:
        if services not in _queues:
            _queues[services] = _new_queue(services)
        return _queues[services]


def _new_queue(services: Services) -> JobQueue:
    settings = services.settings
    if settings.jobs.queue == "procrastinate":
        return ProcrastinateQueue(services.jobs, procrastinate_app(settings.database_url()))
    if settings.jobs.queue == "database":
        return DatabaseQueue(services.jobs)
    return InProcessQueue(services.jobs, partial(run_job, services, services.jobs), settings.jobs)


def work_threads(services: Services, stop: threading.Event, threads: int, *, once: bool = False) -> int:
    """``threads`` database workers in this process (a model server with parallel slots serves them);
    the number of jobs run."""
    runner = partial(run_job, services, services.jobs)
    counts: list[int] = []

    def one(name: str) -> None:
        counts.append(work(services.jobs, runner, stop, name, services.settings.jobs, once=once))

    pool = [threading.Thread(target=one, args=(worker_name(f"worker-{i}"),), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        while thread.is_alive():
            thread.join(timeout=1.0)
    return sum(counts)


def run_procrastinate(services: Services, threads: int, *, wait: bool = True) -> None:
    """procrastinate's worker on the review database: ``threads`` jobs at a time, stalled jobs of a
    killed worker retried every minute (``wait=False``: end when no job is waiting)."""
    app = procrastinate_app(services.settings.database_url())
    app.close()
    _register(app, services, services.jobs)
    app.run_worker(queues=[QUEUE], concurrency=threads, name=worker_name("procrastinate"), wait=wait)


def _register(app: procrastinate.App, services: Services, store: JobStore) -> None:
    @app.task(name=TASK, queue=QUEUE)
    def draft(job_id: int) -> None:
        now = time.time()  # a retried job is taken over once its own heartbeat is surely stale, too
        job = store.start(job_id, worker_name("procrastinate"), now, now - services.settings.jobs.stalled_seconds / 2)
        # None: cancelled, finished or taken by another worker meanwhile, nothing to do. QUEUED: it gave
        # way to a more urgent job (procrastinate runs that next) and is deferred again to resume.
        if job is not None and run_job(services, store, job) == JobState.QUEUED:
            app.configure_task(TASK, queue=QUEUE, priority=job.request.priority).defer(job_id=job.id)

    @app.periodic(cron="* * * * *", periodic_id="retry-stalled")
    @app.task(name="assistant.retry_stalled", queue=QUEUE, priority=100, queueing_lock="stalled", pass_context=True)
    async def retry_stalled(context: procrastinate.JobContext, timestamp: int) -> None:
        seconds = services.settings.jobs.stalled_seconds
        for job in await context.app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
            await context.app.job_manager.retry_job(job)
