"""Retrieve evidence for one question: dense + German keyword search, fused.

Dense retrieval (embeddings in the vector store) finds paraphrases; BM25 over
stemmed, compound-split German finds exact terms ("Dienstvereinbarung",
"11.12.01.542100"). Their rankings are fused by reciprocal rank fusion
(RRF, k=60). Whether there is evidence at all is decided from the dense
similarity of the best passage (``min_score``), calibrated on the sample
inquiries (decision record 0001). Metadata filters (kind/type, department,
year, in force) apply to both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assistant.backends.embeddings import Embedder
from assistant.backends.vectorstore import VectorStore
from assistant.domain import Chunk, Inquiry, Passage, Question
from assistant.kb.keyword import KeywordIndex
from assistant.settings import DEFAULTS

Mode = Literal["hybrid", "dense", "keyword"]
RRF_K = 60
KEPT_QUERIES = 64  # query embeddings a retriever keeps (a run asks each question's query two or three times)


def context_of(question: Question, inquiry: Inquiry) -> str:
    """The text a question depends on: its parent's lead-in, or the question a follow-up follows."""
    if question.parent is not None:
        return inquiry.question(question.parent).text
    if question.follows is not None:
        return inquiry.question(question.follows).text
    return ""


def query_text(question: Question, inquiry: Inquiry) -> str:
    """The search text: the question together with the text it depends on."""
    return f"{context_of(question, inquiry)} {question.text}".strip()


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval; empty fields do not restrict."""

    kinds: tuple[str, ...] = ()  # chunk kinds (inventory, budget, document, answer) or document types
    department: str | None = None  # inventory department or document owner
    year: str | None = None
    in_force_on: date | None = None  # drop documents whose valid_until lies before this day

    def keep(self, chunk: Chunk) -> bool:
        meta = chunk.metadata
        if self.kinds and chunk.kind not in self.kinds and meta.get("type") not in self.kinds:
            return False
        if self.department and self.department not in (meta.get("department"), meta.get("owner")):
            return False
        if self.year and meta.get("year") != self.year:
            return False
        until = meta.get("valid_until", "")
        return not (self.in_force_on and until and date.fromisoformat(until) < self.in_force_on)


def fuse(rankings: Sequence[Sequence[Chunk]], k: int = RRF_K) -> list[tuple[Chunk, float]]:
    """Reciprocal rank fusion: score = sum of 1 / (k + rank) over the rankings."""
    scores: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    for ranking in rankings:
        for rank, chunk in enumerate(ranking, start=1):
            scores[chunk.chunk_id] = scores.get(chunk.chunk_id, 0.0) + 1.0 / (k + rank)
            chunks.setdefault(chunk.chunk_id, chunk)
    order = sorted(scores, key=lambda chunk_id: scores[chunk_id], reverse=True)
    return [(chunks[chunk_id], scores[chunk_id]) for chunk_id in order]


PER_REPLY = 2  # answers of one earlier reply a Sachstand reads


def few_per_reply(passages: Sequence[Passage], most: int) -> list[Passage]:
    """The passages in their order, at most ``most`` answers of each earlier reply: every answer of a reply
    is indexed with the reply's heading (inquiry, council, date), so for a demand that shares the heading's
    words ("Magistrat", "Stadtverordnetenversammlung") the whole reply ranks first and fills the list. A
    document's sections differ in content and are not capped."""
    taken: dict[str, int] = {}
    kept = []
    for passage in passages:
        reply = passage.chunk.source_id.split("#")[0] if passage.chunk.kind == "answer" else ""
        if reply and taken.get(reply, 0) >= most:
            continue
        kept.append(passage)
        if reply:
            taken[reply] = taken.get(reply, 0) + 1
    return kept


class Retriever:
    def __init__(
        self,
        embedder: Embedder,
        store: VectorStore,
        keyword: KeywordIndex | None,
        *,
        top_k: int,
        min_score: float,
        mode: Mode = "hybrid",
        candidates: int = DEFAULTS.retrieval.candidates,
    ) -> None:
        self._embedder = embedder
        self._store = store
        self._keyword = keyword
        self.top_k = top_k
        self.min_score = min_score
        self.mode: Mode = mode if keyword is not None else "dense"
        self.candidates = candidates
        self._queries: dict[str, list[float]] = {}  # the latest query embeddings, oldest first

    def prime(self, queries: Sequence[str]) -> None:
        """Embed queries about to be asked in one batch (a run primes the next questions' queries)."""
        todo = [q for q in dict.fromkeys(queries) if q.strip() and q not in self._queries]
        for query, vector in zip(todo, self._embedder.embed_queries(todo), strict=True):
            self._keep(query, vector)

    def _keep(self, query: str, vector: list[float]) -> None:
        self._queries[query] = vector
        while len(self._queries) > KEPT_QUERIES:
            del self._queries[next(iter(self._queries))]

    def _embed(self, query: str) -> list[float]:
        """The query's embedding; recent ones are kept, as drafting asks more than once for a question."""
        if query not in self._queries:
            self._keep(query, self._embedder.embed_query(query))
        return self._queries[query]

    def _dense(self, query: str, filters: Filters | None) -> list[Passage]:
        fetch = self.candidates * (4 if filters else 1)
        found = self._store.query(self._embed(query), fetch)
        return [p for p in found if filters is None or filters.keep(p.chunk)][: self.candidates]

    def ranked(
        self,
        query: str,
        filters: Filters | None = None,
        mode: Mode | None = None,
        dense: list[Passage] | None = None,
        top_k: int | None = None,
        focus: str = "",
    ) -> list[Passage]:
        """The ``top_k`` passages of one retrieval mode, without the evidence gate (for evaluation)."""
        mode = mode or self.mode
        top_k = top_k or self.top_k
        if mode == "keyword":
            assert self._keyword is not None
            hits = self._keyword.search(query, top_k, filters.keep if filters else None)
            return [Passage(chunk, score) for chunk, score in hits]
        dense = dense if dense is not None else self._dense(query, filters)
        if mode == "dense":
            return dense[:top_k]
        assert self._keyword is not None
        keep, many = (filters.keep if filters else None), max(self.candidates, top_k)
        rankings = [[p.chunk for p in dense], [chunk for chunk, _ in self._keyword.search(query, many, keep)]]
        if focus and focus != query:
            rankings.append([chunk for chunk, _ in self._keyword.search(focus, many, keep)])
        fused = fuse(rankings)
        return [Passage(chunk, score) for chunk, score in fused[:top_k]]

    def retrieve(
        self, query: str, filters: Filters | None = None, top_k: int | None = None, focus: str = ""
    ) -> list[Passage]:
        """Evidence for a question (``top_k`` passages, default the configured number): empty when nothing
        in the knowledge base is close enough. ``focus``: what the question itself asks, when ``query`` also
        names its subject – every passage of a report on the subject shares the subject's name, so the
        question's own words ("Welche Kontrollen bestehen?") rank them a third time."""
        dense = self._dense(query, filters)
        if not dense or dense[0].score < self.min_score:
            return []
        if self.mode == "dense":
            return [p for p in dense if p.score >= self.min_score][: top_k or self.top_k]
        return self.ranked(query, filters, dense=dense, top_k=top_k, focus=focus)

    def similar_answers(self, query: str, limit: int = 3) -> list[Passage]:
        """Earlier replies closest to the question, scored by dense similarity (no evidence gate)."""
        return self._dense(query, Filters(kinds=("answer",)))[:limit]
