"""A clerk adds a source to an answer: search the inquiry's knowledge base, cite a passage.

The passage comes from the knowledge base as it is now; its quote is the sentence (or pair) that
best matches what the clerk searched for, so the check of numbers and dates reads it like any
other cited passage. The answer goes back to Entwurf and the addition is a version of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.domain import Chunk, Citation
from assistant.errors import WorkflowError
from assistant.kb.chunk import chunks
from assistant.kb.keyword import KeywordIndex
from assistant.kb.load import load
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


def _passages(services: Services, answer_id: int) -> list[Chunk]:
    view = services.review.inquiry(services.review.answer(answer_id).inquiry_id)
    return chunks(load(Path(view.kb_path)))


def find(services: Services, actor: Actor, answer_id: int, query: str) -> list[Found]:
    """Passages of the knowledge base that match the words searched for, best first."""
    services.review.authorize(actor, Action.ANSWER_EDIT, answer_id=answer_id)
    if not query.strip():
        return []
    hits = KeywordIndex(_passages(services, answer_id)).search(query, LIMIT)
    return [Found(c.chunk_id, c.title, " ".join(c.text.split())[:140]) for c, _ in hits]


def cite(
    services: Services, actor: Actor, answer_id: int, chunk_id: str, query: str, expected_version: int
) -> AnswerView:
    """Add the passage as the answer's next source ([n]); its quote is the sentence matching ``query``."""
    services.review.authorize(actor, Action.ANSWER_EDIT, answer_id=answer_id)
    chunk = next((c for c in _passages(services, answer_id) if c.chunk_id == chunk_id), None)
    if chunk is None:
        raise WorkflowError("Diese Fundstelle gibt es in der Wissensbasis nicht mehr", hint="Erneut suchen")
    current = services.review.answer(answer_id)
    marker = f"[{len(current.answer.citations) + 1}]"
    quote = best_quote(query or current.answer.text, chunk.text)
    citation = Citation(marker, chunk.source_id, chunk.title, quote)
    return services.review.add_citation(actor, answer_id, citation, expected_version)
