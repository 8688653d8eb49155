"""Read-only values the UI and the export get from the review database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from assistant.domain import Answer, Citation, Inquiry, Question, Table
from assistant.review.states import AnswerState
from assistant.review.tables import AnswerRecord, AnswerVersion, InquiryRecord

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

    def missing(self) -> tuple[Question, ...]:
        """Questions without a stored draft (drafting was interrupted)."""
        have = {a.question_id for a in self.answers}
        return tuple(q for q in self.inquiry.answerable() if q.id not in have)

    @property
    def complete(self) -> bool:
        return not self.missing() and all(a.state == AnswerState.APPROVED for a in self.answers)


def inquiry_from_json(data: dict[str, Any], source_name: str = "") -> Inquiry:
    questions = tuple(
        Question(
            id=q["id"],
            number=q["number"],
            text=q["text"],
            parent=q.get("parent"),
            asks=q.get("asks", True),
            section=q.get("section"),
            follows=q.get("follows"),
        )
        for q in data["questions"]
    )
    return Inquiry(
        kind=data["kind"],
        questions=questions,
        sender=data.get("sender"),
        date=data.get("date"),
        subject=data.get("subject"),
        committee=data.get("committee"),
        deadline=data.get("deadline"),
        addressee=data.get("addressee"),
        preamble=data.get("preamble", ""),
        justification=data.get("justification", ""),
        source_name=source_name,
    )


def answer_view(record: AnswerRecord) -> AnswerView:
    table = json.loads(record.table_json) if record.table_json else None
    answer = Answer(
        question_id=record.question_id,
        status=record.draft_status,  # type: ignore[arg-type]
        text=record.text,
        citations=tuple(Citation(**c) for c in json.loads(record.citations_json)),
        warnings=tuple(json.loads(record.warnings_json)),
        table=Table(tuple(table["columns"]), tuple(tuple(r) for r in table["rows"])) if table else None,
        model=json.loads(record.provenance_json).get("model", ""),
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
