"""Retrieve evidence for one question from the indexed knowledge base."""

from __future__ import annotations

from assistant.backends.embeddings import Embedder
from assistant.backends.vectorstore import VectorStore
from assistant.domain import Inquiry, Passage, Question


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


class Retriever:
    def __init__(self, embedder: Embedder, store: VectorStore, *, top_k: int, min_score: float) -> None:
        self._embedder = embedder
        self._store = store
        self.top_k = top_k
        self.min_score = min_score

    def retrieve(self, query: str) -> list[Passage]:
        """The best passages at or above ``min_score``, best first."""
        passages = self._store.query(self._embedder.embed_query(query), self.top_k)
        return [p for p in passages if p.score >= self.min_score]
