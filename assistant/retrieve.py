"""Retrieve evidence for one question from the indexed knowledge base."""

from __future__ import annotations

import re

from assistant.backends.embeddings import Embedder
from assistant.backends.vectorstore import VectorStore
from assistant.domain import Inquiry, Passage, Question

_FOLLOW_UP = re.compile(r"^(Wenn|Falls|Sofern)\s+(ja|nein|nicht)\b", re.IGNORECASE)


def context_of(question: Question, inquiry: Inquiry) -> str:
    """The text a question depends on: its parent, or the question a follow-up follows.

    A sub-question is read with its parent's heading or lead-in; a follow-up
    ("Wenn ja, ...") with the previous question.
    """
    if question.parent is not None:
        return inquiry.question(question.parent).text
    if _FOLLOW_UP.match(question.text):
        position = [q.id for q in inquiry.questions].index(question.id)
        if position > 0:
            return inquiry.questions[position - 1].text
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
