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

from assistant import text as text_
from assistant.domain import Chunk
from assistant.drafting.later_status import ended, table_states
from assistant.drafting.stale import NEAR, calendar_day, called_at, calls_name, iso_day, spoken_by
from assistant.drafting.wording import MONTHS
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
    """(title, part) of each sentence of a source speaking after the register row's update that speaks of the
    application (``_later``)."""
    for chunk, _, part in _later(record, called, dated, today):
        yield chunk.title, part


def _later(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date, near: int = NEAR
) -> Iterator[tuple[Chunk, str, str]]:
    """(chunk, sentence, part) of each sentence of a source speaking after the register row's update that calls
    the application by one of the names it is ``called`` (``owned.called_names``), or stands in a section
    headed by one: then the sentence's part that speaks of it is all of it, else from the name on, a short way
    ("… KOGGE des ZDK-MV mit zunächst 450 Konten": not BoddenBot's, named at the start of the list)."""
    updated, called = iso_day(record.get("updated")), list(called)
    if updated is None or not called:
        return
    for chunk, day in spoken_by(dated, today, {}):
        if day <= updated:
            continue
        # a section headed by the application's name speaks of it throughout ("3. KOGGE" / "690 Konten …"); one
        # headed by several ("3. Ausländerbehörde: MigraDoc Eingang und MigraDoc Bescheid") only where a paragraph
        # opens on its name ("MigraDoc Bescheid. Das Erweiterungsmodul … hat es … eingestuft")
        section = chunk.metadata.get("section", "")
        headed = any(calls_name(c, section) for c in called) and not _SEVERAL.search(section)
        for line in chunk.text.split("\n"):
            said = [text_.BULLET.sub("", s) for s in sentences_of(line)]
            run_in = bool(said) and any(_is_run_in(said[0], c) for c in called)
            for sentence in said:
                if headed or run_in:
                    yield chunk, sentence, sentence
                elif parts := [sentence[m.start() : m.end() + near] for c in called for m in called_at(c, sentence)]:
                    yield chunk, sentence, " … ".join(parts)


def _is_run_in(sentence: str, name: str) -> bool:
    """Whether a paragraph's first sentence is a run-in heading of the name alone ("MigraDoc Bescheid."), not a
    sentence that names it ("Herr Gundlach berichtet zu AKTINA Bau.")."""
    return calls_name(name, sentence) and len(sentence.rstrip(".: ").split()) <= len(name.split()) + 1


# A heading that names several matters: "… MigraDoc Eingang und MigraDoc Bescheid", "KIRA, TelBot"
_SEVERAL = re.compile(r",\s|\s(?:und|sowie|&)\s")


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


# A start of operation: "Die Inbetriebnahme ist … frühestens zum 01.04.2027 möglich", "geht am … in Betrieb".
_START = re.compile(
    r"\b(?:Inbetriebnahme|Betriebsbeginn|Betriebsstart|Produktivstart|Go-live|Einführung)\b"
    r"|\bin\s+(?:den\s+)?(?:Regel)?[bB]etrieb\s+(?:gehen|geht|genommen|gegangen)\b",
)
# The month it names: "01.04.2027", "April 2027".
_MONTH_NAMED = re.compile(r"\b\d{1,2}\.(\d{1,2})\.(20\d\d)\b|\b(" + "|".join(MONTHS) + r")\s+(20\d\d)\b", re.IGNORECASE)


def _months(sentence: str) -> set[tuple[int, int]]:
    """The (year, month) pairs a sentence names."""
    found = set()
    for m in _MONTH_NAMED.finditer(sentence):
        if m.group(1):
            found.add((int(m.group(2)), int(m.group(1))))
        else:
            found.add((int(m.group(4)), [x.lower() for x in MONTHS].index(m.group(3).lower()) + 1))
    return found


def moved_start(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that starts a planned application
    in another month than the row's go-live ("Die Inbetriebnahme ist deshalb frühestens zum 01.04.2027 möglich,
    nicht wie ursprünglich geplant im Januar 2027" of a VoiceBot registered for "2027-01"); None where none does.
    Only a start still to come can move."""
    start = iso_day(record.get("go_live")) or iso_day(f"{record.get('go_live')}-01")
    if start is None or (record.get("status") != "planned" and start <= today):
        return None
    for chunk, sentence, part in _later(record, called, dated, today):
        months, own = _months(part), (start.year, start.month)
        # another month only, or the row's month given up beside it ("… nicht wie ursprünglich geplant im Januar")
        if _START.search(part) and months - {own} and (own not in months or _GIVEN_UP.search(part)):
            return chunk, sentence
        # a year alone: "PostRouter: Die Einführung wird auf 2029 verschoben" of a start registered for "2028-01"
        years = {int(y) for y in _TO_YEAR.findall(part)}
        if _START.search(part) and _MOVED.search(part) and years and start.year not in years:
            return chunk, sentence
    return None


_TO_YEAR = re.compile(r"\b(?:auf|in\s+das\s+Jahr|ins\s+Jahr|bis)\s+(20\d\d)\b(?![.\d])")
_MOVED = re.compile(r"\bverschoben\b|\bverschiebt\b", re.IGNORECASE)


_GIVEN_UP = re.compile(r"\bursprünglich\b|\bverschoben\b|\bfrühestens\b|\bnicht\s+(?:wie|mehr)\b", re.I)
_HIGH_RISK = re.compile(r"\bHochrisiko|\bhochriskant", re.IGNORECASE)  # the AI Act's word, not a DSFA's "hohes Risiko"
_NOT_HIGH = re.compile(r"\b(?:kein\w*|nicht)\s+(?:als\s+|um\s+)?(?:ein\w*\s+)?(?:Hochrisiko|hochriskant)", re.I)


def reclassified(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that classes the application where
    the row has it not yet classed ("Das KI-Board hat am 08.07.2026 festgestellt, dass Sortiva Teilhabe kein
    Hochrisiko-KI-System ist"), or treats it as high-risk where the row classes it lower ("… dass BefundLotse
    vorsorglich wie ein Hochrisiko-KI-System … behandelt wird"); None where none does."""
    value = record.get("ai_act_risk")
    if value in ("high", "prohibited", ""):
        return None
    for chunk, sentence, part in _later(record, called, dated, today):
        if _HIGH_RISK.search(part) and not _NOT_HIGH.search(part):
            return chunk, sentence
        if value == "unknown" and _CLASSED.search(part) and not _PENDING_CLASS.search(part):
            return chunk, sentence
    return None


# A class the AI Act gives, said of an application: "kein Hochrisiko-KI-System", "mit begrenztem Risiko".
_CLASSED = re.compile(_HIGH_RISK.pattern + r"|\b(?:begrenzte|minimale|geringe)\w*\s+Risiko", re.IGNORECASE)
# … still to be done: "Die Einstufung nach der KI-Verordnung steht noch aus", "erfolgt vor der Vergabe".
_PENDING_CLASS = re.compile(r"\bnoch\s+(?:aus|nicht)\b|\b(?:erfolgt|erfolgen)\s+vor\b|\bwird\s+geprüft\b", re.I)


# A trial or plan gone into regular operation: "ist seit dem 01.10.2026 … im Regelbetrieb", "geht am 01.10.2026 …
# in den Regelbetrieb über" – not a condition or a plan ("wenn …", "soll …", "entscheidet über den Regelbetrieb").
_PRODUCTION = re.compile(r"\bim\s+Regelbetrieb\b|\bin\s+den\s+Regelbetrieb\s+(?:über|überführt|übernommen)\b", re.I)
# … or from a day it names: "hat ELA am 25.08.2026 für den Regelbetrieb ab 01.09.2026 freigegeben", "Regelbetrieb seit
# dem 01.09.2026" (that day, not another the sentence names, must be past)
_PRODUCTION_FROM = re.compile(
    r"\bRegelbetrieb\s+(?:seit|ab)\s+(?:dem\s+)?(\d{1,2})\.(\d{1,2})\.(20\d\d)\b(?=[^.;]{0,40}\bfreigegeben\b|)",
    re.I,
)
_RELEASED = re.compile(r"\bfür\s+den\s+Regelbetrieb\b[^.;]{0,40}\bfreigegeben\b", re.I)
_NOT_YET = re.compile(
    r"\b(?:wenn|sofern|falls|soll|sollen|vorgesehen|geplant|frühestens|nicht|kein\w*|entscheidet|entscheiden|"
    r"empfiehlt|empfehlen)\b",
    re.IGNORECASE,
)
_DAY_NAMED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b")
WIDE = 160  # characters after an application's name in which its state is said


def in_production(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that has a trial or a plan in
    regular operation since a day already past ("… ist Sortiva Teilhabe seit dem 01.10.2026 in den Sachgebieten
    3.1 und 3.2 … im Regelbetrieb" of a row still "pilot"); one that says "seit" first; None where none does."""
    if record.get("status") not in ("pilot", "test", "planned"):
        return None
    dated, found = list(dated), None  # read twice: the sentences, then a report's table
    for chunk, sentence, near in _later(record, called, dated, today, WIDE):
        if (since := _PRODUCTION_FROM.search(near)) and (_RELEASED.search(near) or not _NOT_YET.search(near)):
            day = calendar_day(*since.groups())
            if day is not None and day <= today:
                found = found or (chunk, sentence)
            continue
        if not _PRODUCTION.search(near) or _NOT_YET.search(near):
            continue
        days = [calendar_day(*m.groups()) for m in _DAY_NAMED.finditer(near)]
        if not any(day is not None and day <= today for day in days):
            continue
        if re.search(r"\bseit\b", near):
            return chunk, sentence
        found = found or (chunk, sentence)
    return found or _table_row(record, dated, today, ("production",))


def _table_row(
    record: Record, dated: Iterable[tuple[Chunk, date | None]], today: date, states: tuple[str, ...]
) -> tuple[Chunk, str] | None:
    """A later report's overview row that gives the application one of ``states`` since a day past (``later_status``):
    where no sentence says so."""
    for chunk, row, state, day in table_states(record, dated, today):
        if state in states and day is not None and day <= today:
            return chunk, row
    return None


# Where an application runs, said in a register's vendor cell or a later source: "Cloud-Dienst des Anbieters in
# einem Rechenzentrum in Frankfurt am Main", "im Rechenzentrum des Zweckverbands KITS in Kellingen betrieben".
_HOSTED = re.compile(r"\b(?:Cloud|Rechenzentrum|Rechenzentren|RZ|Server|gehostet|Hosting)\w*", re.IGNORECASE)
# The places a hosting clause names: the capitalised words after "in" ("in Frankfurt am Main" → Frankfurt).
_PLACE = re.compile(r"\bin\s+([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)?)\b")
_NOT_PLACES = {"Betrieb", "Regelbetrieb", "Deutschland", "Europa", "Abstimmung", "Zukunft", "Kraft"}
# A hosting still to come or only considered: "soll … umgezogen werden", "ist geplant".
_PLANNED_HOSTING = re.compile(r"\b(?:soll|sollen|geplant|vorgesehen|wenn|sofern|falls|prüft|geprüft)\b", re.I)


def hosting_places(text: str, loose: bool = False) -> set[str]:
    """The places a text's clauses on where something runs name ("… Rechenzentrum in Kellingen" → {"Kellingen"});
    only clauses (between semicolons) that speak of hosting. ``loose`` (a register's own hosting column): also whose
    data centre or region it names ("Rechenzentrumsregion Schweden Mitte", "im Rechenzentrum der LEL-InfoTec")."""
    places: set[str] = set()
    for clause in re.split(r";", text):
        if _HOSTED.search(clause):
            places |= {m.group(1) for m in _PLACE.finditer(clause)} - _NOT_PLACES
            if loose:
                places |= {m.group(1) for m in _WHOSE_CENTRE.finditer(clause)} - _NOT_PLACES
    return places


# Whose data centre, which region: "Rechenzentrumsregion Schweden Mitte", "im Rechenzentrum der LEL-InfoTec"
_WHOSE_CENTRE = re.compile(r"\b(?:Rechenzentrum\w*|Cloud\w*|Region)\s+(?:der\s+|des\s+)?([A-ZÄÖÜ][\wäöüß-]{2,})")


def rehosted(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that has the application run in
    another place than the row's vendor cell ("… Linguana Live im Rechenzentrum des Zweckverbands KITS in
    Kellingen" of a row "Cloud-Dienst des Anbieters … in Frankfurt am Main"); None where none does. A move
    only planned does not count; a sentence that names the old place beside the new one ("nicht mehr … in
    Frankfurt, sondern … in Kellingen") does."""
    own = hosting_places(record.get("vendor") or "") | hosting_places(record.get("hosting") or "", loose=True)
    if not own:
        return None
    found = None
    for chunk, sentence, near in _later(record, called, dated, today, WIDE):
        if not _HOSTED.search(near) or _PLANNED_HOSTING.search(near):
            continue
        places = hosting_places(near, loose=bool(record.get("hosting")))
        if places - own:
            if " | " not in sentence:  # a sentence before a table's row
                return chunk, sentence
            found = found or (chunk, sentence)
    return found


def without_hosting(vendor: str) -> str:
    """A vendor cell without its clauses on where the application runs ("Linguana Sprachtechnologie GmbH,
    Saarbrücken; Cloud-Dienst des Anbieters in …" → "Linguana Sprachtechnologie GmbH, Saarbrücken")."""
    return "; ".join(c.strip() for c in vendor.split(";") if c.strip() and not _HOSTED.search(c))


# A data-protection impact assessment done: "für ihn wurde am 10.06.2026 eine Datenschutz-Folgenabschätzung
# durchgeführt", "Die DSFA liegt seit dem 10.06.2026 vor" – not one still to do ("… ist noch durchzuführen").
_DPIA = re.compile(r"\b(?:Datenschutz-Folgenabschätzung|DSFA)\w*", re.IGNORECASE)
_DPIA_DONE = re.compile(r"\b(?:durchgeführt|abgeschlossen|erstellt|liegt\s+(?:\w+\s+){0,4}vor|fortgeschrieben)\b")
_DPIA_PENDING = re.compile(
    r"\b(?:noch|soll|sollen|geplant|vorgesehen|wird|werden|muss|müssen|ist\s+zu|nicht|kein\w*)\b"
)


def reassessed(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that has a data-protection impact
    assessment of the application done where the row has none done ("… für ihn wurde am 10.06.2026 eine
    Datenschutz-Folgenabschätzung durchgeführt" of a row "not_required"); None where none does."""
    if record.get("dpia") == "done":
        return None
    for chunk, sentence, near in _later(record, called, dated, today, WIDE):
        if not (found := _DPIA.search(near)):
            continue
        clause = re.split(r"[;:]|,\s+(?:und|aber|doch)\b", near[found.start() :])[0]
        around = near[max(found.start() - 60, 0) : found.end()] + clause
        if _DPIA_DONE.search(around) and not _DPIA_PENDING.search(clause):
            return chunk, sentence
    return None


# A plan under way in a trial: "Der Testbetrieb läuft seit dem 14.09.2026", "seit dem 01.10.2026 im Probebetrieb",
# "wird seit dem 01.09.2026 … erprobt".
_TRIAL_SINCE = re.compile(
    r"\b(?:Test|Probe|Pilot)betrieb\w*\b[^.;]{0,40}\bseit\b|\bseit\b(?:[^.;]|\.(?=\d)){0,40}\b(?:Test|Probe|Pilot)betrieb\b"
    r"|\bwird\s+seit\b(?:[^.;]|\.(?=\d)){0,80}\berprobt\b",  # a date's dots: "wird seit dem 01.03.2026 … erprobt"
    re.IGNORECASE,
)


def in_trial(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The source speaking after the register row's update, and its sentence, that has a planned application
    in a trial since a day already past ("Der Testbetrieb läuft seit dem 14.09.2026 …" of a row still
    "planned"); None where none does."""
    if record.get("status") != "planned":
        return None
    dated, found = list(dated), None  # read twice: the sentences, then a report's table
    for chunk, sentence, near in _later(record, called, dated, today, WIDE):
        if not _TRIAL_SINCE.search(near):
            continue
        days = [calendar_day(*m.groups()) for m in _DAY_NAMED.finditer(near)]
        if any(day is not None and day <= today for day in days):
            if " | " not in sentence:  # a report's sentence before a table's row
                return chunk, sentence
            found = found or (chunk, sentence)
    return found or _table_row(record, dated, today, ("pilot", "test"))


def in_operation(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str] | None:
    """The later source, and its sentence, that has a trial or plan in regular operation (``in_production``), else a
    plan in a trial (``in_trial``); None where none does."""
    return in_production(record, called, dated, today) or in_trial(record, called, dated, today)


def ended_now(
    record: Record, called: Iterable[str], dated: Iterable[tuple[Chunk, date | None]], today: date
) -> tuple[Chunk, str, date] | None:
    """The later source, its sentence or row and the day, that ends an application the register has running or in a
    trial (``later_status.ended``); None where none does or a later source has it in regular operation (the end of
    a part of it: "Die Anbindung an den Azure OpenAI Service … wurde zum 30.06.2026 beendet")."""
    called, dated = list(called), list(dated)
    found = ended(record, called, dated, today)
    return None if found is None or in_production(record, called, dated, today) else found
