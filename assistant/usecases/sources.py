"""A clerk adds a source to an answer: search the inquiry's knowledge base, cite passages.

The passage comes from the knowledge base as it is now; its quote is the sentence (or pair) that
best matches what the clerk searched for, so the check of numbers and dates reads it like any
other cited passage. The answer goes back to Entwurf and the addition is a version of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.domain import Citation
from assistant.errors import WorkflowError
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.review.views import AnswerView
from assistant.services import Services
from assistant.text import best_quote

LIMIT = 8


@dataclass(frozen=True)
class Found:
    chunk_id: str
    title: str
    preview: str


def _knowledge_base(services: Services, answer_id: int) -> KnowledgeBase:
    return load(Path(services.review.inquiry(services.review.answer(answer_id).inquiry_id).kb_path))


def find(services: Services, actor: Actor, answer_id: int, query: str) -> list[Found]:
    """Passages of the knowledge base that match the words searched for, best first."""
    services.review.authorize(actor, Action.ANSWER_EDIT, answer_id=answer_id)
    if not query.strip():
        return []
    hits = services.keyword_index(_knowledge_base(services, answer_id)).search(query, LIMIT)
    return [Found(c.chunk_id, c.title, " ".join(c.text.split())[:140]) for c, _ in hits]


def cite(
    services: Services,
    actor: Actor,
    answer_id: int,
    chunk_ids: Sequence[str],
    query: str,
    expected_version: int,
) -> AnswerView:
    """Add the passages as the answer's next sources ([n], [n+1] …) in one version; each quote is the
    sentence of its passage that best matches ``query``."""
    services.review.authorize(actor, Action.ANSWER_EDIT, answer_id=answer_id)
    if not chunk_ids:
        raise WorkflowError("Keine Fundstelle gewählt", hint="Eine oder mehrere Fundstellen wählen")
    found = {c.chunk_id: c for c in chunks(_knowledge_base(services, answer_id))}
    if any(c not in found for c in chunk_ids):
        raise WorkflowError("Eine gewählte Fundstelle gibt es in der Wissensbasis nicht mehr", hint="Erneut suchen")
    current = services.review.answer(answer_id)
    first = len(current.answer.citations) + 1
    citations = [
        Citation(f"[{first + n}]", chunk.source_id, chunk.title, best_quote(query or current.answer.text, chunk.text))
        for n, chunk in enumerate(found[c] for c in dict.fromkeys(chunk_ids))
    ]
    return services.review.add_citations(actor, answer_id, citations, expected_version)
