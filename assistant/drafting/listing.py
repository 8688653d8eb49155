"""The register as a whole: which applications are in use, planned or ended, filtered by status, department
or a column ("DSFA durchgeführt"); a sentence each for a few, else a listing with a table whose cells a later
source may overtake (status, start, place of operation)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from assistant.domain import Chunk, Table
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.drafting.classify import (
    IN_USE,
    Intent,
    asks_complement,
    asks_why,
)
from assistant.drafting.data_answer import DataAnswer, cell
from assistant.drafting.facts import (
    LABEL,
    RENDER,
    application_facts,
    dated_sources,
    dpia_day,
    extended_by,
    overtaken_end,
)
from assistant.drafting.injection import defuse
from assistant.drafting.later_status import suspended
from assistant.drafting.owned import called_names
from assistant.drafting.register_overtaken import (
    ended_now,
    in_operation,
    in_production,
    moved_start,
    reclassified,
    rehosted,
    without_hosting,
)
from assistant.drafting.subject import own_name, short_name
from assistant.drafting.understand import Reading
from assistant.kb.chunk import DPIA, RISK, STATUS, YES_NO, inventory_chunk
from assistant.kb.model import KnowledgeBase, Record
from assistant.kb.query import Row, applications
from assistant.text import german_date

# --- the inventory as a whole -------------------------------------------------------------------

STATUS_PHRASE = {
    IN_USE: "im Einsatz (Regel-, Pilot- oder Testbetrieb)",
    ("discontinued",): "als eingestellt",
    ("planned",): "als geplant",
    ("pilot", "test"): "im Pilot- oder Testbetrieb",
}
_FILTER_PHRASE = {
    ("dpia", "done"): ("für die eine Datenschutz-Folgenabschätzung durchgeführt wurde",) * 2,
    ("dpia", "planned"): ("für die eine Datenschutz-Folgenabschätzung geplant ist",) * 2,
    ("personal_data", "yes"): ("die personenbezogene Daten verarbeitet", "die personenbezogene Daten verarbeiten"),
    ("personal_data", "no"): (
        "die keine personenbezogenen Daten verarbeitet",
        "die keine personenbezogenen Daten verarbeiten",
    ),
    ("ai_act_risk", "high"): (
        "die als Hochrisiko-KI-System eingestuft ist",
        "die als Hochrisiko-KI-Systeme eingestuft sind",
    ),
    ("ai_act_risk", "limited"): (
        "die als KI-System mit begrenztem Risiko eingestuft ist",
        "die als KI-Systeme mit begrenztem Risiko eingestuft sind",
    ),
    ("ai_act_risk", "minimal"): (
        "die als KI-System mit minimalem Risiko eingestuft ist",
        "die als KI-Systeme mit minimalem Risiko eingestuft sind",
    ),
    ("ai_act_risk", "prohibited"): ("die als verbotene Praktik eingestuft ist",) * 2,
}
_EXTRA_COLUMNS: dict[str, tuple[str, Callable[[Row], str]]] = {
    "users": ("Nutzende", lambda r: r.get("users")),
    "personal_data": ("Personenbezogene Daten", lambda r: YES_NO.get(r.get("personal_data"), r.get("personal_data"))),
    "dpia": ("DSFA", lambda r: _dpia(r)),  # defined below
    "legal_basis": ("Rechtsgrundlage", lambda r: r.get("legal_basis")),
    "ai_act_risk": ("Risikoklasse (KI-VO)", lambda r: RISK.get(r.get("ai_act_risk"), r.get("ai_act_risk"))),
    "human_oversight": ("Menschliche Aufsicht", lambda r: r.get("human_oversight")),
    "cost": ("Kosten", lambda r: _costs(r)),
    "evaluation": ("Evaluation", lambda r: r.get("evaluation")),
    "end_date": ("Ende", lambda r: german_date(r.get("end_date")) if r.get("end_date") else ""),
    "discontinued_reason": ("Grund der Einstellung", lambda r: r.get("discontinued_reason")),
}


def _dpia(row: Row | Record) -> str:
    """The record's DPIA state, with the day it was completed where the record says it ("durchgeführt
    (22.04.2026)")."""
    value = DPIA.get(row.get("dpia"), row.get("dpia"))
    return f"{value} ({day})" if (day := dpia_day(row.get)) else value


def _costs(row: Row | Record) -> str:
    parts = []
    if row.get("cost_one_time_eur"):
        parts.append(f"einmalig {w.euro(row.get('cost_one_time_eur'))}")
    if row.get("cost_annual_eur"):
        parts.append(f"jährlich {w.euro(row.get('cost_annual_eur'))}")
    return ", ".join(parts)


def selected(reading: Reading, kb: KnowledgeBase, today: date) -> tuple[list[Row], list[str], tuple[str, ...]]:
    statuses = reading.statuses
    if reading.intent == Intent.YES_NO and not statuses:
        statuses = IN_USE
    rows = applications(kb, status=statuses or None, department=reading.departments or None)
    warnings: list[str] = []
    if statuses and "planned" not in statuses and set(statuses) & set(IN_USE):  # "derzeit eingesetzt"
        # a plan a later source has in a trial or in regular operation since is in use
        planned = applications(kb, status=("planned",), department=reading.departments or None)
        begun = [r for r in planned if _begun(r, kb, today)]
        ids = {r.source_id for r in [*rows, *begun]}
        rows = [r for r in applications(kb, department=reading.departments or None) if r.source_id in ids]
        warnings += [
            f"{r.get('id')}: im KI-Verzeichnis als „geplant“ geführt, laut späterer Quelle im Betrieb" for r in begun
        ]
    if statuses and "discontinued" in statuses:  # what a later source ended counts as ended
        every = applications(kb, department=reading.departments or None)
        keep = {r.source_id for r in rows} | {r.source_id for r in every if _ended(r, kb, today)}
        rows = [r for r in every if r.source_id in keep]
    elif statuses and (gone := {r.source_id: found for r in rows if (found := _ended(r, kb, today))}):
        warnings += [  # … and is no longer in use
            f"{r.get('id')}: im KI-Verzeichnis als „{STATUS.get(r.get('status'), r.get('status'))}“ geführt, laut "
            f"späterer Quelle beendet: siehe „{gone[r.source_id][0].title}“ – nicht aufgeführt"
            for r in rows
            if r.source_id in gone
        ]
        rows = [r for r in rows if r.source_id not in gone]
    rows = [r for r in rows if all(r.get(column) == value for column, value in reading.filters)]
    if statuses and "discontinued" not in statuses:  # "currently": an end date in the past contradicts the status
        stale = [r for r in rows if w.passed(r.get("end_date"), today) and r.get("status") != "planned"]
        # a trial a later source extends goes on, and so does one it has in regular operation since
        extended = {
            id(r): title for r in stale if (title := extended_by(r.record, kb, today) or _running(r, kb, today))
        }
        warnings += [overtaken_end(r.record, extended[id(r)]) for r in stale if id(r) in extended]
        stale = [r for r in stale if id(r) not in extended]
        rows = [r for r in rows if r not in stale]
        warnings += [
            f"{r.get('id')} ({r.get('name')}) ist als „{STATUS.get(r.get('status'), r.get('status'))}“ geführt, "
            f"das Ende lag am {german_date(r.get('end_date'))} – Status im KI-Verzeichnis prüfen; nicht aufgeführt"
            for r in stale
        ]
    return rows, warnings, statuses


def _ended(row: Row, kb: KnowledgeBase, today: date) -> tuple[Chunk, str, date] | None:
    """The later source that ends the running or trial row (``register_overtaken.ended_now``)."""
    return ended_now(row.record, called_names(row.record, kb), dated_sources(kb), today)


def _suspended(row: Row, kb: KnowledgeBase, today: date) -> tuple[Chunk, str, date] | None:
    """The later source that suspends the running or trial row (``later_status.suspended``)."""
    return suspended(row.record, called_names(row.record, kb), dated_sources(kb), today)


def _paused_cell(paused: tuple[Chunk, str, date] | None) -> str:
    return f"Nutzung ausgesetzt seit {paused[2]:%d.%m.%Y} (siehe unten)" if paused else ""


def _gone_cell(row: Row, gone: tuple[Chunk, str, date]) -> str:
    """A listing's status cell for an application a later source ended – or, a plan, gave up."""
    if row.get("status") == "planned":
        return f"Vorhaben aufgegeben am {gone[2]:%d.%m.%Y} (siehe unten)"
    return f"beendet zum {gone[2]:%d.%m.%Y} (siehe unten)"


def _begun(row: Row, kb: KnowledgeBase, today: date) -> bool:
    """Whether a later source has the planned row in a trial or in regular operation since a day past."""
    return in_operation(row.record, called_names(row.record, kb), dated_sources(kb), today) is not None


def _running(row: Row, kb: KnowledgeBase, today: date) -> str:
    """The title of a later source that has the row's trial in regular operation (``in_production``); "" if none."""
    found = in_production(row.record, called_names(row.record, kb), dated_sources(kb), today)
    return found[0].title if found else ""


_STATE_WORD = {"production": "Regel", "pilot": "Pilot", "test": "Test"}


def status_phrase(statuses: tuple[str, ...]) -> str:
    """A listing's statuses in words where no fixed phrase fits ("im Regel-, Pilot- oder Testbetrieb oder als
    geplant"): without it, "9 Anwendungen erfasst" reads as the whole register of 11."""
    running = [_STATE_WORD[s] for s in statuses if s in _STATE_WORD]
    parts = []
    if running:
        joined = ", ".join(f"{word}-" for word in running[:-1])
        parts.append(f"im {joined} oder {running[-1]}betrieb" if joined else f"im {running[-1]}betrieb")
    parts += [f"als {STATUS[s]}" for s in statuses if s not in _STATE_WORD and s in STATUS]
    return " oder ".join(parts)


_REMIT = re.compile(r"\s*\([^()]*\)$")  # a department's remit in brackets after its name


Gone = tuple[Chunk, str, date] | None  # the later source that ended a row, its sentence and day (``_ended``)


def ends_of(rows: list[Row], kb: KnowledgeBase, today: date) -> list[Gone]:
    """For each row the register does not have ended, the later source that ends it (``_ended``), else None."""
    return [_ended(row, kb, today) if row.get("status") != "discontinued" else None for row in rows]


def now_states(rows: list[Row], kb: KnowledgeBase, today: date, gones: list[Gone] | None = None) -> list[str]:
    """Each row's state as the latest source has it: ended or given up where a later source says so (``gones``,
    else found), in regular operation where one has the trial or plan running; else the register's status."""
    states = []
    for row, gone in zip(rows, gones if gones is not None else ends_of(rows, kb, today), strict=True):
        status = row.get("status")
        if gone:
            status = "discontinued"
        elif status in ("pilot", "test", "planned") and _running(row, kb, today):
            status = "production"
        states.append(status)
    return states


def _listing_sentence(
    reading: Reading, rows: list[Row], statuses: tuple[str, ...], kb: KnowledgeBase, states: list[str]
) -> str:
    count = len(rows)
    phrase = STATUS_PHRASE.get(statuses) or status_phrase(statuses)
    where = ""
    if reading.departments:
        # its name without the remit in brackets ("Dezernat 7 – Klinikverbund …", not "(Landesrätin …; …)")
        names = [f"„{_REMIT.sub('', kb.municipality.department_name(d))}“" for d in reading.departments]
        where = f" im Bereich {w.enumerate_de(names)}"
    relative = ", ".join(_FILTER_PHRASE[f][0 if count <= 1 else 1] for f in reading.filters if f in _FILTER_PHRASE)
    if count == 0:  # "keine Anwendung … erfasst, die als Hochrisiko-KI-System eingestuft ist"
        text = f"Im KI-Verzeichnis der Verwaltung ist derzeit keine Anwendung{where} {phrase}".rstrip()
        return f"{text} erfasst, {relative}" if relative else f"{text} erfasst"
    apps = w.plural(count, "eine Anwendung", "{n} Anwendungen")
    if statuses == ("discontinued",) and any(r.get("status") != "discontinued" for r in rows):  # a later source's end
        return f"In der Verwaltung {w.verb(count, 'wurde', 'wurden')} {apps}{where} eingestellt oder beendet"
    begun = sum(r.get("status") == "planned" for r in rows) if statuses and "planned" not in statuses else 0
    if begun and phrase:  # a plan a later source has in operation (``_begun``; its sentence follows the listing)
        text = f"In der Verwaltung {w.verb(count, 'ist', 'sind')} {apps}{where}"
        return text + (f", {relative}," if relative else "") + f" {phrase}"
    text = f"Im KI-Verzeichnis der Verwaltung {w.verb(count, 'ist', 'sind')} {apps}{where}"
    text += f", {relative}," if relative else ""
    text += f" {phrase} erfasst" if phrase else " erfasst"
    if not statuses and count > 1:  # the spread as the latest sources have it, said so where they changed it
        spread = Counter(states)
        parts = [f"{n} {w.STATUS_STATE.get(s, s)}" for s, n in sorted(spread.items(), key=lambda i: -i[1])]
        later = states != [r.get("status") for r in rows]
        text += f" ({'nach dem neuesten Stand der Quellen ' if later else ''}{w.enumerate_de(parts)})"
    return text


PER_APPLICATION = 3  # up to this many applications are answered in sentences, more in a table


def inventory_answer(reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str) -> DataAnswer:
    shown = [c for c in reading.columns if c in _EXTRA_COLUMNS]
    if reading.filters and reading.intent == Intent.YES_NO:
        # "Wurde für die eingesetzten Anwendungen eine DSFA durchgeführt?" – each with its value, not a filter
        shown = list(dict.fromkeys([*shown, *(c for c, _ in reading.filters if c in _EXTRA_COLUMNS)]))
        reading = replace(reading, filters=())
    if reading.filters and asks_complement(question):
        # "Für welche Systeme wurde eine DSFA durchgeführt? Wenn keine: warum nicht?" – all of them, with the column
        reading = replace(reading, filters=())
        shown = list(dict.fromkeys([*shown, "dpia", *(c for c in reading.columns if c in _EXTRA_COLUMNS)]))
    rows, warnings, statuses = selected(reading, kb, today)
    if asks_why(question) and any(r.get("status") == "discontinued" for r in rows) and shown:
        shown = list(dict.fromkeys([*shown, "discontinued_reason"]))  # "… beendet, und aus welchen Gründen?"
    facts_columns = [c for c in shown if c in RENDER]
    if rows and facts_columns and len(rows) <= PER_APPLICATION and reading.intent != Intent.LISTING:
        facts = application_facts([r.record for r in rows], facts_columns, kb, register, today)
        return DataAnswer(
            "partial" if facts.gaps else "answered",
            facts.sentences,
            warnings=[*warnings, *facts.warnings],
            gaps=facts.gaps,
        )
    gones = ends_of(rows, kb, today)
    sentence = _listing_sentence(reading, rows, statuses, kb, now_states(rows, kb, today, gones))
    if reading.intent == Intent.YES_NO:
        sentence = ("Ja. " if rows else "Nein. ") + sentence
    unsettled = _unsettled(reading, kb, register, today)
    if not rows:
        return DataAnswer(
            "answered",
            [w.cap(sentence) + ".", *unsettled],
            warnings=["Aussage aus dem vollständigen KI-Verzeichnis", *warnings],
        )
    markers = [
        register.cite_chunk(inventory_chunk(r.record, kb), inventory_chunk(r.record, kb).text.split("\n")[0])
        for r in rows
    ]
    extra = shown + [c for c, _ in reading.filters if c in _EXTRA_COLUMNS and c not in shown]
    columns = ["Anwendung", "Anbieter", "Zuständig", "Einsatzzweck", "Inbetriebnahme", "Status"]
    if extra:
        columns = ["Anwendung", "Zuständig", "Status"]
    elif statuses == ("discontinued",):
        extra = ["end_date", "discontinued_reason"]
    table_rows, later = [], []
    for marker, row, gone in zip(markers, rows, gones, strict=True):
        moved, running = _overtaken(row, kb, today)
        paused = None if gone else _suspended(row, kb, today)
        base = {
            # the register's "(Erprobung)", "(geplant)" in its name: the status column says it, a later source
            # may have overtaken it
            "Anwendung": own_name(cell(row, "name", warnings)),
            "Anbieter": _vendor_cell(row, kb, today, warnings),
            "Zuständig": kb.municipality.department_name(row.get("department")),
            "Einsatzzweck": cell(row, "purpose", warnings),
            # a trial that went into regular operation began with the trial: its start stays, its status changes
            # … a plan a later source has in operation began there, not in the register's planned month
            "Inbetriebnahme": ("entfällt" if gone and row.get("status") == "planned" else "")  # a plan given up
            or _later_cell(moved)
            or (_later_cell(running) if row.get("status") == "planned" else "")
            or german_date(row.get("go_live") or "")
            or _later_cell(running),
            "Status": _running_cell(running) if running else STATUS.get(row.get("status"), row.get("status")),
        }
        if gone or paused:  # a later source ended or suspended it: its day, not the register's end or status
            base["Status"] = _gone_cell(row, gone) if gone else _paused_cell(paused)
        overtaken = {"end_date": f"{gone[2]:%d.%m.%Y}"} if gone else {}
        cells = [base[c] for c in columns] + [
            overtaken.get(c) or defuse(str(_EXTRA_COLUMNS[c][1](row)))[0] for c in extra
        ]
        table_rows.append((*cells, marker))
        if moved or running or gone or paused:  # the later source's own sentence, after the listing
            said = application_facts([row.record], ("go_live",), kb, register, today)
            later += said.sentences
            warnings += [n for n in said.warnings if n not in warnings]
    headers = (*columns, *(_EXTRA_COLUMNS[c][0] for c in extra), "Quelle")
    text = with_markers(f"{w.cap(sentence)}{_named(rows, kb)}", "".join(markers))
    # "… beendet, und aus welchen Gründen?": the reasons stand in the sources that ended them
    why = asks_why(question) and "discontinued" in statuses
    table = Table(headers, tuple(table_rows))
    return DataAnswer("answered", [text, *later, *unsettled], table, warnings=warnings, supplement=why)


def _vendor_cell(row: Row, kb: KnowledgeBase, today: date, warnings: list[str]) -> str:
    """A listing's vendor cell; where a later source has the application run elsewhere (``rehosted``), without
    the register's place, and the reviewer told where the newer place stands."""
    given = cell(row, "vendor", warnings)
    moved = rehosted(row.record, called_names(row.record, kb), dated_sources(kb), today) if given else None
    if moved is None:
        return given
    of = w.of_named(row.get("name"))
    note = f"Der im KI-Verzeichnis erfasste Betriebsort {of} ist überholt: siehe „{moved[0].title}“"
    if note not in warnings:
        warnings.append(note)
    return without_hosting(given) or given


def _overtaken(row: Row, kb: KnowledgeBase, today: date) -> tuple[str, str]:
    """The later source's sentence that moves the row's planned go-live, and the one that has it in regular
    operation ("" where none does): its register cells are then no longer the state of things."""
    called, dated = called_names(row.record, kb), dated_sources(kb)
    moved = moved_start(row.record, called, dated, today)
    running = in_operation(row.record, called, dated, today)
    return (moved[1] if moved else ""), (running[1] if running else "")


_DAY_IN = re.compile(r"\b\d{1,2}\.\d{1,2}\.20\d\d\b")


def _later_cell(sentence: str) -> str:
    """A listing's start cell from the later source's sentence: the day it starts from ("frühestens 01.07.2027",
    "seit 01.10.2026"), else its first day, with where it stands; "" where there is no such sentence."""
    if found := _STARTS_ON.search(sentence):  # "seit dem 01.10.2026", "frühestens zum 01.07.2027"
        return f"{found.group(1).lower()} {found.group(2)} (siehe unten)"
    days = _DAY_IN.findall(sentence)
    if not days:
        return "siehe unten" if sentence else ""
    return f"{days[0]} (siehe unten)"


def _running_cell(sentence: str) -> str:
    """A listing's status cell of a trial a later source has in regular operation: "Regelbetrieb seit 01.10.2026
    (siehe unten)" where the sentence gives its day."""
    # "Nach der Erprobung ab dem 02.02.2026 ist KDA-Assist seit dem 01.07.2026 im Regelbetrieb": since the 1st of July
    found = _SINCE.search(sentence) or _STARTS_ON.search(sentence) or _DAY_IN.search(sentence)
    day = found.group(2) if found and found.lastindex else (found.group(0) if found else "")
    trial = _TRIAL_WORD.search(sentence)
    state = "Regelbetrieb" if not trial or _REGULAR.search(sentence) else "Testbetrieb"
    if state != "Regelbetrieb" and trial and trial.group(0).lower().startswith("erprob"):
        state = "Erprobung"  # "wird seit dem 01.03.2026 … erprobt", a table's "Erprobung in zwei Regionalteams"
    return f"{state} seit {day} (siehe unten)" if day else f"{state} (siehe unten)"


_SINCE = re.compile(r"\b(seit)\s+(?:dem\s+)?(\d{1,2}\.\d{1,2}\.20\d\d)\b", re.IGNORECASE)
_TRIAL_WORD = re.compile(r"\b(?:Test|Probe|Pilot)betrieb|\berprobt\b|\bErprobung\b", re.IGNORECASE)
_REGULAR = re.compile(r"\bRegelbetrieb\b", re.IGNORECASE)


_STARTS_ON = re.compile(r"\b(seit|frühestens|ab)\s+(?:dem\s+|zum\s+|am\s+)?(\d{1,2}\.\d{1,2}\.20\d\d)\b", re.I)


MAX_NAMED = 6  # applications a listing names in its sentence; more only in the table


def _named(rows: list[Row], kb: KnowledgeBase) -> str:
    """How a listing's sentence goes on: with a few applications, their short names and where each is used
    ("BoddenBot (Bürgeramt), KOGGE (Haupt- und Personalamt)") – a reply names them in its text, the table
    gives the details; with more, the table alone."""
    if len(rows) > MAX_NAMED:
        return "; die Übersicht nennt sie einzeln"
    named = []
    for row in rows:
        where = kb.municipality.department_name(row.get("department")).split(" (", 1)[0].strip()
        named.append(f"{short_name(own_name(row.get('name')))}" + (f" ({where})" if where else ""))
    return f": {w.enumerate_de(named)}; die Übersicht nennt Anbieter und Einsatzzweck"


def _unsettled(reading: Reading, kb: KnowledgeBase, register: Register, today: date) -> list[str]:
    """Beside the high-risk applications asked for, those in use or planned whose class under the AI Act is
    not settled yet (``unknown``): a clerk names them, as they may turn out to be high-risk. One a later source
    has classed since is said from that source ("Das KI-Lenkungskreis hat am 14.07.2026 festgestellt, …")."""
    if ("ai_act_risk", "high") not in reading.filters:
        return []
    rows = [r for r in kb.inventory if r.get("ai_act_risk") == "unknown" and r.get("status") != "discontinued"]
    dated = dated_sources(kb)
    classed = [r for r in rows if reclassified(r, called_names(r, kb), dated, today)]
    later = application_facts(classed, ("ai_act_risk",), kb, register, today).sentences if classed else []
    rows = [r for r in rows if r not in classed]
    if not rows:
        return list(later)
    chunks = [inventory_chunk(r, kb) for r in rows]
    risk = LABEL["ai_act_risk"]  # its record line: "Risikoklasse nach KI-Verordnung: noch nicht eingestuft."
    markers = "".join(
        register.cite_chunk(c, c.text.split("\n")[0]) + register.cite_chunk(c, line_of(c, risk)) for c in chunks
    )
    names = w.enumerate_de([f"„{r.get('name')}“" for r in rows])
    verb = w.verb(len(rows), "ist", "sind")
    return [with_markers(f"Noch nicht nach der KI-Verordnung eingestuft {verb} {names}.", markers), *later]
