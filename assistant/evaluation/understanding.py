"""Score question understanding against a labelled set (``eval/understanding/questions.yaml``).

Each mini-inquiry names a small knowledge base, a Betreff, an optional
preamble and its questions with the expected intent, further intents
(``also``), subject (inventory ids, ``[all]`` or ``[]``) and inventory column.
Inquiries alternate between a development half (errors may be read while
improving the rules) and a test half (only its score is read), so a rule
tuned to the development half shows as a gap between the two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from assistant.backends.embeddings import Embedder
from assistant.domain import Inquiry, Question
from assistant.drafting.understand import Reading, Understanding
from assistant.errors import EvaluationError
from assistant.kb.load import load


@dataclass(frozen=True)
class Item:
    half: str  # "dev" | "test"
    inquiry: int
    question_id: str
    text: str
    intent: str
    also: tuple[str, ...]
    subject: tuple[str, ...]  # ids, ("all",) or ()
    column: str | None
    ref: str


@dataclass(frozen=True)
class Outcome:
    item: Item
    intent: str
    subject: tuple[str, ...]
    column: str | None

    @property
    def intent_ok(self) -> bool:
        return self.intent == self.item.intent

    @property
    def subject_ok(self) -> bool:
        return set(self.subject) == set(self.item.subject)


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, attribute: str, half: str | None = None, ref: str | None = None) -> float:
        chosen = [
            o for o in self.outcomes if (half is None or o.item.half == half) and (ref is None or o.item.ref == ref)
        ]
        return round(sum(getattr(o, attribute) for o in chosen) / len(chosen), 3) if chosen else 0.0

    def count(self, half: str | None = None, ref: str | None = None) -> int:
        return sum(
            1 for o in self.outcomes if (half is None or o.item.half == half) and (ref is None or o.item.ref == ref)
        )

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((o.item.intent, o.intent) for o in self.outcomes if not o.intent_ok)


def _subject(reading: Reading) -> tuple[str, ...]:
    if reading.subject.everything:
        return ("all",)
    return reading.subject.applications


def _questions(entries: Sequence[dict[str, Any]]) -> tuple[Question, ...]:
    ids = {str(e["id"]) for e in entries}
    children = {str(e.get("parent")) for e in entries if e.get("parent")}
    questions = []
    for entry in entries:
        qid, parent = str(entry["id"]), entry.get("parent")
        asks = qid not in children or str(entry["text"]).rstrip().endswith("?")
        questions.append(
            Question(qid, qid, str(entry["text"]), parent=str(parent) if parent in ids else None, asks=asks)
        )
    return tuple(questions)


def score(path: Path, embedder: Embedder | None = None, today: date | None = None) -> Score:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvaluationError(f"Testmenge nicht lesbar ({exc})", path=path) from exc
    result = Score()
    understandings: dict[str, Understanding] = {}
    for number, block in enumerate(data["inquiries"], start=1):
        kb_name = str(block["kb"])
        if kb_name not in understandings:
            understandings[kb_name] = Understanding(load(path.parent / kb_name), embedder, today)
        entries = block["questions"]
        inquiry = Inquiry(
            kind=str(block.get("kind", "Anfrage")),
            questions=_questions(entries),
            subject=str(block.get("subject", "")),
            preamble=str(block.get("preamble", "")),
        )
        readings = understandings[kb_name].read(inquiry)
        for entry in entries:
            reading = readings[str(entry["id"])]
            item = Item(
                half="dev" if number % 2 else "test",
                inquiry=number,
                question_id=str(entry["id"]),
                text=str(entry["text"]),
                intent=str(entry["intent"]),
                also=tuple(entry.get("also") or ()),
                subject=tuple(str(s) for s in entry.get("subject") or ()),
                column=entry.get("column"),
                ref=str(entry.get("ref", "")),
            )
            result.outcomes.append(Outcome(item, str(reading.intent), _subject(reading), reading.column))
    return result
