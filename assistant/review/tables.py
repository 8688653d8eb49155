"""The review database schema (SQLAlchemy 2 ORM). Changes go through an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from assistant.review.states import AnswerState, InquiryState


def now() -> datetime:
    return datetime.now(UTC)


def moment(seconds: float) -> datetime:
    """Unix seconds as a stored time (sessions, failed logins, jobs compare wall-clock times across processes)."""
    return datetime.fromtimestamp(seconds, UTC)


def unix(stored: datetime) -> float:
    """A stored time as Unix seconds (SQLite drops the zone; it was UTC)."""
    return (stored if stored.tzinfo else stored.replace(tzinfo=UTC)).timestamp()


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300), default="")  # empty: header (SSO) login only
    roles: Mapped[str] = mapped_column(String(200), default="")  # comma separated
    department: Mapped[str] = mapped_column(String(40), default="", server_default="")  # of department staff
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class DraftingJob(Base):
    """A drafting job (``assistant.jobs``): what the page shows of it, and for the database queue the queue."""

    __tablename__ = "drafting_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(12), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(80))
    roles: Mapped[str] = mapped_column(String(200))  # comma separated, as authorized at submission
    inquiry_id: Mapped[int | None] = mapped_column(Integer, index=True, nullable=True)  # None: a reindex
    answer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    current: Mapped[str] = mapped_column(String(40), default="")
    live: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A login to the web page: the token's hash (the token itself is only in the browser's cookie)."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(80), index=True)
    roles: Mapped[str] = mapped_column(String(200))  # comma separated, as at login
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """A failed login, counted per user name and per client address ("name:anna", "client:10.0.0.7")."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class InquiryRecord(Base):
    __tablename__ = "inquiries"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(80))
    sender: Mapped[str] = mapped_column(String(500), default="")
    inquiry_date: Mapped[str] = mapped_column(String(40), default="")
    deadline: Mapped[str] = mapped_column(String(40), default="")  # ISO date or empty
    departments: Mapped[str] = mapped_column(String(500), default="")  # comma separated ids
    source_name: Mapped[str] = mapped_column(String(500), default="")
    inquiry_json: Mapped[str] = mapped_column(Text)  # the parsed inquiry (Inquiry.to_json)
    letter_json: Mapped[str] = mapped_column(
        Text, default="", server_default=""
    )  # LetterDetails.to_json, "" = defaults
    kb_path: Mapped[str] = mapped_column(String(1000), default="")
    kb_fingerprint: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(40), default=InquiryState.DRAFTING.value)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    released_by: Mapped[str] = mapped_column(String(80), default="")
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    answers: Mapped[list[AnswerRecord]] = relationship(
        back_populates="inquiry", order_by="AnswerRecord.position", cascade="all, delete-orphan"
    )


class AnswerRecord(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inquiry_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id"))
    question_id: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(40), default=AnswerState.DRAFT.value)
    draft_status: Mapped[str] = mapped_column(String(40))  # answered, partial, no_information, needs_input
    text: Mapped[str] = mapped_column(Text)
    table_json: Mapped[str] = mapped_column(Text, default="")
    citations_json: Mapped[str] = mapped_column(Text, default="[]")
    warnings_json: Mapped[str] = mapped_column(Text, default="[]")
    provenance_json: Mapped[str] = mapped_column(Text, default="{}")  # model, prompt version, settings, sources
    comment: Mapped[str] = mapped_column(Text, default="")  # the reviewer's comment on rejection
    last_editor: Mapped[str] = mapped_column(String(80), default="")
    approved_by: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    inquiry: Mapped[InquiryRecord] = relationship(back_populates="answers")
    versions: Mapped[list[AnswerVersion]] = relationship(
        back_populates="answer", order_by="AnswerVersion.number", cascade="all, delete-orphan"
    )

    assignment: Mapped[Assignment | None] = relationship(lazy="selectin", cascade="all, delete-orphan")

    # Optimistic locking: every UPDATE says "WHERE version = <the version I read>".
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Assignment(Base):
    """Who is to work on an answer, and by when. A row of its own: assigning does not change the
    answer's version, so it never conflicts with an edit in progress."""

    __tablename__ = "assignments"

    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id"), primary_key=True)
    assignee: Mapped[str] = mapped_column(String(80))  # a user name
    due: Mapped[str] = mapped_column(String(40), default="")  # ISO date or empty
    assigned_by: Mapped[str] = mapped_column(String(80))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AnswerVersion(Base):
    __tablename__ = "answer_versions"
    __table_args__ = (UniqueConstraint("answer_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(String(200), default="")  # "Erstentwurf (Modell …)", "Bearbeitung"
    diff: Mapped[str] = mapped_column(Text, default="")  # unified diff to the previous version
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    answer: Mapped[AnswerRecord] = relationship(back_populates="versions")


class AuditEvent(Base):
    """Append-only: the application never updates or deletes a row of this table."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    inquiry_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class Rating(Base):
    """A human evaluator's score of the model's first draft of one answer (issue 7)."""

    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("answer_id", "evaluator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id"))
    evaluator: Mapped[str] = mapped_column(String(80))
    correct: Mapped[str] = mapped_column(String(20))
    complete: Mapped[str] = mapped_column(String(20))
    sourced: Mapped[str] = mapped_column(String(20))
    style: Mapped[str] = mapped_column(String(20))
    usable: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ReplyRecord(Base):
    """A released answer kept as the office's memory: written when its letter is released (or
    imported from an ``answers/`` folder), never changed afterwards."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    inquiry_id: Mapped[int | None] = mapped_column(ForeignKey("inquiries.id"), nullable=True)  # None: imported
    question_id: Mapped[str] = mapped_column(String(40), default="")
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    citations_json: Mapped[str] = mapped_column(Text, default="[]")
    table_json: Mapped[str] = mapped_column(Text, default="")
    inquiry_title: Mapped[str] = mapped_column(String(500), default="")
    inquiry_kind: Mapped[str] = mapped_column(String(80), default="")
    sender: Mapped[str] = mapped_column(String(500), default="")
    inquiry_date: Mapped[str] = mapped_column(String(40), default="")
    released: Mapped[str] = mapped_column(String(40))  # ISO date of the release
    term: Mapped[str] = mapped_column(String(80), default="")  # council term, "" when unknown
    approved_by: Mapped[str] = mapped_column(String(80), default="")
    released_by: Mapped[str] = mapped_column(String(80), default="")
    kb_path: Mapped[str] = mapped_column(String(1000), default="")
    source: Mapped[str] = mapped_column(String(500), default="")  # the file it was imported from
    source_texts_json: Mapped[str] = mapped_column(Text, default="{}")  # cited source id -> its text at release


class InputRecord(Base):
    """A department's input (Zuarbeit) to one answer: who, when, what; also a knowledge-base document."""

    __tablename__ = "inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id"))
    author: Mapped[str] = mapped_column(String(80))
    department: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(String(500), default="")  # its path in the knowledge base
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class QuestionVector(Base):
    """A question's embedding, kept so that a process without the embedding model (the web tier)
    can compare questions: written by whoever embeds it (a worker drafting the inquiry), keyed by
    model and the SHA-256 of the text; a question's text never changes, so neither does its row."""

    __tablename__ = "question_vectors"

    model: Mapped[str] = mapped_column(String(200), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector_json: Mapped[str] = mapped_column(Text)
