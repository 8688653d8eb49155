"""Values the pipeline stages exchange. All frozen: a stage never edits its input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

AnswerStatus = Literal["answered", "partial", "no_information", "needs_input"]
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


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


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
            "citations": [
                {"marker": c.marker, "source_id": c.source_id, "title": c.title, "quote": c.quote}
                for c in self.citations
            ],
            "warnings": list(self.warnings),
            "model": self.model,
            "seconds": round(self.seconds, 2),
        }
        if self.table is not None:
            data["table"] = {
                "columns": list(self.table.columns),
                "rows": [list(row) for row in self.table.rows],
            }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        """The inverse of ``to_json`` (for re-scoring stored drafts)."""
        table = data.get("table")
        return cls(
            question_id=data["question_id"],
            status=data["status"],
            text=data["text"],
            citations=tuple(Citation(c["marker"], c["source_id"], c["title"], c["quote"]) for c in data["citations"]),
            warnings=tuple(data.get("warnings", ())),
            table=Table(tuple(table["columns"]), tuple(tuple(r) for r in table["rows"])) if table else None,
            model=data.get("model", ""),
            seconds=float(data.get("seconds", 0.0)),
        )


@dataclass(frozen=True)
class IndexInfo:
    path: str
    indexed_at: str
    fingerprint: str


@dataclass(frozen=True)
class DraftResult:
    inquiry: Inquiry
    answers: tuple[Answer, ...]
    knowledge_base: IndexInfo
