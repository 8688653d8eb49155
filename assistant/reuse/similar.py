"""Earlier replies to a question asked again: the most similar released questions, by meaning.

The question texts are compared with the embedding model the retrieval uses (cosine of document
embeddings), so a question worded differently in another inquiry still finds its earlier answer.
``QuestionVectors`` finds a question's vector in this process, then in the database, and only then
embeds it (and stores it for every other process); a process that does not embed (the web tier behind
a database queue) compares only the questions a worker embedded. Vectors are keyed by model and
question text – not by a reply's id, which another database (a test, a second office) reuses.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.backends.embeddings import Embedder
from assistant.domain import Reply


@dataclass(frozen=True)
class Match:
    reply: Reply
    similarity: float  # cosine of the two questions' embeddings


class VectorKeeper(Protocol):
    """Where vectors outlive the process (``review.vectors.StoredVectors``)."""

    def known(self, model: str, texts: Iterable[str]) -> dict[str, list[float]]: ...

    def keep(self, model: str, vectors: Mapping[str, list[float]]) -> None: ...


class QuestionVectors:
    """The vector of every question seen, per embedding model: this process's, the stored, new ones."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], list[float]] = {}

    def of(
        self, model: str, texts: Iterable[str], keeper: VectorKeeper, embedder: Embedder | None
    ) -> dict[str, list[float]]:
        """text -> vector for each of ``texts`` with one; embedded here only when ``embedder`` is given."""
        wanted = list(dict.fromkeys(t for t in texts if t.strip()))
        missing = [t for t in wanted if (model, t) not in self._vectors]
        if missing:
            found = keeper.known(model, missing)
            absent = [t for t in missing if t not in found]
            if absent and embedder is not None:
                made = dict(zip(absent, embedder.embed_documents(absent), strict=True))
                keeper.keep(model, made)
                found.update(made)
            self._vectors.update(((model, t), v) for t, v in found.items())
        return {t: self._vectors[(model, t)] for t in wanted if (model, t) in self._vectors}


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm else 0.0


def similar(
    question: str,
    replies: Sequence[Reply],
    vectors: Mapping[str, Sequence[float]],
    *,
    min_similarity: float,
    limit: int,
) -> list[Match]:
    """The ``limit`` replies whose question is most similar to ``question`` (at least ``min_similarity``);
    ``vectors`` maps question texts to their vectors: a question without one is not compared."""
    asked = vectors.get(question)
    if asked is None:
        return []
    scored = [Match(r, _cosine(asked, vectors[r.question])) for r in replies if r.question in vectors]
    kept = sorted((m for m in scored if m.similarity >= min_similarity), key=lambda m: -m.similarity)
    return kept[:limit]
