"""A register row that later sources overtake.

The KI-Verzeichnis is updated now and then; reports, minutes and rules speak from their own days. A row's count of
users ("1.100") is stale when a source after the row's update counts the application's users anew ("1.640 Konten
(Stand 31.10.2026)"); its evaluation ("März bis Dezember 2025: 41.300 Dialoge") when such a source counts the same
thing anew; its "keine personenbezogenen Daten" when a later rule allows them in the application. A sentence speaks
of the application where it calls it by name – the count a short way after the name – or stands in a section headed
by its name. The drafting leaves the row's sentence out and tells the reviewer which source overtakes it
(``facts.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.stale import NEAR, called_at, calls_name, iso_day, spoken_by
from assistant.kb.model import Record
from assistant.text import sentences_of

# A count of an application's users: "655 Nutzerkonten", "52 Konten", "rund 120 Nutzerinnen und Nutzer".
_USER_COUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*|\d+)\s+(?:aktive\s+)?(?:Nutzerkonten|Konten|Nutzerinnen\s+und\s+Nutzer|"
    r"Nutzende|Nutzer(?:innen)?)\b"
)


def _later_sentences(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> Iterator[tuple[str, str]]:
    """(title, sentence) of each sentence of a source speaking after the register row's update that calls
    the application by one of the names it is ``called`` (``owned.called_names``), or stands in a section
    headed by one: then the sentence's part that speaks of it is all of it, else from the name on, a short way
    ("… KOGGE des ZDK-MV mit zunächst 450 Konten": not BoddenBot's, named at the start of the list)."""
    updated, called = iso_day(record.get("updated")), list(called)
    if updated is None or not called:
        return
    for chunk, day in spoken_by(dated, today, {}):
        if day <= updated:
            continue
        # a section headed by the application's name speaks of it throughout ("3. KOGGE" / "690 Konten …")
        headed = any(calls_name(c, chunk.metadata.get("section", "")) for c in called)
        for sentence in (s for line in chunk.text.split("\n") for s in sentences_of(line)):
            if headed:
                yield chunk.title, sentence
            elif parts := [sentence[m.start() : m.end() + NEAR] for c in called for m in called_at(c, sentence)]:
                yield chunk.title, " … ".join(parts)


def recounted_users(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> str:
    """The title of a source speaking after the register row's update that gives another count of the
    application's users than the row ("Die KI-Textassistenz ALBERT habe am 30.09.2026 52 Nutzerkonten gehabt"
    of ALBERT, registered with 38 users on 30.06.2026); empty where none does."""
    users = record.get("users")
    if not users or not users.isdigit():
        return ""
    for title, sentence in _later_sentences(record, called, dated, today):
        if any(int(m.group(1).replace(".", "")) != int(users) for m in _USER_COUNT.finditer(sentence)):
            return title
    return ""


def recounted_evaluation(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> str:
    """The title of a source speaking after the register row's update that counts what the row's evaluation
    counts anew ("März bis Dezember 2025: 41.300 Dialoge" beside a report's "Januar bis September 2026: 52.900
    Dialoge"): the same counted noun with another number; empty where none does."""
    counted = {noun: value for value, noun in _EVALUATED.findall(record.get("evaluation") or "")}
    if not counted:
        return ""
    for title, sentence in _later_sentences(record, called, dated, today):
        if any(counted.get(noun) not in (None, value) for value, noun in _EVALUATED.findall(sentence)):
            return title
    return ""


# A count in an evaluation: "61.200 Dialoge", "286 Bauanträge" (the noun as written).
_EVALUATED = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d{2,})\s+([A-ZÄÖÜ][a-zäöüß]{3,})\b")


_DATA_ALLOWED = re.compile(
    r"\bpersonenbezogene\w*\s+Daten\b.*\b(?:dürfen|darf|erlaubt|zulässig|gestattet)\b"
    r"|\b(?:dürfen|darf|erlaubt|zulässig|gestattet)\b.*\bpersonenbezogene\w*\s+Daten\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"\b(?:nicht|keine?\w*|untersagt|verboten|ausgeschlossen)\b", re.IGNORECASE)


def allowed_data(record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date) -> str:
    """The title of a source speaking after the register row's update that allows personal data in an
    application the row registers without ("In der KI-Assistenz ELA dürfen personenbezogene Daten
    verarbeitet werden, soweit …" of a guideline in force after the row said "no"); empty where none does.
    The sentence must not deny it ("… dürfen nicht eingegeben werden")."""
    if record.get("personal_data") != "no":
        return ""
    for title, sentence in _later_sentences(record, called, dated, today):
        if _DATA_ALLOWED.search(sentence) and not _DENIED.search(sentence):
            return title
    return ""
