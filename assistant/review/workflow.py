"""The review workflow: store drafts as they are made, edit with history, approve, reject, release.

States of an answer: Entwurf → In Prüfung → Freigegeben, or Zurückgewiesen (with a
comment), which the next edit turns back into Entwurf. Every action checks the
actor's role first; a refusal is written to the audit trail and raised. Edits use
optimistic locking: the caller says which version it read, and a save based on an
older version is refused with the difference instead of overwriting it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from assistant.domain import Answer, Citation, DraftResult, Inquiry, LetterDetails
from assistant.drafting.statement import recommendation_open
from assistant.errors import ConflictError, PermissionDenied, WorkflowError
from assistant.figures import demand_figures, stated_sums, table_figures
from assistant.review.auth import ACTION_LABEL, ASSIGNABLE_ROLES, PERMISSIONS, ROLES, Actor, parse_roles
from assistant.review.memory import replies_of
from assistant.review.states import AnswerState, InquiryState
from assistant.review.tables import AnswerRecord, AnswerVersion, Assignment, AuditEvent, InquiryRecord, User, now
from assistant.review.views import (
    DRAFT_NOTES,
    AnswerView,
    Comment,
    InquirySummary,
    InquiryView,
    VersionView,
    answer_view,
    summary,
    version_view,
)
from assistant.settings import DEFAULTS
from assistant.text import german_date, numbers, rewritten

_MARKER = re.compile(r"\[\d+\]")
FIRST_DRAFT_NOTE, REDRAFT_NOTE = DRAFT_NOTES
MAX_COMMENT = 2000


def diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "vorher", "nachher", lineterm="")
    return "\n".join(lines)


def unsupported_numbers(
    text: str, answer: Answer, question_text: str, sources: Mapping[str, str] | None = None
) -> list[str]:
    """Numbers and dates an editor typed that neither the cited passages (the whole passage where its
    text is known, else the quote), the table nor the question contain. Dates compare as dates."""
    allowed = numbers(question_text)
    for citation in answer.citations:
        allowed |= numbers(citation.quote)
        allowed |= numbers((sources or {}).get(citation.source_id, ""))
    if answer.table is not None:
        allowed |= numbers(" ".join(" ".join(row) for row in answer.table.rows)) | table_figures(answer.table)
    allowed |= demand_figures(question_text, allowed)
    allowed |= stated_sums(_MARKER.sub(" ", text), allowed)  # "insgesamt 5.200 Euro (…: 3.400 Euro, …; berechnet)"
    return sorted(n for n in numbers(_MARKER.sub(" ", text)) if n not in allowed)


def edit_warnings(
    view: AnswerView, text: str, question_text: str, sources: Mapping[str, str] | None = None
) -> list[str]:
    """The warnings of an edited answer, computed afresh: the draft's own warnings only while the
    model's text is still there, and every number or date the cited passages do not contain."""
    drafted = [w for w in view.answer.warnings if not w.startswith("Bearbeitung:")]
    kept = [] if rewritten(view.first_draft, text) else drafted
    return kept + [
        f"Bearbeitung: {'Datum' if '-' in n else 'Zahl'} {german_date(n)} steht in keiner zitierten Quelle"
        for n in unsupported_numbers(text, view.answer, question_text, sources)
    ]


@dataclass(frozen=True)
class _Change:
    """One change of an answer that becomes its next version."""

    action: str
    text: str
    note: str
    expected_version: int
    detail: Mapping[str, Any] = field(default_factory=dict)


def _check_due(due: str) -> None:
    if not due:
        return
    try:
        date.fromisoformat(due)
    except ValueError:
        raise WorkflowError(
            f"„{due}“ ist kein Datum", hint="Den Termin als JJJJ-MM-TT angeben, z. B. 2026-12-15"
        ) from None


class Review:
    def __init__(self, sessions: sessionmaker[Session], *, four_eyes: bool = DEFAULTS.review.four_eyes) -> None:
        self._sessions = sessions
        self.four_eyes = four_eyes

    # --- plumbing -------------------------------------------------------------------------

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def log(
        self,
        actor: str,
        action: str,
        *,
        allowed: bool = True,
        inquiry_id: int | None = None,
        answer_id: int | None = None,
        **detail: Any,
    ) -> None:
        """Append an audit event in its own transaction (kept even when the action fails)."""
        with self._session() as session:
            session.add(self._event(actor, action, allowed, inquiry_id, answer_id, detail))

    def event(
        self, action: str, actor: str, inquiry_id: int | None, answer_id: int | None, detail: dict[str, Any]
    ) -> AuditEvent:
        """An allowed event to add to a transaction of the caller's (a store beside the workflow's)."""
        return self._event(actor, action, True, inquiry_id, answer_id, detail)

    @staticmethod
    def _event(
        actor: str, action: str, allowed: bool, inquiry_id: int | None, answer_id: int | None, detail: dict[str, Any]
    ) -> AuditEvent:
        return AuditEvent(
            actor=actor,
            action=str(action),  # an Action is stored as its text (database drivers adapt enums otherwise)
            allowed=allowed,
            inquiry_id=inquiry_id,
            answer_id=answer_id,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
        )

    def authorize(self, actor: Actor, action: str, inquiry_id: int | None = None, answer_id: int | None = None) -> None:
        if actor.can(action):
            return
        roles = " oder ".join(ROLES[r] for r in sorted(PERMISSIONS[action]))
        if inquiry_id is None and answer_id is not None:  # so that the refusal is in the inquiry's own trail
            with self._sessions() as session:
                record = session.get(AnswerRecord, answer_id)
                inquiry_id = record.inquiry_id if record else None
        self.log(actor.name, action, allowed=False, inquiry_id=inquiry_id, answer_id=answer_id, reason="Rolle fehlt")
        raise PermissionDenied(
            f"„{ACTION_LABEL[action]}“ ist {actor.label} nicht erlaubt: dafür ist die Rolle {roles} nötig",
            hint="Die Ablehnung wurde protokolliert. Rollen vergibt die Administration.",
        )

    def _refuse(self, actor: Actor, action: str, record: AnswerRecord, message: str, hint: str) -> WorkflowError:
        self.log(actor.name, action, allowed=False, inquiry_id=record.inquiry_id, answer_id=record.id, reason=message)
        return WorkflowError(message, hint=hint)

    # --- drafting ---------------------------------------------------------------------------

    def create_inquiry(
        self,
        actor: Actor,
        inquiry: Inquiry,
        *,
        kb_path: str = "",
        deadline: str = "",
        departments: str = "",
    ) -> int:
        self.authorize(actor, "inquiry.create")
        with self._session() as session:
            record = InquiryRecord(
                title=inquiry.subject or inquiry.source_name or "Anfrage ohne Betreff",
                kind=inquiry.kind,
                sender=inquiry.sender or "",
                inquiry_date=inquiry.date or "",
                deadline=deadline or inquiry.deadline or "",
                departments=departments,
                source_name=inquiry.source_name,
                inquiry_json=json.dumps(inquiry.to_json(), ensure_ascii=False),
                kb_path=kb_path,
                created_by=actor.name,
            )
            session.add(record)
            session.flush()
            session.add(self._event(actor.name, "inquiry.create", True, record.id, None, {"title": record.title}))
            return record.id

    def add_draft(self, actor: Actor, inquiry_id: int, answer: Answer, provenance: dict[str, Any]) -> int:
        """Store one drafted answer at once, so a crash later loses nothing already drafted."""
        self.authorize(actor, "inquiry.create", inquiry_id)
        with self._session() as session:
            inquiry = session.get_one(InquiryRecord, inquiry_id)
            questions = [q["id"] for q in json.loads(inquiry.inquiry_json)["questions"]]
            record = AnswerRecord(
                inquiry_id=inquiry_id,
                question_id=answer.question_id,
                position=questions.index(answer.question_id),
                draft_status=answer.status,
                text=answer.text,
                table_json=json.dumps(answer.table.to_json(), ensure_ascii=False) if answer.table else "",
                citations_json=json.dumps([c.to_json() for c in answer.citations], ensure_ascii=False),
                warnings_json=json.dumps(list(answer.warnings), ensure_ascii=False),
                provenance_json=json.dumps(provenance, ensure_ascii=False),
                last_editor=actor.name,
            )
            session.add(record)
            session.flush()
            session.add(
                AnswerVersion(
                    answer_id=record.id,
                    number=1,
                    text=answer.text,
                    author=actor.name,
                    note=f"{FIRST_DRAFT_NOTE} ({provenance.get('model', 'Modell')})",
                )
            )
            session.add(
                self._event(actor.name, "answer.draft", True, inquiry_id, record.id, {"question": answer.question_id})
            )
            return record.id

    def finish_drafting(self, actor: Actor, inquiry_id: int, result: DraftResult) -> None:
        with self._session() as session:
            record = session.get_one(InquiryRecord, inquiry_id)
            record.kb_fingerprint = result.knowledge_base.fingerprint
            if len(record.answers) >= len(result.inquiry.answerable()):  # otherwise drafting stopped early
                record.state = InquiryState.REVIEW.value
            session.add(self._event(actor.name, "inquiry.drafted", True, inquiry_id, None, {}))

    # --- answers ----------------------------------------------------------------------------

    def _load(self, session: Session, answer_id: int, expected_version: int | None, text: str = "") -> AnswerRecord:
        record = session.get_one(AnswerRecord, answer_id)
        if record.inquiry.state == InquiryState.RELEASED:
            raise WorkflowError(
                "Das Antwortschreiben ist bereits freigegeben; Antworten sind nicht mehr änderbar",
                hint="Für eine Korrektur eine neue Anfrage anlegen",
            )
        if expected_version is not None and record.version != expected_version:
            self._conflict(record, expected_version, text)
        return record

    def _conflict(self, record: AnswerRecord, expected_version: int, text: str) -> None:
        theirs = record.text
        raise ConflictError(
            f"Frage {record.question_id} wurde inzwischen von {record.last_editor} geändert "
            f"(Version {record.version}, Ihre Grundlage war Version {expected_version}); Ihre Änderung ist nicht "
            "gespeichert",
            hint="Unterschied prüfen, Text übernehmen oder anpassen und erneut speichern",
            diff=diff(theirs, text) if text else "",
            current_version=record.version,
        )

    def _commit_versioned(self, session: Session, record: AnswerRecord, expected_version: int, text: str) -> None:
        answer_id = record.id  # read now: after a failed flush the record cannot be touched
        try:
            session.flush()
        except StaleDataError:  # someone saved between our read and our write; the caller's block rolls back
            with self._sessions() as fresh:
                self._conflict(fresh.get_one(AnswerRecord, answer_id), expected_version, text)

    def _editable(
        self, session: Session, actor: Actor, answer_id: int, expected_version: int | None, text: str, refusal: str
    ) -> AnswerRecord:
        """The answer to change, refused (and logged) once approved; its versions are loaded here, so that
        reading them later cannot flush half-made changes before the version check."""
        record = self._load(session, answer_id, expected_version, text)
        if record.state == AnswerState.APPROVED:
            raise self._refuse(
                actor,
                "answer.edit",
                record,
                f"Frage {record.question_id} ist freigegeben {refusal}",
                "Die Freigabe muss die Antwort zuerst zurückweisen",
            )
        len(record.versions)  # load the versions now (see above)
        return record

    def ensure_editable(self, actor: Actor, answer_id: int) -> None:
        """Refuse (and log) before expensive work – a model call – what ``redraft`` would refuse anyway."""
        self.authorize(actor, "answer.edit", answer_id=answer_id)
        with self._session() as session:
            self._editable(session, actor, answer_id, None, "", "und kann nicht neu entworfen werden")

    def _new_version(
        self,
        session: Session,
        actor: Actor,
        record: AnswerRecord,
        change: _Change,
    ) -> None:
        """Record a change as the answer's next version, back in Entwurf, and log it."""
        previous, number = record.text, len(record.versions) + 1
        record.text = change.text
        record.state = AnswerState.DRAFT.value
        record.last_editor = actor.name
        record.approved_by = ""
        record.updated_at = now()
        changed = diff(previous, change.text) if previous != change.text else ""
        record.versions.append(
            AnswerVersion(number=number, text=change.text, author=actor.name, note=change.note[:200], diff=changed)
        )
        self._commit_versioned(session, record, change.expected_version, change.text)
        detail = {"version": number, **change.detail}
        session.add(self._event(actor.name, change.action, True, record.inquiry_id, record.id, detail))

    def edit(
        self,
        actor: Actor,
        answer_id: int,
        text: str,
        expected_version: int,
        sources: Mapping[str, str] | None = None,
    ) -> AnswerView:
        """Save an edit as a new version; ``sources`` (source id -> full text) lets the check of numbers
        and dates read the whole cited passages. Text that differs only in spaces is no new version."""
        self.authorize(actor, "answer.edit", answer_id=answer_id)
        text = text.strip()
        with self._session() as session:
            refusal = "und kann nicht bearbeitet werden"
            record = self._editable(session, actor, answer_id, expected_version, text, refusal)
            if not text:
                raise WorkflowError("Eine Antwort darf nicht leer sein", hint="Text eingeben oder Entwurf behalten")
            if text.split() == record.text.split() and record.state != AnswerState.REJECTED:
                return answer_view(record)
            question = Inquiry.from_json(json.loads(record.inquiry.inquiry_json)).question(record.question_id)
            warnings = edit_warnings(answer_view(record), text, question.text, sources)
            record.warnings_json = json.dumps(warnings, ensure_ascii=False)
            self._new_version(session, actor, record, _Change("answer.edit", text, "Bearbeitung", expected_version))
        return self.answer(answer_id)

    def set_letter(self, actor: Actor, inquiry_id: int, details: LetterDetails) -> None:
        """Store what the clerk completed of the reply letter (date, sender, addressee, reference, intro …)."""
        self.authorize(actor, "answer.edit", inquiry_id=inquiry_id)
        with self._session() as session:
            record = session.get_one(InquiryRecord, inquiry_id)
            if record.state == InquiryState.RELEASED:
                raise WorkflowError(
                    "Das Antwortschreiben ist bereits freigegeben; seine Angaben sind nicht mehr änderbar",
                    hint="Für eine Korrektur eine neue Anfrage anlegen",
                )
            record.letter_json = json.dumps(details.to_json(), ensure_ascii=False)
            changed = [name for name, value in details.to_json().items() if value]
            session.add(self._event(actor.name, "inquiry.letter", True, inquiry_id, None, {"fields": changed}))

    def add_citations(
        self, actor: Actor, answer_id: int, citations: Sequence[Citation], expected_version: int
    ) -> AnswerView:
        """Sources the clerk adds; the answer goes back to Entwurf, the addition is a version of its own."""
        self.authorize(actor, "answer.edit", answer_id=answer_id)
        if not citations:
            raise WorkflowError("Keine Fundstelle gewählt", hint="Eine oder mehrere Fundstellen wählen")
        with self._session() as session:
            refusal = "; es kann keine Quelle mehr angefügt werden"
            record = self._editable(session, actor, answer_id, expected_version, "", refusal)
            cited = [*json.loads(record.citations_json), *(c.to_json() for c in citations)]
            record.citations_json = json.dumps(cited, ensure_ascii=False)
            markers = ", ".join(c.marker for c in citations)
            note = f"Quelle {markers} angefügt: {'; '.join(c.title for c in citations)}"
            sources = [c.source_id for c in citations]
            change = _Change("answer.cite", record.text, note, expected_version, {"sources": sources})
            self._new_version(session, actor, record, change)
        return self.answer(answer_id)

    def redraft(
        self,
        actor: Actor,
        answer_id: int,
        answer: Answer,
        expected_version: int,
        provenance: dict[str, Any],
        *,
        how: str = "",
        action: str = "answer.redraft",
        permission: str = "answer.edit",
    ) -> AnswerView:
        """Replace an answer by a new draft (text, sources, table, warnings) as a new version in Entwurf;
        ``how`` says what wrote it (default: the model, or the data), ``action`` is what the trail records,
        ``permission`` what the actor must be allowed (a department's input redrafts the answer too)."""
        self.authorize(actor, permission, answer_id=answer_id)
        with self._session() as session:
            refusal = "und kann nicht neu entworfen werden"
            record = self._editable(session, actor, answer_id, expected_version, "", refusal)
            record.draft_status = answer.status
            record.table_json = json.dumps(answer.table.to_json(), ensure_ascii=False) if answer.table else ""
            record.citations_json = json.dumps([c.to_json() for c in answer.citations], ensure_ascii=False)
            record.warnings_json = json.dumps(list(answer.warnings), ensure_ascii=False)
            record.provenance_json = json.dumps(provenance, ensure_ascii=False)
            note = f"{REDRAFT_NOTE} ({how or provenance.get('model') or 'aus den Daten'})"
            change = _Change(action, answer.text, note, expected_version, {"question": record.question_id})
            self._new_version(session, actor, record, change)
        return self.answer(answer_id)

    def assignable(self) -> dict[str, str]:
        """User name -> display name of the active users an answer can be assigned to."""
        with self._sessions() as session:
            users = session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name)).all()
            return {u.name: u.display_name or u.name for u in users if parse_roles(u.roles) & ASSIGNABLE_ROLES}

    def assign(self, actor: Actor, answer_id: int, assignee: str, due: str = "") -> AnswerView:
        """Make someone responsible for an answer, optionally by a date no later than the inquiry's
        deadline; an empty ``assignee`` removes the assignment. The answer's version is unchanged."""
        self.authorize(actor, "answer.assign", answer_id=answer_id)
        due = due.strip()
        if assignee and assignee not in self.assignable():
            raise WorkflowError(
                f"„{assignee}“ kann keine Antworten bearbeiten", hint="Eine Person mit der Rolle Sachbearbeitung wählen"
            )
        _check_due(due)
        with self._session() as session:
            record = self._load(session, answer_id, None)  # refuses once the letter is released
            deadline = record.inquiry.deadline
            if due and deadline and due > deadline:
                raise WorkflowError(
                    f"Der Termin {german_date(due)} liegt nach der Frist der Anfrage ({german_date(deadline)})",
                    hint="Einen früheren Termin wählen",
                )
            current = session.get(Assignment, answer_id)
            if current is not None and not assignee:
                session.delete(current)
            elif current is not None:
                current.assignee, current.due, current.assigned_by = assignee, due, actor.name
                current.assigned_at = now()
            elif assignee:
                session.add(Assignment(answer_id=answer_id, assignee=assignee, due=due, assigned_by=actor.name))
            detail = {"assignee": assignee or "niemand", **({"due": due} if due and assignee else {})}
            session.add(self._event(actor.name, "answer.assign", True, record.inquiry_id, answer_id, detail))
        return self.answer(answer_id)

    def _transition(
        self,
        actor: Actor,
        action: str,
        answer_id: int,
        expected_version: int,
        allowed_from: tuple[str, ...],
        target: str,
        comment: str = "",
    ) -> AnswerView:
        self.authorize(actor, action, answer_id=answer_id)
        with self._session() as session:
            record = self._load(session, answer_id, expected_version)
            if record.state not in allowed_from:
                raise self._refuse(
                    actor,
                    action,
                    record,
                    f"Frage {record.question_id} ist im Status „{record.state}“; "
                    f"„{ACTION_LABEL[action]}“ geht nur aus „{' / '.join(allowed_from)}“",
                    "Status der Antwort prüfen",
                )
            if action == "answer.approve" and self.four_eyes and record.last_editor == actor.name:
                raise self._refuse(
                    actor,
                    action,
                    record,
                    f"Vier-Augen-Prinzip: Frage {record.question_id} wurde zuletzt von Ihnen bearbeitet",
                    "Eine andere Person mit der Rolle Freigabe muss freigeben",
                )
            if action == "answer.approve" and recommendation_open(record.text):
                raise self._refuse(
                    actor,
                    action,
                    record,
                    f"Die Empfehlung zu Nr. {record.question_id} ist noch offen",
                    "Zurückweisen mit der Empfehlung der Verwaltungsleitung als Kommentar; "
                    "die Sachbearbeitung trägt sie ein",
                )
            record.state = str(target)  # the stored text, not the enum (database drivers)
            record.comment = comment
            record.approved_by = actor.name if target == AnswerState.APPROVED else ""
            record.updated_at = now()
            self._commit_versioned(session, record, expected_version, "")
            detail = {"state": target, **({"comment": comment} if comment else {})}
            session.add(self._event(actor.name, action, True, record.inquiry_id, record.id, detail))
        return self.answer(answer_id)

    def submit(self, actor: Actor, answer_id: int, expected_version: int) -> AnswerView:
        return self._transition(
            actor, "answer.submit", answer_id, expected_version, (AnswerState.DRAFT,), AnswerState.IN_REVIEW
        )

    def approve(self, actor: Actor, answer_id: int, expected_version: int) -> AnswerView:
        return self._transition(
            actor, "answer.approve", answer_id, expected_version, (AnswerState.IN_REVIEW,), AnswerState.APPROVED
        )

    def reject(self, actor: Actor, answer_id: int, expected_version: int, comment: str) -> AnswerView:
        if not comment.strip():
            self.authorize(actor, "answer.reject", answer_id=answer_id)
            raise WorkflowError("Bitte begründen, warum die Antwort zurückgewiesen wird", hint="Kommentar eingeben")
        return self._transition(
            actor,
            "answer.reject",
            answer_id,
            expected_version,
            (AnswerState.IN_REVIEW, AnswerState.APPROVED),
            AnswerState.REJECTED,
            comment.strip(),
        )

    def release(
        self, actor: Actor, inquiry_id: int, term: str = "", sources: Mapping[str, str] | None = None
    ) -> InquiryView:
        """Release the reply letter: only when every question has an approved answer. Its answers
        become the office's memory (``review.memory``) in the same transaction, with the council
        ``term`` they belong to and the texts of their cited ``sources`` (source id -> text) as released."""
        self.authorize(actor, "inquiry.release", inquiry_id)
        view = self.inquiry(inquiry_id)
        open_ids = [a.question_id for a in view.answers if a.state != AnswerState.APPROVED]
        open_ids += [q.id for q in view.missing()]
        if view.summary.state == InquiryState.RELEASED:
            raise WorkflowError("Das Antwortschreiben ist bereits freigegeben")
        if open_ids:
            self.log(actor.name, "inquiry.release", allowed=False, inquiry_id=inquiry_id, open=open_ids)
            raise WorkflowError(
                f"Noch nicht freigegeben: Frage {', '.join(open_ids)}",
                hint="Erst wenn jede Antwort freigegeben ist, kann das Antwortschreiben freigegeben werden",
            )
        with self._session() as session:
            record = session.get_one(InquiryRecord, inquiry_id)
            record.state = InquiryState.RELEASED.value
            record.released_by = actor.name
            record.released_at = now()
            session.add_all(replies_of(record, record.released_at.date(), term, sources))
            session.add(self._event(actor.name, "inquiry.release", True, inquiry_id, None, {}))
        return self.inquiry(inquiry_id)

    # --- reading ----------------------------------------------------------------------------

    def answer(self, answer_id: int) -> AnswerView:
        with self._sessions() as session:
            return answer_view(session.get_one(AnswerRecord, answer_id))

    def history(self, answer_id: int) -> list[VersionView]:
        with self._sessions() as session:
            return [version_view(v) for v in session.get_one(AnswerRecord, answer_id).versions]

    def inquiry(self, inquiry_id: int) -> InquiryView:
        with self._sessions() as session:
            versions = selectinload(InquiryRecord.answers).selectinload(AnswerRecord.versions)
            record = session.get(InquiryRecord, inquiry_id, options=[versions])
            if record is None:
                raise WorkflowError(f"Anfrage {inquiry_id} gibt es nicht")
            return InquiryView(
                summary=summary(record),
                inquiry=Inquiry.from_json(json.loads(record.inquiry_json), record.source_name),
                answers=tuple(answer_view(a) for a in record.answers),
                kb_path=record.kb_path,
                kb_fingerprint=record.kb_fingerprint,
                released_by=record.released_by,
                letter=LetterDetails.from_json(json.loads(record.letter_json))
                if record.letter_json
                else LetterDetails(),
            )

    def overview(self) -> list[InquirySummary]:
        """All inquiries, open ones first by deadline."""
        with self._sessions() as session:
            records = session.scalars(select(InquiryRecord)).all()
            found = [summary(r) for r in records]
        return sorted(found, key=lambda s: (s.state == InquiryState.RELEASED, s.deadline or "9999", -s.id))

    def approved(self, kb_path: str) -> list[AnswerView]:
        """Approved answers (released or not) drafted from the knowledge base at ``kb_path``."""
        with self._sessions() as session:
            query = (
                select(AnswerRecord)
                .join(InquiryRecord)
                .where(AnswerRecord.state == AnswerState.APPROVED.value, InquiryRecord.kb_path == kb_path)
            )
            return [answer_view(a) for a in session.scalars(query).all()]

    def comment(self, actor: Actor, answer_id: int, text: str) -> None:
        """A remark on an answer for everyone working on it; kept in the append-only trail."""
        text = text.strip()
        if not text:
            raise WorkflowError("Ein Kommentar darf nicht leer sein", hint="Text eingeben")
        if len(text) > MAX_COMMENT:
            raise WorkflowError(f"Ein Kommentar hat höchstens {MAX_COMMENT} Zeichen", hint="Kürzer fassen")
        record = self.answer(answer_id)  # an answer that exists
        self.log(actor.name, "answer.comment", inquiry_id=record.inquiry_id, answer_id=answer_id, text=text)

    def comments(self, answer_id: int) -> list[Comment]:
        """The thread of an answer: comments and rejections with their reasons, oldest first."""
        with self._sessions() as session:
            query = (
                select(AuditEvent)
                .where(AuditEvent.answer_id == answer_id, AuditEvent.allowed.is_(True))
                .where(AuditEvent.action.in_(("answer.comment", "answer.reject")))
                .order_by(AuditEvent.id)
            )
            found = []
            for event in session.scalars(query):
                detail = json.loads(event.detail or "{}")
                text = detail.get("text") or detail.get("comment") or ""
                if text:
                    found.append(Comment(event.actor, event.at, text, event.action == "answer.reject"))
            return found

    def events(self, inquiry_id: int | None = None) -> list[AuditEvent]:
        with self._sessions() as session:
            query = select(AuditEvent).order_by(AuditEvent.id)
            if inquiry_id is not None:
                query = query.where(AuditEvent.inquiry_id == inquiry_id)
            return list(session.scalars(query).all())
