"""The office's memory in use: release a letter into it, offer earlier replies beside a draft,
take one over (re-checked against today's knowledge base), move replies as ``answers/`` files.

A taken-over reply needs no model: it is the released text, led by the sentence that names the
earlier reply, with every difference the re-check finds as a warning of the draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.domain import Answer, Reply
from assistant.errors import AssistantError
from assistant.kb.chunk import source_texts
from assistant.kb.load import load
from assistant.reuse import folder
from assistant.reuse.recheck import differences
from assistant.reuse.similar import QuestionVectors, similar
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.review.views import AnswerView, InquiryView
from assistant.services import Services
from assistant.text import german_date

_VECTORS = QuestionVectors()  # question vectors seen by this process; a question's text never changes


@dataclass(frozen=True)
class Offer:
    reply: Reply
    similarity: float
    warnings: tuple[str, ...]


def release(services: Services, actor: Actor, inquiry_id: int) -> InquiryView:
    """Release the letter; its answers become memory with the council term of the release day and
    the texts their sources have today (what a later reuse compares with)."""
    view = services.review.inquiry(inquiry_id)
    try:
        kb = load(Path(view.kb_path))
        term, texts = kb.municipality.term_of(_today(services)), source_texts(kb)
    except (AssistantError, OSError):  # the knowledge base moved or is invalid: release without them
        term, texts = "", {}
    return services.review.release(actor, inquiry_id, term, texts)


def offers(services: Services, answer_id: int) -> list[Offer]:
    """The released replies most similar to this answer's question, each re-checked for today."""
    current = services.review.answer(answer_id)
    view = services.review.inquiry(current.inquiry_id)
    settings = services.settings.reuse
    replies = services.memory.all()
    if not replies or settings.offers == 0:
        return []
    question = view.inquiry.question(current.question_id).text
    vectors = question_vectors(services, [question, *(r.question for r in replies)])
    found = similar(question, replies, vectors, min_similarity=settings.min_similarity, limit=settings.offers)
    if not found:
        return []
    kb = load(Path(view.kb_path))
    return [Offer(m.reply, m.similarity, tuple(differences(m.reply, kb, _today(services)))) for m in found]


def question_vectors(services: Services, texts: Sequence[str], *, embed: bool | None = None) -> dict[str, list[float]]:
    """The vectors of ``texts`` known here or stored; the missing ones are embedded (and stored) only
    in a process that embeds (``embed``: by default ``services.embeds_here``)."""
    embedding = services.embeds_here if embed is None else embed
    return _VECTORS.of(services.embedding_name, texts, services.vectors, services.embedder if embedding else None)


def remember_questions(services: Services, inquiry_id: int) -> None:
    """Embed and store this inquiry's questions and every reply's question not stored yet, so that a
    web process without the embedding model offers earlier replies beside its answers (a worker's step)."""
    texts = [q.text for q in services.review.inquiry(inquiry_id).inquiry.questions]
    question_vectors(services, [*texts, *(r.question for r in services.memory.all())], embed=True)


def lead(reply: Reply) -> str:
    """The sentence that names the earlier reply the answer builds on."""
    title = f" auf die {reply.inquiry_kind or 'Anfrage'} „{reply.inquiry_title}“" if reply.inquiry_title else ""
    return f"Wie bereits in der Antwort vom {german_date(reply.released)}{title} mitgeteilt:"


def take_over(services: Services, actor: Actor, answer_id: int, reply_id: int, expected_version: int) -> AnswerView:
    """Replace the answer by the earlier reply, re-checked: a new version in Entwurf, no model call."""
    services.review.ensure_editable(actor, answer_id)
    reply = services.memory.get(reply_id)
    current = services.review.answer(answer_id)
    kb = load(Path(services.review.inquiry(current.inquiry_id).kb_path))
    warnings = [
        f"Aus der Antwort vom {german_date(reply.released)} übernommen – Stand der Angaben prüfen",
        *differences(reply, kb, _today(services)),
    ]
    answer = Answer(
        current.question_id,
        "reused",
        f"{lead(reply)} {reply.answer}",
        reply.citations,
        tuple(warnings),
        table=reply.table,
    )
    provenance = {"model": "", "reused_reply": reply.id, "released": reply.released, "term": reply.term}
    how = f"aus der Antwort vom {german_date(reply.released)} übernommen"
    review = services.review
    return review.redraft(actor, answer_id, answer, expected_version, provenance, how=how, action="answer.reuse")


def export_replies(services: Services, target: Path) -> list[Path]:
    return folder.export(services.memory.all(), target)


def import_replies(services: Services, actor: Actor, source: Path) -> int:
    """Import every ``*.yaml`` file of ``source`` (a folder or one file); returns how many were new."""
    services.review.authorize(actor, Action.MEMORY_IMPORT)
    files = sorted(source.glob("*.y*ml")) if source.is_dir() else [source]
    # no embedding here (an import needs no model): the offers or the next drafting job embed their questions
    return sum(services.memory.add(actor, folder.read(path), path.name) for path in files)


def _today(services: Services) -> date:
    return services.today or date.today()
