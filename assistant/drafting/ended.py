"""A source's sentence that speaks of an ended application as running.

A note written while a trial ran says "Seit dem 03.11.2025 erproben die Leitungen der Kitas … die Anwendung
Schichtwerk KI-Dienstplanung"; the register has ended it on 30.04.2026. Quoted in an answer of 2027, the
sentence states a status that no longer holds, and contradicts the answer's own "endete am 30.04.2026".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from assistant.drafting.stale import NOW, calendar_day, calls_name

# What reads as running now: "seit dem 03.11.2025 erproben …", or "derzeit" (``stale.NOW``)
_SINCE_DAY = re.compile(r"\bseit\s+(?:dem\s+)?\d{1,2}\.\d{1,2}\.\d{4}", re.IGNORECASE)
# … not a clause that tells it in the past: "seit dem … lief", "wurde … erprobt", "war … im Einsatz".
_PAST = re.compile(
    r"\b(?:wurde|wurden|war|waren|hatte|hatten|lief|liefen|endete|endeten|beendet|eingestellt|bis\s+zum)\b",
    re.IGNORECASE,
)


# A run's planned end: "Die Erprobung läuft bis zum 31.12.2026", "endet am 31.07.2026"
_RUNS_UNTIL = re.compile(
    r"\b(?:läuft|laufen|endet|enden|dauert)\b[^.;]{0,40}?\b(?:bis|am)\s+(?:zum\s+)?(\d{1,2})\.(\d{1,2})\.(20\d\d)\b",
    re.IGNORECASE,
)


class Ended:
    """The applications the register has ended, each with its end and the names it is called by."""

    def __init__(self, ends: Iterable[tuple[date, Sequence[str]]]) -> None:
        self._ends = [(end, tuple(names)) for end, names in ends if names]

    def running(self, clause: str, spoken: date | None, context: str) -> bool:
        """Whether a clause of a source speaking from ``spoken``, on or before an application's end, says it
        runs now, or runs until a day after its end ("Die Erprobung läuft bis zum 31.12.2026" of a trial ended on
        31.08.2026); the clause or its ``context`` (the sentence before, the title) calls it by name."""
        if spoken is None or not self._ends:
            return False
        now = (_SINCE_DAY.search(clause) or NOW.search(clause)) and not _PAST.search(clause)
        until = [calendar_day(*m.groups()) for m in _RUNS_UNTIL.finditer(clause)]
        if not now and not until:
            return False
        return any(
            spoken <= end
            and (now or any(day is not None and day > end for day in until))
            and any(calls_name(name, f"{context} {clause}") for name in names)
            for end, names in self._ends
        )


# An arrangement that holds until a decision: "Bis zur Entscheidung wird der Pilot im bisherigen Umfang weitergeführt"
_INTERIM = re.compile(
    r"\bbis\s+(?:zur|zu\s+einer)\s+(?:abschließenden\s+|endgültigen\s+)?Entscheidung\b|\bbis\s+auf\s+Weiteres\b",
    re.IGNORECASE,
)


class Decided:
    """The applications a later source has taken into regular operation, each with that source's day and the names
    it is called by: what a report said would hold "bis zur Entscheidung" no longer holds after it."""

    def __init__(self, decided: Iterable[tuple[date, Sequence[str]]]) -> None:
        self._decided = [(day, tuple(names)) for day, names in decided if names]

    def interim(self, clause: str, spoken: date | None, context: str) -> bool:
        """Whether a clause of a source speaking from ``spoken`` holds only until a decision a later source has
        taken (an undated source: any source that has the application in regular operation since a day past);
        the clause or its ``context`` (the sentence before, the title) calls the application by name."""
        if not _INTERIM.search(clause):
            return False
        return any(
            (spoken is None or spoken < day) and any(calls_name(name, f"{context} {clause}") for name in names)
            for day, names in self._decided
        )
