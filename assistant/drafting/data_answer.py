"""An answer built from the data (the register, the budget) without a language model, as the data stages
(``structured.py``, ``listing.py``, ``budget_answer.py``) hand it to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain import AnswerStatus, Table
from assistant.drafting.injection import defuse
from assistant.kb.query import Row

MAX_QUESTION = 1000  # characters of a question read for a ranking (its ".*" stays linear in the input)


@dataclass
class DataAnswer:
    """An answer (or its first part) built from data; ``supplement`` asks for document evidence too."""

    status: AnswerStatus
    sentences: list[str]
    table: Table | None = None
    warnings: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    supplement: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def cell(row: Row, column: str, warnings: list[str]) -> str:
    """A cell's text without sentences that address an AI system (flagged for the KB editors)."""
    text, cut = defuse(row.get(column))
    if cut:
        warnings.append(
            f"{row.source_id}, Spalte {column}: enthält eine Anweisung an ein KI-System; "
            "sie wurde nicht übernommen – bitte Wissensbasis prüfen"
        )
    return text
