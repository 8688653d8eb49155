"""Department input (Zuarbeit): the questions assigned to department staff and what they supply.

A question assigned to someone with the role Fachbereich is an input requested from that
department; it is outstanding until that person (or a clerk) supplies an input after the
assignment, and overdue once its due date has passed. Each input is stored with author, time
and department and logged; ``usecases.inputs`` also writes it into the knowledge base.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.domain import Inquiry
from assistant.errors import PermissionDenied, WorkflowError
from assistant.review.auth import Actor, parse_roles
from assistant.review.states import Action, InquiryState
from assistant.review.tables import AnswerRecord, Assignment, InputRecord, User
from assistant.review.workflow import Review

MAX_INPUT = 20_000  # characters of one input


@dataclass(frozen=True)
class Assigned:
    """A question someone is to work on, as a department sees it."""

    answer_id: int
    inquiry_id: int
    inquiry_title: str
    deadline: str
    question_id: str
    question: str
    answer: str
    assignee: str
    department: str  # the assignee's department ("" for clerks)
    due: str
    supplied: bool  # an input came after the assignment
    released: bool

    @property
    def requested(self) -> bool:
        """An input is asked of a department (not a clerk's own task)."""
        return bool(self.department)

    def overdue(self, today: date) -> bool:
        return self.requested and not self.supplied and bool(self.due) and self.due < today.isoformat()


@dataclass(frozen=True)
class InputView:
    id: int
    answer_id: int
    author: str
    department: str
    text: str
    document: str
    created_at: datetime


def _view(record: InputRecord) -> InputView:
    return InputView(
        record.id, record.answer_id, record.author, record.department, record.text, record.document, record.created_at
    )


class Inputs:
    def __init__(self, sessions: sessionmaker[Session], review: Review) -> None:
        self._sessions = sessions
        self._review = review

    def assigned(self, assignee: str | None = None) -> list[Assigned]:
        """Every assignment (or those of one person), by due date; released inquiries last."""
        with self._sessions() as session:
            departments = {
                u.name: u.department or "-"
                for u in session.scalars(select(User))
                if "fachbereich" in parse_roles(u.roles)
            }
            query = select(Assignment).join(AnswerRecord, Assignment.answer_id == AnswerRecord.id)
            if assignee is not None:
                query = query.where(Assignment.assignee == assignee)
            found = [self._assigned(session, a, departments.get(a.assignee, "")) for a in session.scalars(query)]
        return sorted(found, key=lambda a: (a.released, a.due or "9999", a.inquiry_id, a.answer_id))

    @staticmethod
    def _assigned(session: Session, assignment: Assignment, department: str) -> Assigned:
        answer = session.get_one(AnswerRecord, assignment.answer_id)
        inquiry = Inquiry.from_json(json.loads(answer.inquiry.inquiry_json))
        inputs = session.scalars(select(InputRecord).where(InputRecord.answer_id == answer.id)).all()
        since = assignment.assigned_at.replace(tzinfo=None)  # SQLite returns naive times, PostgreSQL aware ones
        return Assigned(
            answer_id=answer.id,
            inquiry_id=answer.inquiry_id,
            inquiry_title=answer.inquiry.title,
            deadline=answer.inquiry.deadline,
            question_id=answer.question_id,
            question=inquiry.question(answer.question_id).text,
            answer=answer.text,
            assignee=assignment.assignee,
            department=department,
            due=assignment.due,
            supplied=any(i.created_at.replace(tzinfo=None) >= since for i in inputs),
            released=answer.inquiry.state == InquiryState.RELEASED,
        )

    def supply(self, actor: Actor, answer_id: int, text: str, document: str) -> InputView:
        """Store a department's input to an answer (the assignee's, or a clerk's on its behalf)."""
        self._review.authorize(actor, Action.INPUT_SUPPLY, answer_id=answer_id)
        text = text.strip()
        if not text:
            raise WorkflowError("Die Zuarbeit ist leer", hint="Die Angaben des Fachbereichs eintragen")
        if len(text) > MAX_INPUT:
            raise WorkflowError(f"Eine Zuarbeit hat höchstens {MAX_INPUT} Zeichen", hint="Kürzen oder aufteilen")
        with self._sessions() as session, session.begin():
            answer = session.get_one(AnswerRecord, answer_id)
            assignment = session.get(Assignment, answer_id)
            mine = assignment is not None and assignment.assignee == actor.name
            if not mine and not actor.can(Action.ANSWER_EDIT):
                self._review.log(actor.name, "input.supply", allowed=False, inquiry_id=answer.inquiry_id,
                                 answer_id=answer_id, reason="nicht zugewiesen")  # fmt: skip
                raise PermissionDenied(
                    "Diese Frage ist Ihnen nicht zugewiesen", hint="Die Sachbearbeitung weist Fragen zu"
                )
            if answer.inquiry.state == InquiryState.RELEASED:
                raise WorkflowError("Das Antwortschreiben ist bereits freigegeben; eine Zuarbeit kommt zu spät")
            record = InputRecord(
                answer_id=answer_id, author=actor.name, department=actor.department, text=text, document=document
            )
            session.add(record)
            session.flush()
            view = _view(record)
            detail = {"department": actor.department, "file": document}
            session.add(self._review.event("input.supply", actor.name, answer.inquiry_id, answer_id, detail))
        return view

    def of(self, answer_id: int) -> list[InputView]:
        with self._sessions() as session:
            query = select(InputRecord).where(InputRecord.answer_id == answer_id).order_by(InputRecord.id)
            return [_view(r) for r in session.scalars(query)]
