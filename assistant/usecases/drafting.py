"""Draft an inquiry: load the knowledge base, bring its index up to date, run the drafting stages.

``draft_inquiry`` returns the drafts (the CLI's ``draft`` command, benches, tests);
``draft_into_review`` stores them in the review database, one committed answer at a time;
``redraft_answer`` drafts one answer of a stored inquiry again. A
crash (or a closed browser) in the middle loses nothing: the inquiry and every answer drafted so
far are already stored; ``draft_into_review`` called again on the same inquiry drafts only the
questions still missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.domain import Answer, DraftResult, Inquiry, Question
from assistant.drafting.pipeline import LiveText, Progress
from assistant.errors import WorkflowError
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.review.views import AnswerView
from assistant.review.workflow import Review
from assistant.services import Services

Stored = Callable[[int, int, Question, Answer | None], None]


def draft_inquiry(
    services: Services,
    inquiry: Inquiry,
    kb: Path | KnowledgeBase,
    progress: Progress | None = None,
    on_text: LiveText | None = None,
) -> DraftResult:
    """Every answerable question drafted against the knowledge base (a folder, or one already loaded)."""
    kb = load(kb) if isinstance(kb, Path) else kb
    info = services.ensure_index(kb)
    answers = services.drafter(kb, inquiry).run(inquiry, progress, on_text)
    return DraftResult(inquiry=inquiry, answers=tuple(answers), knowledge_base=info)


def run_provenance(services: Services, fingerprint: str) -> dict[str, Any]:
    """What every draft of one run shares: prompt version, settings, knowledge-base fingerprint."""
    settings = services.settings
    return {
        "prompt_version": services.prompts.version(),
        "kb_fingerprint": fingerprint,
        "settings": {
            "llm": {
                "backend": settings.llm.backend,
                "model": settings.llm.model,
                "temperature": settings.llm.temperature,
            },
            "retrieval": settings.retrieval.model_dump(mode="json"),
            "drafting": settings.drafting.model_dump(mode="json"),
        },
    }


def provenance(shared: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """What produced one first draft: the run's settings plus its model, sources and time."""
    return {
        "model": answer.model,
        **shared,
        "sources": [{"source_id": c.source_id, "quote": c.quote} for c in answer.citations],
        "seconds": round(answer.seconds, 2),
    }


def draft_into_review(
    services: Services,
    review: Review,
    actor: Actor,
    kb_dir: Path,
    inquiry: Inquiry,
    *,
    inquiry_id: int | None = None,
    deadline: str = "",
    departments: str = "",
    progress: Stored | None = None,
    on_text: LiveText | None = None,
) -> int:
    """Create (or resume) the inquiry in the database and store each answer as soon as it is drafted."""
    kb = load(kb_dir)
    if inquiry_id is None:
        inquiry_id = review.create_inquiry(
            actor, inquiry, kb_path=str(kb_dir), deadline=deadline, departments=departments
        )
    else:
        review.authorize(actor, Action.INQUIRY_CREATE, inquiry_id)
    info = services.ensure_index(kb)
    done = {a.question_id: a.answer for a in review.inquiry(inquiry_id).answers}
    shared = run_provenance(services, info.fingerprint)

    def store(number: int, total: int, question: Question, answer: Answer | None) -> None:
        if answer is not None:
            review.add_draft(actor, inquiry_id, answer, provenance(shared, answer))
        if progress:
            progress(number, total, question, answer)

    answers = services.drafter(kb, inquiry).run(inquiry, store, on_text, done=done)
    review.finish_drafting(actor, inquiry_id, DraftResult(inquiry, tuple(answers), info))
    return inquiry_id


def redraft_answer(
    services: Services,
    review: Review,
    actor: Actor,
    answer_id: int,
    expected_version: int,
    picked: Sequence[str] = (),
) -> AnswerView:
    """Draft one answer again against the knowledge base as it is now (after the knowledge base was
    completed, or when the first draft was weak), optionally from ``picked`` passages (chunk ids) only;
    it replaces the answer as a new version in Entwurf."""
    review.ensure_editable(actor, answer_id)  # refused (and logged) before the model is asked
    current = review.answer(answer_id)
    view = review.inquiry(current.inquiry_id)
    kb = load(Path(view.kb_path))
    info = services.ensure_index(kb)
    earlier = {a.question_id: a.answer for a in view.answers if a.id != answer_id}
    question = view.inquiry.question(current.question_id)
    drafter = services.drafter(kb, view.inquiry)
    if picked:  # passages the reviewer chose (chunk ids), instead of retrieval
        found = {c.chunk_id: c for c in chunks(kb)}
        missing = [p for p in picked if p not in found]
        if missing:
            raise WorkflowError("Eine gewählte Fundstelle gibt es in der Wissensbasis nicht mehr", hint="Erneut suchen")
        answer = drafter.answer_from(question, view.inquiry, [found[p] for p in picked], earlier)
    else:
        answer = drafter.answer(question, view.inquiry, earlier)
    shared = run_provenance(services, info.fingerprint)
    return review.redraft(actor, answer_id, answer, expected_version, provenance(shared, answer))
