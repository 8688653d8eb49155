"""Earlier replies to a question asked again: the most similar released questions, by meaning.

The question texts are compared with the embedding model the retrieval uses (cosine of document
embeddings), so a question worded differently in another inquiry still finds its earlier answer.
The vectors of stored replies' questions are kept per process (``ReplyVectors``), keyed by model and
question text – not by the reply's id, which another database (a test, a second office) reuses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.backends.embeddings import Embedder
from assistant.domain import Reply


@dataclass(frozen=True)
class Match:
    reply: Reply
    similarity: float  # cosine of the two questions' embeddings


class ReplyVectors:
    """The vector of every reply question seen, keyed by embedding model and question text."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], list[float]] = {}

    def of(self, embedder: Embedder, replies: Sequence[Reply]) -> list[list[float]]:
        missing = list(dict.fromkeys(r.question for r in replies if (embedder.name, r.question) not in self._vectors))
        if missing:
            for question, vector in zip(missing, embedder.embed_documents(missing), strict=True):
                self._vectors[(embedder.name, question)] = vector
        return [self._vectors[(embedder.name, r.question)] for r in replies]


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm else 0.0


def similar(
    question: str,
    replies: Sequence[Reply],
    embedder: Embedder,
    vectors: ReplyVectors,
    *,
    min_similarity: float,
    limit: int,
) -> list[Match]:
    """The ``limit`` replies whose question is most similar to ``question`` (at least ``min_similarity``)."""
    if not replies or not question.strip():
        return []
    asked = embedder.embed_documents([question])[0]
    scored = [Match(r, _cosine(asked, v)) for r, v in zip(replies, vectors.of(embedder, replies), strict=True)]
    kept = sorted((m for m in scored if m.similarity >= min_similarity), key=lambda m: -m.similarity)
    return kept[:limit]
