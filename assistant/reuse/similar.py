"""Earlier replies to a question asked again: the most similar released questions, by meaning.

The question texts are compared with the embedding model the retrieval uses (cosine of document
embeddings), so a question worded differently in another inquiry still finds its earlier answer.
The vectors of stored replies are kept per process (``ReplyVectors``); a reply never changes.
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
    """The question vector of every reply seen, keyed by embedding model and reply id."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, int], list[float]] = {}

    def of(self, embedder: Embedder, replies: Sequence[Reply]) -> list[list[float]]:
        missing = [r for r in replies if (embedder.name, r.id) not in self._vectors]
        if missing:
            for reply, vector in zip(missing, embedder.embed_documents([r.question for r in missing]), strict=True):
                self._vectors[(embedder.name, reply.id)] = vector
        return [self._vectors[(embedder.name, r.id)] for r in replies]


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
