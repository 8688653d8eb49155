"""What a drafting job is: its kind, its state and what the page shows of it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class JobKind(StrEnum):
    DRAFT_INQUIRY = "draft_inquiry"  # every missing answer of a stored inquiry
    REDRAFT_ANSWER = "redraft_answer"  # one answer again (payload: expected_version, picked chunk ids)
    REINDEX = "reindex"  # the knowledge base's index brought up to date (payload: kb, the directory)
    INPUT_REDRAFT = "input_redraft"  # one answer from a department's input (payload: document, department)
    EVALUATION = "evaluation"  # evaluation cases drafted and scored (payload: cases, report, sets)


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


# Higher runs first: a clerk waiting for one answer goes before a reindex, and a reindex before a
# whole new inquiry (which then drafts from the fresh index; a running one gives way to it); an
# evaluation run last.
PRIORITY: dict[JobKind, int] = {
    JobKind.REDRAFT_ANSWER: 10,
    JobKind.INPUT_REDRAFT: 10,
    JobKind.REINDEX: 5,
    JobKind.DRAFT_INQUIRY: 0,
    JobKind.EVALUATION: -5,  # an evaluator's run waits for every clerk's work
}


@dataclass(frozen=True)
class JobRequest:
    """A job as submitted: what to do, for whom. The roles are the actor's when the web process
    authorized the request (like a session's); the review workflow checks each write with them."""

    kind: JobKind
    actor: str
    roles: frozenset[str]
    inquiry_id: int | None  # None for a job on the knowledge base
    answer_id: int | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)

    @property
    def priority(self) -> int:
        return PRIORITY[self.kind]


@dataclass(frozen=True)
class Job:
    """A job as stored. Times are Unix seconds; ``current`` is the question being drafted; ``live``
    is the model's text while it writes, and a finished reindex's counts."""

    id: int
    request: JobRequest
    state: JobState
    done: int = 0
    total: int = 0
    current: str = ""
    live: str = ""
    error: str = ""
    worker: str = ""
    created: float = 0.0
    heartbeat: float = 0.0


class JobCancelled(Exception):
    """Raised inside a running job when its state was set to cancelled; the worker stops it."""


class JobYielded(Exception):
    """Raised inside a running inquiry job after a stored answer when a more urgent job waits (a clerk's
    redraft): the job goes back to the queue with its answers kept and resumes with the missing ones."""
