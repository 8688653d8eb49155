"""Where jobs live: the table ``drafting_jobs`` of the review database, shared by every process.

The web process adds a job and reads its progress; a worker claims it, reports each answer and a
heartbeat, and finishes it. ``JobStore`` is the interface; ``DatabaseJobs`` the product's (SQLite
by default, PostgreSQL by URL); ``assistant.testing.fakes.MemoryJobs`` the fake; all pass
``tests/unit/test_jobs.py``. A claim is an update conditional on the state it read, so two
workers never take the same job; a running job whose heartbeat stopped (a worker killed with
``kill -9``) can be claimed again, and as every answer is committed when drafted, the next worker
drafts only the answers still missing.
"""

from __future__ import annotations

import json
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from assistant.jobs.model import Job, JobKind, JobRequest, JobState
from assistant.review.tables import DraftingJob, moment, unix

LIVE_LIMIT = 4000  # characters of the text the model is writing kept for the page


class JobStore(Protocol):
    def add(self, request: JobRequest, now: float) -> Job: ...

    def get(self, job_id: int) -> Job | None: ...

    def latest(self, inquiry_id: int) -> Job | None:
        """The newest job of an inquiry (what a reloaded page shows)."""
        ...

    def claim(self, worker: str, now: float, stalled_before: float) -> Job | None:
        """Take the queued job of highest priority (oldest first), or a running one whose heartbeat
        is older than ``stalled_before``; None when there is none."""
        ...

    def start(self, job_id: int, worker: str, now: float, stalled_before: float) -> Job | None:
        """Mark a job handed out by another queue as running: a queued one, or a running one whose
        heartbeat is older than ``stalled_before``; None otherwise (finished, cancelled, or alive)."""
        ...

    def report(self, job_id: int, now: float, *, done: int, total: int, current: str, live: str) -> JobState:
        """Progress and heartbeat; returns the state, so the worker sees a cancellation."""
        ...

    def beat(self, job_id: int, now: float) -> JobState: ...

    def finish(self, job_id: int, state: JobState, error: str = "", summary: str = "") -> None:
        """End a job (a cancelled one stays cancelled); ``summary`` replaces the live text (a
        reindex's counts)."""
        ...

    def urgent(self, priority: int) -> bool:
        """Whether a queued job of higher priority than ``priority`` waits."""
        ...

    def release(self, job_id: int) -> None:
        """Give a running job back to the queue (a more urgent one waits); its progress stays."""
        ...

    def cancel(self, job_id: int) -> bool:
        """Cancel a queued or running job; False when it had finished already."""
        ...


def _job(row: DraftingJob) -> Job:
    roles = frozenset(r for r in row.roles.split(",") if r)
    request = JobRequest(JobKind(row.kind), row.actor, roles, row.inquiry_id, row.answer_id, json.loads(row.payload))
    return Job(
        id=row.id,
        request=request,
        state=JobState(row.state),
        done=row.done,
        total=row.total,
        current=row.current,
        live=row.live,
        error=row.error,
        worker=row.worker,
        created=unix(row.created_at),
        heartbeat=unix(row.heartbeat_at),
    )


_OPEN = (JobState.QUEUED.value, JobState.RUNNING.value)


class DatabaseJobs:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, request: JobRequest, now: float) -> Job:
        row = DraftingJob(
            kind=request.kind.value,
            state=JobState.QUEUED.value,
            priority=request.priority,
            actor=request.actor,
            roles=",".join(sorted(request.roles)),
            inquiry_id=request.inquiry_id,
            answer_id=request.answer_id,
            payload=json.dumps(dict(request.payload), ensure_ascii=False),
            done=0,
            total=0,
            current="",
            live="",
            error="",
            worker="",
            created_at=moment(now),
            heartbeat_at=moment(now),
        )
        with self._sessions() as session, session.begin():
            session.add(row)
            session.flush()
            return _job(row)

    def get(self, job_id: int) -> Job | None:
        with self._sessions() as session:
            row = session.get(DraftingJob, job_id)
            return _job(row) if row else None

    def latest(self, inquiry_id: int) -> Job | None:
        query = select(DraftingJob).where(DraftingJob.inquiry_id == inquiry_id).order_by(DraftingJob.id.desc())
        with self._sessions() as session:
            row = session.scalars(query.limit(1)).first()
            return _job(row) if row else None

    def claim(self, worker: str, now: float, stalled_before: float) -> Job | None:
        queued = DraftingJob.state == JobState.QUEUED.value
        stalled = (DraftingJob.state == JobState.RUNNING.value) & (DraftingJob.heartbeat_at < moment(stalled_before))
        query = (
            select(DraftingJob.id, DraftingJob.state, DraftingJob.heartbeat_at)
            .where(queued | stalled)
            .order_by(DraftingJob.priority.desc(), DraftingJob.id)
            .limit(8)
        )
        with self._sessions() as session:
            candidates = session.execute(query).all()
        for job_id, state, heartbeat in candidates:
            taken = (
                update(DraftingJob)
                .where(DraftingJob.id == job_id, DraftingJob.state == state, DraftingJob.heartbeat_at == heartbeat)
                .values(state=JobState.RUNNING.value, worker=worker[:200], heartbeat_at=moment(now))
            )
            if self._changed(taken):
                return self.get(job_id)
        return None

    def start(self, job_id: int, worker: str, now: float, stalled_before: float) -> Job | None:
        queued = DraftingJob.state == JobState.QUEUED.value
        stalled = (DraftingJob.state == JobState.RUNNING.value) & (DraftingJob.heartbeat_at < moment(stalled_before))
        started = (
            update(DraftingJob)
            .where(DraftingJob.id == job_id, queued | stalled)
            .values(state=JobState.RUNNING.value, worker=worker[:200], heartbeat_at=moment(now))
        )
        return self.get(job_id) if self._changed(started) else None

    def report(self, job_id: int, now: float, *, done: int, total: int, current: str, live: str) -> JobState:
        values = {"done": done, "total": total, "current": current[:40], "live": live[-LIVE_LIMIT:]}
        return self._touch(job_id, now, values)

    def beat(self, job_id: int, now: float) -> JobState:
        return self._touch(job_id, now, {})

    def finish(self, job_id: int, state: JobState, error: str = "", summary: str = "") -> None:
        with self._sessions() as session, session.begin():
            row = session.get_one(DraftingJob, job_id)
            if row.state != JobState.CANCELLED.value:  # a cancellation stays what the clerk sees
                row.state, row.error, row.live = state.value, error, summary[-LIVE_LIMIT:]

    def urgent(self, priority: int) -> bool:
        query = select(DraftingJob.id).where(
            DraftingJob.state == JobState.QUEUED.value, DraftingJob.priority > priority
        )
        with self._sessions() as session:
            return session.scalars(query.limit(1)).first() is not None

    def release(self, job_id: int) -> None:
        released = (
            update(DraftingJob)
            .where(DraftingJob.id == job_id, DraftingJob.state == JobState.RUNNING.value)
            .values(state=JobState.QUEUED.value, worker="", live="")
        )
        self._changed(released)

    def cancel(self, job_id: int) -> bool:
        cancelled = (
            update(DraftingJob)
            .where(DraftingJob.id == job_id, DraftingJob.state.in_(_OPEN))
            .values(state=JobState.CANCELLED.value)
        )
        return self._changed(cancelled)

    def _touch(self, job_id: int, now: float, values: dict[str, Any]) -> JobState:
        with self._sessions() as session, session.begin():
            row = session.get_one(DraftingJob, job_id)
            if row.state == JobState.RUNNING.value:
                row.heartbeat_at = moment(now)
                for key, value in values.items():
                    setattr(row, key, value)
            return JobState(row.state)

    def _changed(self, statement: Any) -> bool:
        with self._sessions() as session, session.begin():
            result = cast("CursorResult[Any]", session.execute(statement))
            return bool(result.rowcount)
