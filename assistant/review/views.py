"""Read-only values the UI and the export get from the review database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assistant.domain import Answer, Inquiry, LetterDetails, Question
from assistant.review.states import AnswerState
from assistant.review.tables import AnswerRecord, AnswerVersion, InquiryRecord
from assistant.text import rewritten

STATES = tuple(AnswerState)


@dataclass(frozen=True)
class VersionView:
    number: int
    text: str
    author: str
    note: str
    diff: str
    created_at: datetime


@dataclass(frozen=True)
class Comment:
    author: str
    at: datetime
    text: str
    rejection: bool = False  # the reason given when the answer was sent back


@dataclass(frozen=True)
class AnswerView:
    id: int
    inquiry_id: int
    question_id: str
    position: int
    state: str
    version: int
    answer: Answer  # the current text with the first draft's citations, table and warnings
    last_editor: str
    approved_by: str
    comment: str
    provenance: dict[str, Any]
    first_draft: str = ""  # the text of the latest version the drafting wrote
    assignee: str = ""  # the user name of who is to work on it ("" = nobody in particular)
    due: str = ""  # by when (ISO date), if set

    @property
    def edited_by_hand(self) -> bool:
        """Rewritten rather than corrected: the draft's own kind and warnings no longer describe it."""
        return rewritten(self.first_draft, self.answer.text)


@dataclass(frozen=True)
class InquirySummary:
    id: int
    title: str
    kind: str
    sender: str
    deadline: str
    departments: str
    state: str
    created_at: datetime
    answers: int
    approved: int
    expected: int  # questions that ask something; fewer answers means drafting stopped early


@dataclass(frozen=True)
class InquiryView:
    summary: InquirySummary
    inquiry: Inquiry
    answers: tuple[AnswerView, ...]
    kb_path: str
    kb_fingerprint: str
    released_by: str
    letter: LetterDetails = field(default_factory=LetterDetails)  # what the clerk completed of the letter

    def missing(self) -> tuple[Question, ...]:
        """Questions without a stored draft (drafting was interrupted)."""
        have = {a.question_id for a in self.answers}
        return tuple(q for q in self.inquiry.answerable() if q.id not in have)

    @property
    def complete(self) -> bool:
        return not self.missing() and all(a.state == AnswerState.APPROVED for a in self.answers)


DRAFT_NOTES = ("Erstentwurf", "Neu entworfen")  # versions written by the drafting, not by a person


def _last_draft(record: AnswerRecord) -> str:
    """The text of the latest version the drafting wrote (the first draft, or a later redraft)."""
    drafts = [v.text for v in record.versions if v.note.startswith(DRAFT_NOTES)]
    return drafts[-1] if drafts else record.text


def answer_view(record: AnswerRecord) -> AnswerView:
    answer = Answer.from_json(
        {
            "question_id": record.question_id,
            "status": record.draft_status,
            "text": record.text,
            "citations": json.loads(record.citations_json),
            "warnings": json.loads(record.warnings_json),
            "table": json.loads(record.table_json) if record.table_json else None,
            "model": json.loads(record.provenance_json).get("model", ""),
        }
    )
    return AnswerView(
        id=record.id,
        inquiry_id=record.inquiry_id,
        question_id=record.question_id,
        position=record.position,
        state=record.state,
        version=record.version,
        answer=answer,
        last_editor=record.last_editor,
        approved_by=record.approved_by,
        comment=record.comment,
        provenance=json.loads(record.provenance_json),
        first_draft=_last_draft(record),
        assignee=record.assignment.assignee if record.assignment else "",
        due=record.assignment.due if record.assignment else "",
    )


def summary(record: InquiryRecord) -> InquirySummary:
    inquiry = json.loads(record.inquiry_json)
    return InquirySummary(
        id=record.id,
        title=record.title,
        kind=record.kind,
        sender=record.sender,
        deadline=record.deadline,
        departments=record.departments,
        state=record.state,
        created_at=record.created_at,
        answers=len(record.answers),
        approved=sum(a.state == AnswerState.APPROVED for a in record.answers),
        expected=sum(1 for q in inquiry["questions"] if q.get("asks", True)),
    )


def version_view(record: AnswerVersion) -> VersionView:
    return VersionView(record.number, record.text, record.author, record.note, record.diff, record.created_at)
