"""A document that replaces another: "Diese Neufassung ersetzt die KI-Leitlinie vom 12.05.2025 mit Wirkung vom
01.11.2026." The replaced document is out of force from that day, though its own front matter leaves
``valid_until`` open (nobody went back to the old file): it ends the day before, and the knowledge base's check
says so, for the digital department to enter in its header.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from assistant.kb.model import Document, Problem

_DAY = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_REPLACES = re.compile(
    rf"\bersetzt\s+(?:die|den|das)\s+([^.;:]{{3,120}}?)\s+vom\s+{_DAY}"
    rf"(?:\s*(?:mit\s+Wirkung\s+)?(?:vom|zum|ab\s+(?:dem\s+)?|ab)\s*{_DAY})?",
    re.IGNORECASE,
)
HEAD_CHARS = 1500  # how much of a document's beginning is read for what it replaces
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]{3,}")


def _day(groups: tuple[str | None, ...]) -> date | None:
    try:
        return date(int(groups[2] or 0), int(groups[1] or 0), int(groups[0] or 0))
    except ValueError:
        return None


def _head(document: Document) -> str:
    return f"{document.title}\n" + "\n".join(s.text for s in document.sections)[:HEAD_CHARS]


def _is(document: Document, name: str, day: date) -> bool:
    """Whether the document is the one "die KI-Leitlinie vom 12.05.2025" names: its day in its title or at its
    beginning, and a word of the name in its title."""
    said = f"{day:%d.%m.%Y}"
    words = {w.lower() for w in _WORD.findall(name)}
    titled = {w.lower() for w in _WORD.findall(document.title)}
    return said in _head(document) and bool(words & titled)


def apply(documents: list[Document]) -> tuple[list[Document], list[Problem]]:
    """The documents with each replaced one ending the day before its replacement takes effect (where its own
    ``valid_until`` is open), and a warning per document so ended."""
    ends: dict[str, tuple[date, Document]] = {}
    for document in documents:
        if document.draft:
            continue
        for found in _REPLACES.finditer(_head(document)):
            day = _day(found.groups()[1:4])
            effective = _day(found.groups()[4:7]) if found.group(5) else document.valid_from
            if day is None or effective is None:
                continue
            named = [d for d in documents if d is not document and _is(d, found.group(1), day)]
            if len(named) == 1 and named[0].valid_until is None:
                ends[named[0].path] = (effective - timedelta(days=1), document)
    problems = [
        Problem(
            path,
            f"wird durch {by.path} ersetzt – gilt bis {end:%d.%m.%Y}; "
            f"'valid_until: {end.isoformat()}' im Kopf eintragen",
            warning=True,
        )
        for path, (end, by) in ends.items()
    ]
    kept = [replace(d, valid_until=ends[d.path][0]) if d.path in ends else d for d in documents]
    return kept, problems
