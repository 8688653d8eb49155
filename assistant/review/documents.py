"""Documents out of the review database: the reply letter (DOCX) and Markdown, draft or final."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import DraftResult, IndexInfo
from assistant.errors import WorkflowError
from assistant.export import result_markdown
from assistant.kb.load import load
from assistant.letter import letter_for, render, sections_of, source_reference
from assistant.review.states import AnswerState, InquiryState
from assistant.review.views import InquiryView
from assistant.settings import Settings


def _final(view: InquiryView, final: bool) -> bool:
    if final and view.summary.state != InquiryState.RELEASED:
        open_ids = [a.question_id for a in view.answers if a.state != AnswerState.APPROVED] + [
            q.id for q in view.missing()
        ]
        raise WorkflowError(
            "Die Endfassung gibt es erst nach der Freigabe des Antwortschreibens"
            + (f" (offen: Frage {', '.join(open_ids)})" if open_ids else ""),
            hint="Bis dahin nur als Entwurf (mit Vermerk „ENTWURF – nicht freigegeben“) exportieren",
        )
    return final


def letter_docx(view: InquiryView, settings: Settings, out: Path, *, final: bool, today: date | None = None) -> Path:
    final = _final(view, final)
    answers = [a.answer for a in view.answers]
    letter = letter_for(
        load(Path(view.kb_path)),
        view.inquiry,
        answers,
        final=final,
        template=settings.export.template,
        letter_date=today,
        details=view.letter,
    )
    return render(letter, out)


def letter_markdown(view: InquiryView, *, final: bool) -> str:
    final = _final(view, final)
    result = DraftResult(
        view.inquiry,
        tuple(a.answer for a in view.answers),
        IndexInfo(view.kb_path, "", view.kb_fingerprint),
    )
    sections = sections_of(load(Path(view.kb_path)))
    text = result_markdown(result, lambda source_id: source_reference(source_id, sections))
    if final:
        text = text.replace("# ENTWURF – nicht freigegeben\n", "# Antwortschreiben (freigegeben)\n", 1)
    return text
