"""Which application came first or last, from the register's start dates.

"Welche der im Regelbetrieb befindlichen Anwendungen ist am längsten im Einsatz, und welche wurde
zuletzt in den Regelbetrieb übernommen?" is answered by comparing the go-live dates of the applications
the question selects, in code: the earliest and the latest, each cited on its record's
"Inbetriebnahme" line. A start known only to the month or year ranks as its first day; applications
without a start date are left out and named for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.drafting import wording as w
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.kb.chunk import inventory_chunk
from assistant.kb.model import KnowledgeBase
from assistant.kb.query import Row
from assistant.text import german_date

FIRST = re.compile(
    r"\bam\s+längsten\b|\bals\s+erste[nrs]?\b|\bzuerst\b|\bam\s+frühesten\b|\bälteste[nrs]?\b", re.IGNORECASE
)
LAST = re.compile(
    r"\bzuletzt\b|\bals\s+letzte[nrs]?\b|\bjüngste[nrs]?\b|\bneueste[nrs]?\b|\bam\s+kürzesten\b", re.IGNORECASE
)
_START = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def asks_first_or_last(question: str) -> bool:
    return bool(FIRST.search(question) or LAST.search(question))


def _start(row: Row) -> tuple[int, int, int] | None:
    found = _START.match(str(row.get("go_live") or "").strip())
    if found is None:
        return None
    return int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1)


def first_and_last(
    rows: Sequence[Row], scope: str, question: str, kb: KnowledgeBase, register: Register
) -> tuple[list[str], list[str]]:
    """The sentences naming the earliest and/or latest started of ``rows`` (as the question asks), and
    the reviewer's notes; ``scope``: how the rows were selected ("im Regelbetrieb")."""
    dated = [(start, row) for row in rows if (start := _start(row)) is not None]
    notes = [
        f"Ohne Datum der Inbetriebnahme im KI-Verzeichnis, daher nicht verglichen: {row.get('name')}"
        for row in rows
        if _start(row) is None
    ]
    if not dated:
        return [], notes
    where = f" {scope}" if scope else ""
    sentences = []
    for wanted, pick, lead in (
        (FIRST, min, f"Von den im KI-Verzeichnis{where} erfassten Anwendungen ist am längsten im Einsatz"),
        (LAST, max, f"Zuletzt in Betrieb genommen wurde von den im KI-Verzeichnis{where} erfassten Anwendungen"),
    ):
        if not wanted.search(question):
            continue
        day = pick(start for start, _ in dated)
        named, markers = [], ""
        for start, row in dated:
            if start == day:
                chunk = inventory_chunk(row.record, kb)
                named.append(f"„{row.get('name')}“ (Inbetriebnahme: {german_date(str(row.get('go_live')))})")
                markers += register.cite_chunk(chunk, line_of(chunk, "Inbetriebnahme"))
        sentences.append(with_markers(f"{lead} {w.enumerate_de(named)}", markers))
    return sentences, notes
