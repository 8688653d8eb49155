"""A dated count that a later source counts anew.

"Zum 28.02.2026 bestanden 59 Nutzerkonten" was true in March; the register, updated in November, has 67
users, and "bis zum 28.02.2026 63 Beschäftigte" were trained where a report of 31.08.2026 counts 76. Quoted
today, the old count reads as the current one. A clause that counts something ("59 Nutzerkonten") as of
a day it names is stale when a source speaking from a later day (no later than today) counts the same
thing with another number: the same counted noun, and one other noun in common (what is counted of what),
taken from the sentence before where the clause names nothing else ("AmtsText steht … zur Verfügung.
Zum 28.02.2026 bestanden 59 Nutzerkonten."). A clause speaks from the day it names; the later count must name
its own day too (a report dated November may quote a count from May), or be the register's user count,
which speaks from its "updated" day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from assistant.domain import Chunk
from assistant.kb.keyword import analyze
from assistant.kb.model import Record
from assistant.text import sentences_of

# "59 Nutzerkonten", "81 von 84 Beschäftigten" – not the year of a date ("28.02.2026 63 …")
_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:\s+von\s+\d[\d.]*)?\s+([A-ZÄÖÜ][\wäöüß-]{3,})")
_DAY = r"(\d{1,2})\.(\d{1,2})\.(20\d\d)"
_AS_OF = re.compile(rf"\b(?:zum|bis\s+zum|bis|stand:?|am|per|ende)\s+{_DAY}", re.IGNORECASE)
_TITLE_AS_OF = re.compile(rf"\bStand:?\s+(?:vom\s+)?{_DAY}", re.IGNORECASE)
_NOUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß-]{3,}")
_PLAIN = frozenset(analyze("Stand Jahr Jahres Monat Ende Anfang Summe Zahl Anzahl Insgesamt Davon"))
# What the register's "users" column counts.
_USERS = frozenset(
    analyze(word)[0]
    for word in ("Nutzerkonten", "Nutzerkonto", "Nutzende", "Nutzer", "Nutzerinnen", "Lizenzen", "Beschäftigte")
)
# How something began stays true: "Der Pilotbetrieb begann am 02.03.2026 … mit 38 Fachkräften."
_HISTORY = re.compile(r"\b(?:begann|begonnen|startete|gestartet|zunächst|anfangs|ursprünglich)\b", re.IGNORECASE)
MAX_FIGURES = 20_000  # counts of the knowledge base kept for the check


@dataclass(frozen=True)
class Figure:
    """A count in a source: what it counts, of what, how many, and the day it speaks from."""

    counted: frozenset[str]
    topic: frozenset[str]
    value: int
    as_of: date
    dated: bool = True  # the day is the count's own ("bis zum 31.08.2026 haben 76 …"), not its source's


def _day(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _stems(text: str) -> set[str]:
    """The nouns of a text, each by its first stem of four letters or more ("KI-Grundlagen": "grundlag")."""
    found = (next((s for s in analyze(noun) if len(s) >= 4), "") for noun in _NOUN.findall(text))
    return {stem for stem in found if stem} - _PLAIN


def _value(number: str) -> int:
    return int(number.replace(".", ""))


def counts(clause: str, as_of: date | None, context: str = "") -> list[Figure]:
    """The counts of a clause, as of the day it names (else ``as_of``); its topic from ``context`` where the
    clause names nothing but what it counts."""
    named = _AS_OF.search(clause)
    day = _day(*named.groups()) if named else as_of
    if day is None:
        return []
    found = []
    for number, noun in _COUNT.findall(clause):
        counted = frozenset(analyze(noun)[:1])
        topic = _stems(clause) - counted or _stems(context) - counted
        if topic:
            found.append(Figure(counted, frozenset(topic), _value(number), day, dated=named is not None))
    return found


def title_day(title: str) -> date | None:
    """The "Stand" a source's title names ("Übersicht Stand 31.10.2026")."""
    found = _TITLE_AS_OF.search(title)
    return _day(*found.groups()) if found else None


class StaleCounts:
    """The knowledge base's dated counts, to check a quoted clause's counts against (``stale``)."""

    def __init__(
        self, chunks: Iterable[tuple[Chunk, date | None]], inventory: Iterable[Record], today: date, ignore: str = ""
    ) -> None:
        """``ignore``: words no topic is made of (the municipality's name, which every source shares)."""
        self._today = today
        self._ignore = frozenset(_stems(ignore))
        self._figures: list[Figure] = []
        for chunk, spoken in chunks:
            day = title_day(chunk.title) or spoken
            before = ""
            for sentence in sentences_of(chunk.text):
                if len(self._figures) >= MAX_FIGURES:
                    return
                for clause in re.split(r";\s+", sentence):
                    self._figures += self._counts(clause, day, before)
                before = sentence
        for row in inventory:
            updated = str(row.get("updated"))
            users = str(row.get("users")).strip()
            if users.isdigit() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated):
                day = _day(updated[8:10], updated[5:7], updated[:4])
                topic = frozenset(_stems(str(row.get("name"))) - self._ignore)
                if day is not None and topic:
                    self._figures.append(Figure(_USERS, topic, int(users), day))

    def _counts(self, clause: str, as_of: date | None, context: str) -> list[Figure]:
        found = counts(clause, as_of, context)
        return [replace(f, topic=f.topic - self._ignore) for f in found if f.topic - self._ignore]

    def stale(self, clause: str, context: str = "") -> bool:
        """Whether a count the clause makes as of a day it names is counted anew by a later source."""
        if not _AS_OF.search(clause) or _HISTORY.search(clause):
            return False
        for figure in self._counts(clause, None, context):
            if any(
                later.dated  # a source's own day may be long after the day it counted from
                and later.counted & figure.counted
                and later.topic & figure.topic
                and figure.as_of < later.as_of <= self._today
                and later.value != figure.value
                for later in self._figures
            ):
                return True
        return False
