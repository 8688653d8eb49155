"""The state a later source gives an application in place of the register's status.

A report's overview table ("Anwendung | … | Status am 15.10.2026 | seit | …") lists each application's state on its
day: "ELA … | Regelbetrieb | 01.09.2026", "EGH-Lotse … | Erprobung in zwei Regionalteams | 01.03.2026",
"Museumsguide ADA … | beendet zum 31.08.2026". A later sentence may end a trial the register still has running:
"Die Erprobung des Museumsguides ADA … wurde zum 31.08.2026 beendet". ``register_overtaken.py`` reads the states
going on (regular operation, a trial); ``ended`` reads the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.stale import calendar_day, called_at, calls_name, iso_day, spoken_by
from assistant.drafting.subject import distinctive, own_name, short_name
from assistant.kb.model import Record
from assistant.text import sentences_of

# A table cell that gives a state, by its first words: "Regelbetrieb", "Erprobung in zwei Regionalteams",
# "beendet zum 31.08.2026", "geplant (Forschung)"
_STATE_CELL = {
    # "aufgegeben (Entscheidung vom 19.05.2027)": a plan given up; "Test am 30.09.2027 beendet; kein Regelbetrieb":
    # the end of a trial, read before the trial's own word
    "discontinued": re.compile(
        r"^(?:(?:Test|Testbetrieb|Erprobung|Pilot\w*|Betrieb|Nutzung)\s+(?:am|zum|seit\s+dem|mit\s+Ablauf\s+des)\s+"
        r"\d{1,2}\.\d{1,2}\.20\d\d\s+)?"
        r"(?:beendet|eingestellt|abgeschaltet|außer\s+Betrieb|aufgegeben|verworfen|nicht\s+weiterverfolgt)\b",
        re.IGNORECASE,
    ),
    "production": re.compile(r"^(?:im\s+)?Regelbetrieb\b", re.IGNORECASE),
    "pilot": re.compile(r"^(?:in\s+)?(?:Erprobung|Pilotbetrieb|Pilotphase|Pilot)\b", re.IGNORECASE),
    "test": re.compile(r"^(?:im\s+)?Test(?:betrieb)?\b", re.IGNORECASE),
    # "ausgesetzt seit 16.08.2027": out of use for now, not ended
    "suspended": re.compile(r"^(?:Nutzung\s+)?(?:ausgesetzt|pausiert|vorläufig\s+eingestellt)\b", re.IGNORECASE),
}
_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b")
MAX_CELLS = 12  # cells of a row read for a state


def table_states(
    record: Record, dated: Iterable[tuple[Chunk, date | None]], today: date
) -> Iterator[tuple[Chunk, str, str, date | None]]:
    """(chunk, row, state, day) of each table row of a source speaking after the register row's update whose first
    cell calls the application by its own short name (not a name it shares with a sibling) and one of whose cells
    gives its state; the day is the state cell's own ("beendet zum 31.08.2026"), else the first day of the cells after
    it ("01.09.2026 (Erprobung seit 03.11.2025)")."""
    updated = iso_day(record.get("updated"))
    own = short_name(own_name(record.get("name") or ""))  # a sibling's "Lotse" row is not "Lotse Arbeit"'s
    if updated is None or not distinctive(own):
        return
    for chunk, spoken in spoken_by(dated, today, {}):
        if spoken <= updated or " | " not in chunk.text:
            continue
        for line in chunk.text.split("\n"):
            cells = [cell.strip() for cell in line.split(" | ")][:MAX_CELLS]
            if len(cells) < 2 or not calls_name(own, cells[0]) or _longer_name(own, cells[0]):
                continue
            for at, cell in enumerate(cells[1:], 1):
                state = next((s for s, pattern in _STATE_CELL.items() if pattern.match(cell)), None)
                if state is None:
                    continue
                days = [calendar_day(*m.groups()) for c in [cell, *cells[at + 1 :]] for m in _DAY.finditer(c)]
                yield chunk, line, state, next((d for d in days if d is not None), None)
                break


def _longer_name(own: str, cell: str) -> bool:
    """Whether a row's first cell names another application whose name goes on from this one's ("BAULOTSE Plan –
    planungsrechtliche Vorprüfung" is not "BAULOTSE"'s row)."""
    named = short_name(own_name(cell))
    return named.lower() != own.lower() and named.lower().startswith(own.lower() + " ")


# A sentence that ends it: "wurde zum 31.08.2026 beendet", "hat … entschieden, die Erprobung zum 31.08.2026 zu
# beenden", "ist seit dem 01.05.2026 abgeschaltet"
_ENDS = re.compile(
    r"(?:\b(?:zum|am|seit\s+dem|mit\s+Ablauf\s+des)\s+(?=\d{1,2}\.\d{1,2}\.20\d\d\s+(?:zu\s+)?"
    r"(?:beendet|beenden|eingestellt|einzustellen|abgeschaltet|abzuschalten)\b)"
    # … or a run told in the past: "Der Test lief vom 01.03.2027 bis zum 30.09.2027"
    r"|\b(?:lief|liefen|dauerte|dauerten)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?\bbis\s+(?:zum|am)\s+)"
    r"(\d{1,2})\.(\d{1,2})\.(20\d\d)\b",
    re.IGNORECASE,
)
# … and not one that goes on after it: "lief bis zum 30.06.2027 und wurde bis zum 31.12.2027 verlängert"
_GOES_ON = re.compile(
    r"\b(?:verlängert|fortgeführt|fortgesetzt|weitergeführt|weiter|überführt|übernommen|Regelbetrieb)\b", re.IGNORECASE
)
# … not one that plans or only considers it, nor one on a part of it ("Die Anbindung an den Azure OpenAI Service …
# wurde zum 30.06.2026 beendet": the application went on elsewhere – a later day in operation decides)
_NOT_SO = re.compile(r"\b(?:soll|sollen|geplant|vorgesehen|wenn|sofern|falls|prüft|erwogen|nicht)\b", re.IGNORECASE)
NEAR_END = 200  # characters after an application's name in which its end is said


def ended(
    record: Record,
    called: Iterable[str],
    dated: Iterable[tuple[Chunk, date | None]],
    today: date,
    running_since: date | None = None,
) -> tuple[Chunk, str, date] | None:
    """The later source, its sentence or table row and the day, that ends an application the register has running
    or in a trial ("beendet zum 31.08.2026"); None where none does, or where it runs again since a later day
    (``running_since``: a later source has it in regular operation from then)."""
    found = _later_state(record, called, dated, today, _ENDS, "discontinued")
    if found is None or (running_since is not None and running_since > found[2]):
        return None
    return found


def _later_state(
    record: Record,
    called: Iterable[str],
    dated: Iterable[tuple[Chunk, date | None]],
    today: date,
    said: re.Pattern[str],
    state: str,
) -> tuple[Chunk, str, date] | None:
    """The first later sentence near the application's name that ``said`` matches with a day past (one that plans
    or only considers it does not count), else the first later table row in ``state`` with a day past: its source,
    its sentence or row, the day. None for an application the register has not running or in a trial, except a plan
    a later table row has given up. (A sentence before a table row.)"""
    given_up = record.get("status") == "planned" and state == "discontinued"  # "aufgegeben (Entscheidung vom …)"
    if record.get("status") not in ("pilot", "test", "production") and not given_up:
        return None
    dated, called = list(dated), list(called)
    for chunk, sentence, read in [] if given_up else _later_sentences(record, called, dated, today):
        near = " … ".join(read[m.start() : m.end() + NEAR_END] for c in called for m in called_at(c, read))
        found = said.search(near)
        if found and not _NOT_SO.search(near[: found.start()]) and not _goes_on(_rest(near, found.end())):
            day = calendar_day(*found.groups())
            if day is not None and day <= today:
                return chunk, sentence, day
    for chunk, row, found_state, day in table_states(record, dated, today):
        if found_state == state and day is not None and day <= today:
            return chunk, row, day
    return None


def _goes_on(rest: str) -> bool:
    """Whether what a sentence says after a run's end has it go on ("… und wurde bis zum 31.12.2027 verlängert"),
    not that it did not ("… und wird nicht in den Regelbetrieb überführt")."""
    return bool(_GOES_ON.search(rest)) and not re.search(r"\b(?:nicht|kein\w*)\b", rest, re.IGNORECASE)


def _rest(near: str, end: int) -> str:
    """What the sentence says after a day it is read at (up to the next sentence's end)."""
    return re.split(r"(?<=[.;])\s", near[end:], maxsplit=1)[0]


def _later_sentences(
    record: Record, called: list[str], dated: list[tuple[Chunk, date | None]], today: date
) -> Iterator[tuple[Chunk, str, str]]:
    """(chunk, sentence, read) of each sentence of a source speaking after the register row's update; a document
    whose title calls the application speaks of it throughout ("Vermerk … – Beendigung der Erprobung des
    KI-Chat-Guides „Museumsguide ADA“"): its sentences are read as if they named it."""
    updated = iso_day(record.get("updated"))
    if updated is None or not called:
        return
    for chunk, spoken in spoken_by(dated, today, {}):
        if spoken <= updated:
            continue
        titled = any(calls_name(name, chunk.title) for name in called)
        for sentence in (s for line in chunk.text.split("\n") if " | " not in line for s in sentences_of(line)):
            yield chunk, sentence, (f"{called[0]}: {sentence}" if titled else sentence)


# A sentence that suspends it: "Die Nutzung von LinguaPort ist seit dem 16.08.2027 ausgesetzt", "wurde am 16.08.2027
# vorläufig eingestellt"
_SUSPENDS = re.compile(
    r"\b(?:zum|am|seit\s+dem|ab\s+dem)\s+(\d{1,2})\.(\d{1,2})\.(20\d\d)\s+"
    r"(?:(?:zu\s+)?(?:ausgesetzt|auszusetzen|pausiert)|vorläufig\s+(?:zu\s+)?(?:eingestellt|einzustellen))\b",
    re.IGNORECASE,
)


def suspended(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str, date] | None:
    """The later source, its sentence or table row and the day, that suspends an application the register has
    running or in a trial ("Die Nutzung von LinguaPort ist seit dem 16.08.2027 ausgesetzt"); None where none does."""
    return _later_state(record, called, dated, today, _SUSPENDS, "suspended")
