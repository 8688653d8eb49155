"""Fakes for tests and demos without model weights. Never used by the product path.

- ``FakeChatModel``: returns scripted replies, or builds one with a function.
- ``HashEmbedder``: deterministic bag-of-words vectors (hashing trick), so
  lexical overlap gives similarity and tests can reason about retrieval.
- ``InMemoryVectorStore``: the ``VectorStore`` contract in a dict.
- ``copying_responder``: a fake model that copies the longest sentence of the first source.
- ``MemoryLogins``, ``MemoryFailures``, ``MemoryJobs``: the database stores in one process's memory.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from assistant.backends.llm import Completion, Message
from assistant.domain import Chunk, Passage
from assistant.jobs.model import Job, JobRequest, JobState
from assistant.review.logins import Login

SOURCE = re.compile(r'<quelle nr="(\d+)"[^>]*>\n(.*?)\n</quelle>', re.S)

Responder = Callable[[Sequence[Message], dict[str, Any] | None], str]


class FakeChatModel:
    """Scripted chat model: ``replies`` are returned in order; ``responder`` computes one."""

    def __init__(
        self,
        replies: Sequence[str] = (),
        responder: Responder | None = None,
        name: str = "fake-llm",
    ) -> None:
        self._replies = list(replies)
        self._responder = responder
        self.name = name
        self.calls: list[tuple[list[Message], dict[str, Any] | None]] = []

    def enqueue(self, *replies: str) -> None:
        self._replies.extend(replies)

    def complete(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Completion:
        started = time.perf_counter()
        self.calls.append((list(messages), json_schema))
        if self._replies:
            text = self._replies.pop(0)
        elif self._responder is not None:
            text = self._responder(messages, json_schema)
        else:
            raise AssertionError("FakeChatModel: keine Antwort mehr vorgesehen")
        return Completion(text=text, model=self.name, seconds=time.perf_counter() - started)

    def stream(self, messages: Sequence[Message], *, json_schema: dict[str, Any] | None = None) -> Iterator[str]:
        text = self.complete(messages, json_schema=json_schema).text
        for start in range(0, len(text), 8):
            yield text[start : start + 8]


class HashEmbedder:
    """Deterministic embedder: hashed lower-cased word counts, L2-normalised."""

    def __init__(self, dimensions: int = 512, name: str = "hash-embedder") -> None:
        self.dimensions = dimensions
        self.name = name

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimensions
        for word in re.findall(r"\w+", text.lower()):
            for token in (word, word[:6]):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                vector[int.from_bytes(digest, "little") % self.dimensions] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]


class InMemoryVectorStore:
    """``VectorStore`` in memory: exact cosine search over a dict."""

    def __init__(self) -> None:
        self._rows: dict[str, tuple[Chunk, list[float], str]] = {}
        self._info: dict[str, str] = {}

    def stored_hashes(self) -> dict[str, str]:
        return {chunk_id: row[2] for chunk_id, row in self._rows.items()}

    def upsert(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], hashes: Sequence[str]) -> None:
        for chunk, vector, content_hash in zip(chunks, vectors, hashes, strict=True):
            self._rows[chunk.chunk_id] = (chunk, list(vector), content_hash)

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for chunk_id in chunk_ids:
            self._rows.pop(chunk_id, None)

    def query(self, vector: Sequence[float], k: int) -> list[Passage]:
        def cosine(other: Sequence[float]) -> float:
            dot = sum(a * b for a, b in zip(vector, other, strict=True))
            norm = math.sqrt(sum(a * a for a in vector)) * math.sqrt(sum(b * b for b in other))
            return dot / norm if norm else 0.0

        scored = [Passage(chunk=row[0], score=cosine(row[1])) for row in self._rows.values()]
        return sorted(scored, key=lambda p: p.score, reverse=True)[:k]

    def info(self) -> dict[str, str]:
        return dict(self._info)

    def set_info(self, info: Mapping[str, str]) -> None:
        self._info.update(info)


def copying_responder(messages: Sequence[Message], schema: dict[str, Any] | None) -> str:
    """A well-behaved fake model for ``FakeChatModel``: copies the longest sentence of source 1."""
    from assistant.text import sentences_of

    sources = dict(SOURCE.findall(messages[-1].content))
    line = max(sentences_of(sources["1"]), key=len)
    return json.dumps({"saetze": [{"text": line, "quelle": 1}]}, ensure_ascii=False)


class MemoryLogins:
    """``LoginStore`` in one process's memory (a fake: the product keeps sessions in the database)."""

    def __init__(self) -> None:
        self._by_token: dict[str, Login] = {}

    def put(self, token: str, login: Login) -> None:
        self._by_token[token] = login

    def get(self, token: str) -> Login | None:
        return self._by_token.get(token)

    def touch(self, token: str, seen: float) -> None:
        if (login := self._by_token.get(token)) is not None:
            self._by_token[token] = replace(login, seen=seen)

    def drop(self, token: str) -> None:
        self._by_token.pop(token, None)

    def drop_user(self, user: str) -> int:
        ended = [t for t, login in self._by_token.items() if login.user == user]
        for token in ended:
            del self._by_token[token]
        return len(ended)

    def drop_older(self, seen_before: float, created_before: float) -> int:
        ended = [t for t, s in self._by_token.items() if s.seen < seen_before or s.created < created_before]
        for token in ended:
            del self._by_token[token]
        return len(ended)


class MemoryFailures:
    """``FailureStore`` in one process's memory (a fake: the product counts failures in the database)."""

    def __init__(self) -> None:
        self._times: dict[str, list[float]] = {}

    def add(self, keys: Sequence[str], at: float) -> None:
        for key in keys:
            self._times.setdefault(key, []).append(at)

    def times(self, key: str, since: float) -> list[float]:
        return sorted(t for t in self._times.get(key, []) if t >= since)

    def drop_before(self, at: float) -> None:
        self._times = {k: kept for k, v in self._times.items() if (kept := [t for t in v if t >= at])}


class MemoryJobs:
    """``JobStore`` in one process's memory (a fake: the product keeps jobs in the database)."""

    def __init__(self) -> None:
        self._jobs: dict[int, Job] = {}
        self._lock = threading.Lock()

    def add(self, request: JobRequest, now: float) -> Job:
        with self._lock:
            job = Job(len(self._jobs) + 1, request, JobState.QUEUED, created=now, heartbeat=now)
            self._jobs[job.id] = job
            return job

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def latest(self, inquiry_id: int) -> Job | None:
        found = [j for j in self._jobs.values() if j.request.inquiry_id == inquiry_id]
        return max(found, key=lambda j: j.id, default=None)

    def claim(self, worker: str, now: float, stalled_before: float) -> Job | None:
        with self._lock:
            ready = [
                j
                for j in self._jobs.values()
                if j.state == JobState.QUEUED or (j.state == JobState.RUNNING and j.heartbeat < stalled_before)
            ]
            if not ready:
                return None
            job = min(ready, key=lambda j: (-j.request.priority, j.id))
            return self._put(replace(job, state=JobState.RUNNING, worker=worker, heartbeat=now))

    def start(self, job_id: int, worker: str, now: float, stalled_before: float) -> Job | None:
        with self._lock:
            job = self._jobs[job_id]
            stalled = job.state == JobState.RUNNING and job.heartbeat < stalled_before
            if job.state != JobState.QUEUED and not stalled:
                return None
            return self._put(replace(job, state=JobState.RUNNING, worker=worker, heartbeat=now))

    def report(self, job_id: int, now: float, *, done: int, total: int, current: str, live: str) -> JobState:
        with self._lock:
            job = self._jobs[job_id]
            if job.state == JobState.RUNNING:
                self._put(replace(job, done=done, total=total, current=current, live=live, heartbeat=now))
            return job.state

    def beat(self, job_id: int, now: float) -> JobState:
        with self._lock:
            job = self._jobs[job_id]
            if job.state == JobState.RUNNING:
                self._put(replace(job, heartbeat=now))
            return job.state

    def finish(self, job_id: int, state: JobState, error: str = "", summary: str = "") -> None:
        with self._lock:
            job = self._jobs[job_id]
            if job.state != JobState.CANCELLED:
                self._put(replace(job, state=state, error=error, live=summary))

    def urgent(self, priority: int) -> bool:
        return any(j.state == JobState.QUEUED and j.request.priority > priority for j in self._jobs.values())

    def release(self, job_id: int) -> None:
        with self._lock:
            job = self._jobs[job_id]
            if job.state == JobState.RUNNING:
                self._put(replace(job, state=JobState.QUEUED, worker="", live=""))

    def cancel(self, job_id: int) -> bool:
        with self._lock:
            job = self._jobs[job_id]
            if job.state.finished:
                return False
            self._put(replace(job, state=JobState.CANCELLED))
            return True

    def _put(self, job: Job) -> Job:
        self._jobs[job.id] = job
        return job
