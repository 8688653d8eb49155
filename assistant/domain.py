"""Values the pipeline stages exchange. All frozen: a stage never edits its input.

Each kind of data has its one JSON converter here (``to_json`` / ``from_json``), used by the
exports, the review database and the evaluation alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AnswerStatus = Literal["answered", "partial", "no_information", "needs_input", "reused"]
ChunkKind = Literal["inventory", "budget", "document", "answer", "municipality"]


@dataclass(frozen=True)
class Question:
    """One numbered item of an inquiry. ``id`` follows the inquiry's own numbering."""

    id: str
    number: str
    text: str
    parent: str | None = None
    asks: bool = True  # False for headings and lead-ins whose sub-questions carry the asking
    section: str | None = None  # heading of the part the question stands in ("II. Finanzen")
    follows: str | None = None  # id of the question a follow-up ("Wenn ja, ...") depends on

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "text": self.text,
            "parent": self.parent,
            "asks": self.asks,
            "section": self.section,
            "follows": self.follows,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(
            id=data["id"],
            number=data["number"],
            text=data["text"],
            parent=data.get("parent"),
            asks=data.get("asks", True),
            section=data.get("section"),
            follows=data.get("follows"),
        )


@dataclass(frozen=True)
class Inquiry:
    kind: str
    questions: tuple[Question, ...]
    sender: str | None = None
    date: str | None = None
    subject: str | None = None
    committee: str | None = None
    deadline: str | None = None
    addressee: str | None = None
    preamble: str = ""
    justification: str = ""
    source_name: str = ""

    def answerable(self) -> tuple[Question, ...]:
        """Questions that get an answer object, in document order."""
        return tuple(q for q in self.questions if q.asks)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def to_json(self) -> dict[str, Any]:
        """The parsed inquiry as in ``shared/spec/interfaces.md`` (the file name is not part of it)."""
        return {
            "kind": self.kind,
            "sender": self.sender,
            "addressee": self.addressee,
            "date": self.date,
            "subject": self.subject,
            "committee": self.committee,
            "deadline": self.deadline,
            "preamble": self.preamble,
            "questions": [q.to_json() for q in self.questions],
            "justification": self.justification,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], source_name: str = "") -> Inquiry:
        return cls(
            kind=data["kind"],
            questions=tuple(Question.from_json(q) for q in data["questions"]),
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


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of the knowledge base.

    ``source_id`` is what a citation points to (``inventory:KI-003``,
    ``documents/ki-leitlinie.md#3``); ``chunk_id`` is unique in the index
    (a long section split in parts shares its source id).
    """

    chunk_id: str
    source_id: str
    kind: ChunkKind
    title: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=True)


@dataclass(frozen=True)
class Passage:
    chunk: Chunk
    score: float


@dataclass(frozen=True)
class Citation:
    marker: str
    source_id: str
    title: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {"marker": self.marker, "source_id": self.source_id, "title": self.title, "quote": self.quote}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Citation:
        return cls(data["marker"], data["source_id"], data["title"], data["quote"])


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "rows": [list(row) for row in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(tuple(data["columns"]), tuple(tuple(row) for row in data["rows"]))


@dataclass(frozen=True)
class Answer:
    question_id: str
    status: AnswerStatus
    text: str
    citations: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = ()
    table: Table | None = None
    model: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question_id": self.question_id,
            "status": self.status,
            "text": self.text,
            "citations": [c.to_json() for c in self.citations],
            "warnings": list(self.warnings),
            "model": self.model,
            "seconds": round(self.seconds, 2),
        }
        if self.table is not None:
            data["table"] = self.table.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        """The inverse of ``to_json`` (for re-scoring stored drafts)."""
        table = data.get("table")
        return cls(
            question_id=data["question_id"],
            status=data["status"],
            text=data["text"],
            citations=tuple(Citation.from_json(c) for c in data["citations"]),
            warnings=tuple(data.get("warnings", ())),
            table=Table.from_json(table) if table else None,
            model=data.get("model", ""),
            seconds=float(data.get("seconds", 0.0)),
        )


@dataclass(frozen=True)
class LetterDetails:
    """What a clerk completes of the reply letter; an empty field means the default from the inquiry."""

    inquiry_date: str = ""
    sender: str = ""
    addressee: str = ""  # name and address, one line each
    reference: str = ""  # Aktenzeichen or Drucksache number
    committee: str = ""  # committee and session
    intro: str = ""
    closing: str = ""

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LetterDetails:
        return cls(**{name: str(data.get(name, "")) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Reply:
    """An answer the office released earlier (its memory): the question, the text, its sources, when."""

    question: str
    answer: str
    released: str  # ISO date of the release
    inquiry_title: str = ""
    inquiry_kind: str = ""
    sender: str = ""
    inquiry_date: str = ""
    term: str = ""  # council term, "" when unknown
    approved_by: str = ""
    citations: tuple[Citation, ...] = ()
    table: Table | None = None
    id: int = 0  # in the review database (0: not stored)
    source_texts: dict[str, str] = field(default_factory=dict, hash=False)  # cited source id -> text at release

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["citations"] = [c.to_json() for c in self.citations]
        data["table"] = self.table.to_json() if self.table else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        structured = ("citations", "table", "id", "source_texts")
        plain = {n: str(data.get(n) or "") for n in cls.__dataclass_fields__ if n not in structured}
        return cls(
            **plain,
            citations=tuple(Citation.from_json(c) for c in data.get("citations") or ()),
            table=Table.from_json(data["table"]) if data.get("table") else None,
            id=int(data.get("id") or 0),
            source_texts={str(k): str(v) for k, v in (data.get("source_texts") or {}).items()},
        )


@dataclass(frozen=True)
class IndexInfo:
    path: str
    indexed_at: str
    fingerprint: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "indexed_at": self.indexed_at, "fingerprint": self.fingerprint}


@dataclass(frozen=True)
class DraftResult:
    inquiry: Inquiry
    answers: tuple[Answer, ...]
    knowledge_base: IndexInfo

    def to_json(self) -> dict[str, Any]:
        """The draft result as in ``shared/spec/interfaces.md``."""
        return {
            "inquiry": self.inquiry.to_json(),
            "answers": [a.to_json() for a in self.answers],
            "knowledge_base": self.knowledge_base.to_json(),
        }
