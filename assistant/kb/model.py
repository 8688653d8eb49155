"""The knowledge base as loaded from disk (format: shared/spec/knowledge-base.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One validation finding: ``file:line:column: message``."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    warning: bool = False  # data quality to report, not an error that stops drafting

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {'Warnung: ' if self.warning else ''}{self.message}"


@dataclass(frozen=True)
class Department:
    id: str
    name: str


@dataclass(frozen=True)
class Term:
    """A council term (Wahlperiode): earlier replies from another one are reused only with a warning."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Municipality:
    name: str
    kind: str
    authority: str
    departments: tuple[Department, ...]
    address: tuple[str, ...] = ()
    signatory_name: str = ""
    signatory_role: str = ""
    contact_unit: str = ""
    contact_email: str = ""
    letterhead: tuple[str, ...] = ()  # extra lines under the name in the letter head
    template: str = ""  # Word template for the reply letter, relative to the knowledge base
    terms: tuple[Term, ...] = ()  # council terms, oldest first

    def term_of(self, day: date) -> str:
        """The name of the council term ``day`` falls in; "" when none is configured for it."""
        return next((t.name for t in self.terms if t.start <= day <= t.end), "")

    def department_name(self, department_id: str) -> str:
        for department in self.departments:
            if department.id == department_id:
                return department.name
        return department_id


@dataclass(frozen=True)
class Record:
    """One row of ``inventory.csv`` or ``budget.csv``; unknown columns are kept."""

    file: str
    line: int
    values: dict[str, str] = field(hash=False)

    def get(self, column: str) -> str:
        return self.values.get(column, "") or ""


@dataclass(frozen=True)
class Section:
    index: int
    heading: str
    text: str


@dataclass(frozen=True)
class Document:
    path: str  # relative to the knowledge base, e.g. documents/ki-leitlinie.md
    title: str
    type: str
    sections: tuple[Section, ...]
    valid_from: date | None = None
    valid_until: date | None = None
    owner: str = ""
    public: bool = True
    header: str = ""  # the front matter as written (a citable source: "valid_from: 2024-11-01")
    draft: bool = False  # marked as a draft (Entwurf): never presented as a rule in force

    @property
    def header_id(self) -> str:
        """The source id of the document as a whole (its front matter)."""
        return self.path

    def in_force(self, today: date) -> bool:
        return self.valid_until is None or self.valid_until >= today


@dataclass(frozen=True)
class EarlierAnswer:
    file: str
    index: int
    inquiry: str
    released: str
    question: str
    answer: str


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    municipality: Municipality
    inventory: tuple[Record, ...] = ()
    budget: tuple[Record, ...] = ()
    documents: tuple[Document, ...] = ()
    answers: tuple[EarlierAnswer, ...] = ()
    has_inventory_file: bool = False
