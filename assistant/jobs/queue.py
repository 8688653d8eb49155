"""How a submitted job reaches a worker, chosen by ``[jobs] queue``.

- ``in-process`` (default, one office): the job is a row of ``drafting_jobs``; a thread of the web
  process takes it. The model is loaded in the web process.
- ``database``: the same table, taken by separate ``assistant worker`` processes (SQLite on one
  machine, PostgreSQL across machines); the web process never loads the model.
- ``procrastinate``: PostgreSQL only; the job is also deferred to procrastinate (an existing job
  queue: LISTEN/NOTIFY, priorities, worker heartbeats, stalled-job retry), whose workers
  (``assistant worker``) run it. The table keeps what the page shows.

What a worker does with a job is ``usecases.jobs.run_job``; ``usecases.jobs.queue_for`` picks the
variant. Tests: ``tests/unit/test_jobs.py``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from assistant.errors import BackendError, ConfigError
from assistant.jobs.model import Job, JobRequest, JobState
from assistant.jobs.store import JobStore

if TYPE_CHECKING:
    from assistant.settings import JobsSettings

Runner = Callable[[Job], JobState]  # runs a claimed job to its end (``usecases.jobs.run_job`` bound to services)
_log = logging.getLogger(__name__)

TASK = "assistant.draft"  # procrastinate's name of the task that runs one job
QUEUE = "drafting"


class JobQueue(Protocol):
    store: JobStore

    def submit(self, request: JobRequest) -> Job: ...

    def cancel(self, job_id: int) -> bool: ...


class DatabaseQueue:
    """Jobs as rows; ``assistant worker`` processes claim them."""

    def __init__(self, store: JobStore, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self._clock = clock

    def submit(self, request: JobRequest) -> Job:
        return self.store.add(request, self._clock())

    def cancel(self, job_id: int) -> bool:
        return self.store.cancel(job_id)


class InProcessQueue(DatabaseQueue):
    """Jobs as rows, taken by a thread of this process: ``assistant serve`` starts one that stays
    (``start``; it also takes over the jobs of a killed server); elsewhere (the CLI, tests) a thread
    is started by ``submit`` and ends when no job is left."""

    def __init__(
        self, store: JobStore, runner: Runner, settings: JobsSettings, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(store, clock)
        self._runner, self._settings = runner, settings
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # a submit never misses a thread that is about to end
        self.stop = threading.Event()

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                args = (self.store, self._runner, self.stop, worker_name("in-process"), self._settings)
                self._thread = threading.Thread(target=work, args=args, name="drafting-worker", daemon=True)
                self._thread.start()

    def submit(self, request: JobRequest) -> Job:
        with self._lock:
            job = self.store.add(request, self._clock())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._drain, name="drafting-worker", daemon=True)
                self._thread.start()
        return job

    def _drain(self) -> None:
        name, stalled = worker_name("in-process"), self._settings.stalled_seconds
        while True:
            with self._lock:
                now = self._clock()
                job = self.store.claim(name, now, now - stalled)
                if job is None:
                    self._thread = None
                    return
            self._runner(job)


class ProcrastinateQueue(DatabaseQueue):
    """Jobs as rows, each deferred to procrastinate with its priority."""

    def __init__(self, store: JobStore, app: Any, clock: Callable[[], float] = time.time) -> None:
        super().__init__(store, clock)
        self.app = app

    def submit(self, request: JobRequest) -> Job:
        job = super().submit(request)
        self.app.configure_task(TASK, queue=QUEUE, priority=request.priority).defer(job_id=job.id)
        return job


def conninfo(database_url: str) -> str:
    """The libpq connection string of a SQLAlchemy PostgreSQL URL."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if not url.drivername.startswith("postgresql"):
        raise ConfigError(
            '[jobs] queue = "procrastinate" braucht PostgreSQL',
            hint='[review] database_url = "postgresql+psycopg://…" setzen oder queue = "database" wählen',
        )
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def procrastinate_app(database_url: str) -> Any:
    """An opened procrastinate app on the review database, its schema installed on first use."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(database_url)))
    try:
        app.open()
        _ensure_schema(app)
    except Exception as exc:  # server down, wrong password, no such database
        raise BackendError(
            f"Auftragswarteschlange (procrastinate) nicht erreichbar ({type(exc).__name__}: {exc})",
            hint="[review] database_url prüfen: läuft der PostgreSQL-Server, existiert die Datenbank?",
        ) from exc
    return app


def _ensure_schema(app: Any) -> None:
    from procrastinate import exceptions

    connector = app.connector.get_sync_connector()
    exists = connector.execute_query_one("SELECT to_regclass('procrastinate_jobs') IS NOT NULL AS present")
    if not exists["present"]:
        with contextlib.suppress(exceptions.ConnectorException):  # another process installed it just now
            app.schema_manager.apply_schema()


def worker_name(kind: str) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{kind}"


def work(
    store: JobStore,
    runner: Runner,
    stop: threading.Event,
    name: str,
    settings: JobsSettings,
    *,
    once: bool = False,
    clock: Callable[[], float] = time.time,
) -> int:
    """Take and run jobs until ``stop`` is set (``once``: until none is left); the number run."""
    poll, stalled = settings.poll_seconds, settings.stalled_seconds
    ran = 0
    while not stop.is_set():
        now = clock()
        try:
            job = store.claim(name, now, now - stalled)
        except Exception as exc:  # the database is briefly unreachable: try again, do not die
            _log.warning("Auftrag konnte nicht abgeholt werden: %s", exc)
            stop.wait(max(poll, 5.0))
            continue
        if job is None:
            if once:
                break
            stop.wait(poll)
            continue
        runner(job)
        ran += 1
    return ran
