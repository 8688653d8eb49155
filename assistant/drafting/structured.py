"""Answers from the data itself, without a language model, for what the data holds.

Which applications are in use (a listing or a count over ``inventory.csv``,
filtered by status, department or a column such as "DSFA durchgeführt"),
what one application's row says (``facts.py``), and how much money is
planned (``budget.csv``, per year, category or kind, each sub-question its
own sum). Figures are computed in code; every table row and sentence cites
its source line. The question's reading (``understand.py``) decides which
applies; anything else goes to retrieval and the model.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from assistant.domain import AnswerStatus, Table
from assistant.drafting import finance, finance_sentences
from assistant.drafting import lexicon as lx
from assistant.drafting import wording as w
from assistant.drafting.asked_figures import COUNTS_OF
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.drafting.classify import (
    IN_USE,
    Intent,
    about_ai_as_such,
    asks_complement,
    asks_costs,
    asks_place,
    asks_why,
    names_budget,
)
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
from assistant.drafting.owned import called_in, called_names, left_out, share_of
from assistant.drafting.ranked import asks_first_or_last, first_and_last
from assistant.drafting.register_overtaken import (
    in_operation,
    in_production,
    moved_start,
    reclassified,
    rehosted,
    without_hosting,
)
from assistant.drafting.spent import INCURRED
from assistant.drafting.spent import spent as spent_on
from assistant.drafting.subject import own_name, says, short_name
from assistant.drafting.understand import Reading
from assistant.figures import PART
from assistant.kb.chunk import DPIA, RISK, STATUS, YES_NO, budget_chunk, inventory_chunk
from assistant.kb.model import KnowledgeBase, Record
from assistant.kb.query import Row, applications, budget_lines, kameral
from assistant.text import german_date

# Columns a document may explain further (an evaluation report, a DPIA summary): the model adds what the
# documents about the application say. Exact values (vendor, dates, costs) need no supplement.
SUPPLEMENTED = (
    "evaluation",
    "human_oversight",
    "purpose",
    "discontinued_reason",
    "legal_basis",
    "dpia",
    "personal_data",
    "ai_act_risk",
    "status",
    "users",
)
_ALSO_COLUMN = {Intent.UNIT: "department", Intent.DATE: "go_live", Intent.AMOUNT: "cost"}
_DEFAULT_COLUMN = {
    Intent.DATE: "go_live",
    Intent.AMOUNT: "cost",
    Intent.UNIT: "department",
}


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


def _cell(row: Row, column: str, warnings: list[str]) -> str:
    """A cell's text without sentences that address an AI system (flagged for the KB editors)."""
    text, cut = defuse(row.get(column))
    if cut:
        warnings.append(
            f"{row.source_id}, Spalte {column}: enthält eine Anweisung an ein KI-System; "
            "sie wurde nicht übernommen – bitte Wissensbasis prüfen"
        )
    return text


# --- one application, or a few -----------------------------------------------------------------


# "Wie viele Beschäftigte hatten solche Dienste … registriert?": a count of people, not of the register's rows
_APPLICATION_NOUN = re.compile(
    r"(?:Anwendung|System|Verfahren|Tool|Dienst|Lösung|Projekt|Pilot|Vorhaben|Assistent|Chatbot|Programm|"
    r"Software|Modell|Produkt|Einsatz|Erprobung)\w*$",
    re.IGNORECASE,
)


def counts_applications(question: str) -> bool:
    """Whether a count question counts applications (or names nothing it counts: "Wie viele sind es?")."""
    counted = COUNTS_OF.search(question)
    return counted is None or bool(_APPLICATION_NOUN.search(counted.group(1)))


_NUMBER_OF = re.compile(r"\b(?:An)?[Zz]ahl der\b")


def _asked_columns(reading: Reading, rows: list[Record], question: str) -> list[str]:
    """The columns that answer a question about these applications, in the order asked."""
    asked = [c for c in reading.columns if c != "department" or reading.asks(Intent.UNIT)]
    if reading.intent == Intent.AMOUNT and "cost" not in asked:
        asked.insert(0, "cost")
    asked += [_ALSO_COLUMN[i] for i in reading.also if i in _ALSO_COLUMN and _ALSO_COLUMN[i] not in asked]
    if "department" in asked and asks_place(question) and "purpose" not in asked:
        asked.append("purpose")  # "in welchen Bereichen wird er eingesetzt?": the unit and what it is used for
    if (
        (reading.intent == Intent.COUNT or _NUMBER_OF.search(question))  # "Bitte die Zahl der … aufschlüsseln"
        and not asked
        and any(re.search(r"\b(?!(19|20)\d\d\b)\d[\d.]*\b", r.get("evaluation")) for r in rows)
    ):
        asked = ["evaluation"]  # "Wie viele Anfragen hat er beantwortet?": usage figures are in the evaluation
    ended = any(r.get("status") == "discontinued" for r in rows)
    if ended and asks_why(question) and "discontinued_reason" not in asked:
        asked.append("discontinued_reason")  # "Warum (nicht)?" of an application that was stopped
    if not asked and reading.intent in _DEFAULT_COLUMN and not reading.topic:  # "Seit wann?" – of the application
        asked = [_DEFAULT_COLUMN[reading.intent]]
    if not asked and reading.intent in (Intent.YES_NO, Intent.DESCRIPTION) and _about_itself(reading, rows):
        asked = ["status"]  # "Was ist aus dem Chatbot geworden?", "Gibt es den Chatbot noch?"
    if "status" in asked and ended and "discontinued_reason" not in asked:
        asked.append("discontinued_reason")
    return asked


def quotes_evaluation(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """Whether the data answers a question about applications only by quoting their evaluation (a count
    asked of them: "Wie viele Anfragen hat er beantwortet?"), which may count something else."""
    return _columns_of_one(reading, kb, question) == ["evaluation"]


_COUNTING = frozenset({"users", "cost", "evaluation"})  # the columns of an application's record that hold counts


def counts_nothing(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """Whether the data answers a question about applications only with columns that count nothing (its
    purpose, the data it processes): no answer to "Wie viele Sorgeberechtigte haben widersprochen?"."""
    asked = _columns_of_one(reading, kb, question)
    return bool(asked) and not set(asked) & _COUNTING


def _columns_of_one(reading: Reading, kb: KnowledgeBase, question: str) -> list[str]:
    """The columns the data answers a question about named applications with; none for other questions."""
    if not reading.subject.applications or reading.subject.everything:
        return []
    rows = [r for r in kb.inventory if r.get("id") in reading.subject.applications]
    return _asked_columns(reading, rows, question)


def _about_itself(reading: Reading, rows: list[Record]) -> bool:
    """Whether the question's own words are those of the application (its name, kind or purpose)."""
    from assistant.kb.keyword import analyze

    if not reading.topic:
        return True
    words = set(analyze(" ".join(f"{r.get('name')} {r.get('purpose')}" for r in rows)))
    return sum(t in words for t in reading.topic) * 2 >= len(reading.topic)


def _about_applications(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str
) -> DataAnswer | None:
    rows = [r for r in kb.inventory if r.get("id") in reading.subject.applications]
    asked = _asked_columns(reading, rows, question)
    if not asked:
        return None
    facts = application_facts(rows, asked, kb, register, today)
    if "cost" in asked:  # what the budget plans for it, from the years asked (else this year) on, with its notes
        if INCURRED.search(question):  # "Welche Kosten sind insgesamt entstanden?": the Ist, summed
            facts.sentences += spent_on(rows, kb, register, today)
        since = min((int(y) for y in reading.years), default=today.year)
        facts.sentences += finance_sentences.application_sentences([r.get("id") for r in rows], kb, register, since)
    if not facts.sentences:
        return DataAnswer("no_information", [], warnings=facts.warnings, gaps=facts.gaps, supplement=True)
    status: AnswerStatus = "partial" if facts.gaps else "answered"
    supplement = bool(facts.gaps) or any(c in SUPPLEMENTED for c in asked) or reading.intent == Intent.DESCRIPTION
    return DataAnswer(status, facts.sentences, warnings=facts.warnings, gaps=facts.gaps, supplement=supplement)


# --- the inventory as a whole -------------------------------------------------------------------

_STATUS_PHRASE = {
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


def _selected(reading: Reading, kb: KnowledgeBase, today: date) -> tuple[list[Row], list[str], tuple[str, ...]]:
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


def _begun(row: Row, kb: KnowledgeBase, today: date) -> bool:
    """Whether a later source has the planned row in a trial or in regular operation since a day past."""
    return in_operation(row.record, called_names(row.record, kb), dated_sources(kb), today) is not None


def _running(row: Row, kb: KnowledgeBase, today: date) -> str:
    """The title of a later source that has the row's trial in regular operation (``in_production``); "" if none."""
    found = in_production(row.record, called_names(row.record, kb), dated_sources(kb), today)
    return found[0].title if found else ""


_STATE_WORD = {"production": "Regel", "pilot": "Pilot", "test": "Test"}


def _status_phrase(statuses: tuple[str, ...]) -> str:
    """A listing's statuses in words where no fixed phrase fits ("im Regel-, Pilot- oder Testbetrieb oder als
    geplant"): without it, "9 Anwendungen erfasst" reads as the whole register of 11."""
    running = [_STATE_WORD[s] for s in statuses if s in _STATE_WORD]
    parts = []
    if running:
        joined = ", ".join(f"{word}-" for word in running[:-1])
        parts.append(f"im {joined} oder {running[-1]}betrieb" if joined else f"im {running[-1]}betrieb")
    parts += [f"als {STATUS[s]}" for s in statuses if s not in _STATE_WORD and s in STATUS]
    return " oder ".join(parts)


def _listing_sentence(reading: Reading, rows: list[Row], statuses: tuple[str, ...], kb: KnowledgeBase) -> str:
    count = len(rows)
    phrase = _STATUS_PHRASE.get(statuses) or _status_phrase(statuses)
    where = ""
    if reading.departments:
        names = [f"„{kb.municipality.department_name(d)}“" for d in reading.departments]
        where = f" im Bereich {w.enumerate_de(names)}"
    relative = ", ".join(_FILTER_PHRASE[f][0 if count <= 1 else 1] for f in reading.filters if f in _FILTER_PHRASE)
    if count == 0:  # "keine Anwendung … erfasst, die als Hochrisiko-KI-System eingestuft ist"
        text = f"Im KI-Verzeichnis der Verwaltung ist derzeit keine Anwendung{where} {phrase}".rstrip()
        return f"{text} erfasst, {relative}" if relative else f"{text} erfasst"
    apps = w.plural(count, "eine Anwendung", "{n} Anwendungen")
    begun = sum(r.get("status") == "planned" for r in rows) if statuses and "planned" not in statuses else 0
    if begun and phrase:  # a plan a later source has in operation (``_begun``; its sentence follows the listing)
        text = f"In der Verwaltung {w.verb(count, 'ist', 'sind')} {apps}{where}"
        return text + (f", {relative}," if relative else "") + f" {phrase}"
    text = f"Im KI-Verzeichnis der Verwaltung {w.verb(count, 'ist', 'sind')} {apps}{where}"
    text += f", {relative}," if relative else ""
    text += f" {phrase} erfasst" if phrase else " erfasst"
    if not statuses and count > 1:
        spread = Counter(r.get("status") for r in rows)
        parts = [f"{n} {w.STATUS_STATE.get(s, s)}" for s, n in sorted(spread.items(), key=lambda i: -i[1])]
        text += f" ({w.enumerate_de(parts)})"
    return text


_PER_APPLICATION = 3  # up to this many applications are answered in sentences, more in a table


def _inventory(reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str) -> DataAnswer:
    shown = [c for c in reading.columns if c in _EXTRA_COLUMNS]
    if reading.filters and reading.intent == Intent.YES_NO:
        # "Wurde für die eingesetzten Anwendungen eine DSFA durchgeführt?" – each with its value, not a filter
        shown = list(dict.fromkeys([*shown, *(c for c, _ in reading.filters if c in _EXTRA_COLUMNS)]))
        reading = replace(reading, filters=())
    if reading.filters and asks_complement(question):
        # "Für welche Systeme wurde eine DSFA durchgeführt? Wenn keine: warum nicht?" – all of them, with the column
        reading = replace(reading, filters=())
        shown = list(dict.fromkeys([*shown, "dpia", *(c for c in reading.columns if c in _EXTRA_COLUMNS)]))
    rows, warnings, statuses = _selected(reading, kb, today)
    if asks_why(question) and any(r.get("status") == "discontinued" for r in rows) and shown:
        shown = list(dict.fromkeys([*shown, "discontinued_reason"]))  # "… beendet, und aus welchen Gründen?"
    facts_columns = [c for c in shown if c in RENDER]
    if rows and facts_columns and len(rows) <= _PER_APPLICATION and reading.intent != Intent.LISTING:
        facts = application_facts([r.record for r in rows], facts_columns, kb, register, today)
        return DataAnswer(
            "partial" if facts.gaps else "answered",
            facts.sentences,
            warnings=[*warnings, *facts.warnings],
            gaps=facts.gaps,
        )
    sentence = _listing_sentence(reading, rows, statuses, kb)
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
    for marker, row in zip(markers, rows, strict=True):
        moved, running = _overtaken(row, kb, today)
        base = {
            # the register's "(Erprobung)", "(geplant)" in its name: the status column says it, a later source
            # may have overtaken it
            "Anwendung": own_name(_cell(row, "name", warnings)),
            "Anbieter": _vendor_cell(row, kb, today, warnings),
            "Zuständig": kb.municipality.department_name(row.get("department")),
            "Einsatzzweck": _cell(row, "purpose", warnings),
            # a trial that went into regular operation began with the trial: its start stays, its status changes
            # … a plan a later source has in operation began there, not in the register's planned month
            "Inbetriebnahme": _later_cell(moved)
            or (_later_cell(running) if row.get("status") == "planned" else "")
            or german_date(row.get("go_live") or "")
            or _later_cell(running),
            "Status": _running_cell(running) if running else STATUS.get(row.get("status"), row.get("status")),
        }
        cells = [base[c] for c in columns] + [defuse(str(_EXTRA_COLUMNS[c][1](row)))[0] for c in extra]
        table_rows.append((*cells, marker))
        if moved or running:  # the later source's own sentence, after the listing (``facts._go_live``)
            said = application_facts([row.record], ("go_live",), kb, register, today)
            later += said.sentences
            warnings += [n for n in said.warnings if n not in warnings]
    headers = (*columns, *(_EXTRA_COLUMNS[c][0] for c in extra), "Quelle")
    text = with_markers(f"{w.cap(sentence)}{_named(rows, kb)}", "".join(markers))
    return DataAnswer("answered", [text, *later, *unsettled], Table(headers, tuple(table_rows)), warnings=warnings)


def _vendor_cell(row: Row, kb: KnowledgeBase, today: date, warnings: list[str]) -> str:
    """A listing's vendor cell; where a later source has the application run elsewhere (``rehosted``), without
    the register's place, and the reviewer told where the newer place stands."""
    cell = _cell(row, "vendor", warnings)
    moved = rehosted(row.record, called_names(row.record, kb), dated_sources(kb), today) if cell else None
    if moved is None:
        return cell
    of = w.of_named(row.get("name"))
    note = f"Der im KI-Verzeichnis erfasste Betriebsort {of} ist überholt: siehe „{moved[0].title}“"
    if note not in warnings:
        warnings.append(note)
    return without_hosting(cell) or cell


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
    state = "Testbetrieb" if _TRIAL_WORD.search(sentence) and not _REGULAR.search(sentence) else "Regelbetrieb"
    return f"{state} seit {day} (siehe unten)" if day else f"{state} (siehe unten)"


_SINCE = re.compile(r"\b(seit)\s+(?:dem\s+)?(\d{1,2}\.\d{1,2}\.20\d\d)\b", re.IGNORECASE)
_TRIAL_WORD = re.compile(r"\b(?:Test|Probe|Pilot)betrieb|\berprobt\b", re.IGNORECASE)
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


# --- the budget ---------------------------------------------------------------------------------


def _finance(kb: KnowledgeBase) -> str:
    finance = next(
        (d for d in kb.municipality.departments if "finanz" in d.name.lower() or "kämmerei" in d.name.lower()), None
    )
    return f"{finance.name} ({finance.id})" if finance else "die Finanzverwaltung"


def _purpose(reading: Reading, categories: list[str], ai_only: bool = False, all_ai: bool = False) -> str:
    names = [w.CATEGORY_PHRASE[c] for c in categories if c in w.CATEGORY_PHRASE]
    if reading.budget_kind:
        names.append(w.KIND_PHRASE[reading.budget_kind])
    whole = "Für KI-Anwendungen" if ai_only else "Für den Einsatz von KI" if all_ai else "Für KI und Digitalisierung"
    return f"Für {w.enumerate_de(names)}" if names else whole


def _year_sentence(
    year: str,
    rows: list[Row],
    purpose: str,
    markers: str,
    today: date,
    shares: dict[str, int] | None = None,
    cameral: bool = False,
) -> str:
    """The year's sum; of a shared row only the AI part its note gives (``shares``: 8.400 of 98.000 Euro)."""
    shares = shares or {}

    def planned(r: Row) -> Decimal:
        return Decimal(shares[r.source_id]) if r.source_id in shares else Decimal(r.get("planned_eur"))

    adopted = sum((planned(r) for r in rows if r.get("status") != "proposed"), Decimal(0))
    proposed = sum((planned(r) for r in rows if r.get("status") == "proposed"), Decimal(0))
    own = [r for r in rows if r.source_id not in shares]  # a shared row's Ist is not its AI part's
    actual = [Decimal(r.get("actual_eur")) for r in own if r.get("actual_eur")]
    drafted = all(r.get("status") == "draft" for r in rows)
    if adopted:
        verb_phrase = "im Haushaltsentwurf vorgesehen" if drafted else "veranschlagt"
        text = (
            f"{purpose} {w.verb(1, 'sind', 'sind')} im Haushaltsjahr {year} insgesamt {w.euro(str(adopted))} "
            f"{verb_phrase}"
        )
        if not proposed:  # (the table sums a year's rows by one column at a time: state or part of the budget)
            text += _by_kind(rows, planned, cameral)
        if proposed:
            text += f"; zusätzlich sind {w.euro(str(proposed))} angemeldet, aber noch nicht beschlossen"
        elif drafted:  # "… und ist dieser bereits beschlossen?": the draft's state is the data's own answer
            text += f"; der Haushalt {year} ist noch nicht beschlossen"
    else:
        text = (
            f"{purpose} sind für das Haushaltsjahr {year} {w.euro(str(proposed))} angemeldet, aber noch nicht "
            "beschlossen"
        )
    if actual and len(actual) == len(own):  # a sum of the lines with an Ist is no Ist of the year
        spent = sum(actual, Decimal(0))
        when = "ausgegeben wurden" if int(year) < today.year else "bisher ausgegeben sind"
        text += f"; {when} {w.euro(str(spent))}"
        if shared := [r.get("budget_line") for r in rows if r.source_id in shares]:
            text += (
                f" (ohne den KI-Anteil auf der Haushaltsstelle {w.enumerate_de(shared)}, dessen Ist nicht "
                "gesondert ausgewiesen ist)"
            )
    return with_markers(text, markers)


def _by_kind(rows: list[Row], planned: Callable[[Row], Decimal], cameral: bool = False) -> str:
    """How a year's sum splits into running costs and investments, where it holds both: the Ergebnis- and the
    Investitionshaushalt are decided and reported apart ("davon 330.000 Euro für laufende (konsumtive)
    Aufwendungen und 145.000 Euro für Investitionen"); in a ``cameral`` budget its Verwaltungs- and
    Vermögenshaushalt ("davon 265.800 Euro im Verwaltungshaushalt und 84.000 Euro im Vermögenshaushalt")."""
    sums = {kind: sum((planned(r) for r in rows if r.get("kind") == kind), Decimal(0)) for kind in w.KIND_PHRASE}
    if not all(sums.values()):
        return ""
    phrase = (
        {k: f"im {v}" for k, v in w.CAMERAL_PART.items()}
        if cameral
        else {k: f"für {v}" for k, v in w.KIND_PHRASE.items()}
    )
    parts = [f"{w.euro(str(sums[k]))} {phrase[k]}" for k in ("consumptive", "investive")]
    return f", davon {w.enumerate_de(parts)}"


def _in_category(row: Row, category: str, used: set[str]) -> bool:
    """A budget line serves a purpose by its category; by its title ("Lizenzen und Betrieb ...") only where the
    budget files no line under that category (a title's "Dienstleistung" is no consulting line)."""
    if category in used:
        return row.get("category") == category
    return bool(lx.CATEGORY_WORDS[category].search((row.get("title") or "").lower()))


# Money "für KI-Anwendungen, KI-Schulung und KI-Koordinierung": the applications and what else the list names,
# which is all the AI money, not only the kinds of money the other items name.
_APPLICATIONS_AND_MORE = re.compile(r"\bfür\s+(?:die\s+)?KI-Anwendungen\s*(?:,|und\b|sowie\b)", re.IGNORECASE)


def _budget(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str = ""
) -> DataAnswer | None:
    has_costs = any(r.get("cost_one_time_eur") or r.get("cost_annual_eur") for r in kb.inventory)
    if not kb.budget and not has_costs:  # the data decides: no money figures at all
        return DataAnswer(
            "no_information",
            [w.NO_FINDINGS],
            warnings=[f"Die Wissensbasis enthält keine Haushaltsdaten; ggf. Angaben bei {_finance(kb)} erfragen"],
        )
    if not kb.budget:
        return None  # the inventory's costs: let retrieval decide
    if not _about_the_budget(reading, kb):
        return None  # "Wie hoch ist die Hundesteuer?": money, but nothing the AI budget is about
    whole = lx.WHOLE_LIFECYCLE.search(question.lower()) or _APPLICATIONS_AND_MORE.search(question)
    categories = [] if whole else list(reading.categories)
    used = {r.get("category") for r in kb.budget}
    rows = [
        row
        for row in budget_lines(kb, year=reading.years or None, kind=reading.budget_kind or None)
        if (not categories or any(_in_category(row, category, used) for category in categories))
        and not lx.is_income(row.get("title") or "", row.get("note") or "")  # income is no spending to add up
    ]
    if not rows:
        known = sorted({r.get("year") for r in kb.budget})
        asked = f" für {w.enumerate_de(list(reading.years))}" if reading.years else ""
        what = _purpose(reading, categories)[4:]
        text = (
            f"Die Haushaltsdaten der Verwaltung weisen{asked} keine Mittel für {what} aus "
            f"(erfasst sind die Jahre {known[0]} bis {known[-1]})."
        )
        return DataAnswer(
            "no_information",
            [text],
            warnings=[f"Keine passenden Haushaltsansätze; ggf. Angaben bei {_finance(kb)} erfragen"],
        )
    # a line the budget itself marks "kein KI-Bezug" is no answer to an inquiry on AI, whatever else it asks;
    # a shared line counts with the part its note gives an application ("darin Belegwerk 8.400 €; übrige …")
    shares = ai_shares(rows, kb)
    ai_related = [r for r in rows if r.source_id in shares or not lx.NO_AI.search(f"{r.get('title')} {r.get('note')}")]
    rows = ai_related or rows
    ai_only = False
    if lx.AI_NAMED.search(question):  # "Welche Mittel sind für KI-Anwendungen …": not the IT levy beside them
        owned = finance.owned_rows(kb)
        ai = [r for r in rows if r.source_id in shares or finance.ai_money(r.record, owned)]
        rows, ai_only = (ai, True) if ai and len(ai) < len(rows) else (rows, False)
    markers = {r.source_id: register.cite_chunk(budget_chunk(r.record), _quote(r.record)) for r in rows}
    owned = finance.owned_rows(kb)  # every row AI money or an AI part: the sum is no "KI und Digitalisierung"
    all_ai = all(r.source_id in shares or finance.ai_money(r.record, owned) for r in rows)
    purpose = _purpose(reading, categories, ai_only, all_ai)
    sentences = []
    for year in sorted({r.get("year") for r in rows}):
        in_year = [r for r in rows if r.get("year") == year]
        cited = "".join(markers[r.source_id] for r in in_year)
        sentences.append(_year_sentence(year, in_year, purpose, cited, today, shares, kameral(kb)))
    table = _budget_table(rows, markers, shares, kameral(kb))
    if _asks_posts(reading, question):  # the posts are in the rows' notes ("1,0 Stelle E 12 … besetzt seit …")
        sentences += _post_notes(rows, register)
    mixed = [r for r in _mixed_rows(rows, kb) if r.source_id not in shares]
    sentences += _post_notes(mixed, register)
    warnings = [
        f"Haushaltsstelle {r.get('budget_line')} ({r.get('year')}) ist nur teilweise für KI bestimmt (siehe Vermerk) – "
        "Summe prüfen"
        for r in mixed
    ]
    return DataAnswer("answered", sentences, table, warnings=warnings)


def _budget_table(rows: list[Row], markers: dict[str, str], shares: dict[str, int], cameral: bool = False) -> Table:
    """The rows as a table; where a shared row counts with its AI part, a column "davon KI" gives what each
    row counts with, so that the column adds up to the sums the sentences give."""
    state = {"adopted": "beschlossen", "draft": "Entwurf", "proposed": "angemeldet"}
    counted = (PART,) if shares else ()
    columns = ("Jahr", "Haushaltsstelle", "Zweck", "Ansatz", *counted, "Ist", "Stand", "Haushalt", "Quelle")
    part = dict(w.CAMERAL_PART) if cameral else {"consumptive": "Ergebnishaushalt", "investive": "Investitionen"}
    table_rows = tuple(
        (
            r.get("year"),
            r.get("budget_line"),
            defuse(r.get("title"))[0],
            w.euro(r.get("planned_eur")),
            *((w.euro(str(shares.get(r.source_id, r.get("planned_eur")))),) if shares else ()),
            w.euro(r.get("actual_eur")) if r.get("actual_eur") else "",
            state.get(r.get("status"), r.get("status")),
            part.get(r.get("kind"), ""),
            markers[r.source_id],
        )
        for r in rows
    )
    return Table(columns, table_rows)


def ai_shares(rows: list[Row], kb: KnowledgeBase) -> dict[str, int]:
    """Of shared rows, the AI part their notes give the applications ("Lizenzen Finanzverfahren": "darin
    Belegwerk 8.400 €; übrige Mittel ohne KI-Bezug"), summed where a note gives two applications parts. A row
    titled as AI money ("KI-Lizenzen und Cloud-Dienste": "FalkText 48.000 €, DeepL Pro 9.600 €, sonstige 4.400 €")
    is AI money as a whole, however its note breaks it down."""
    shares: dict[str, int] = {}
    for r in rows:
        if finance.ai_money(r.record, set()):
            continue
        if _without_its_application(r, kb):  # "einschließlich Pilot DokuSort": 2028 "ohne DokuSort"
            shares[r.source_id] = 0
            continue
        parts = [s for a in kb.inventory if (s := share_of(a, r.record, kb)) is not None]
        if not parts and (whole := _AI_PART.search(r.get("note") or "")):  # "darin KI 31.000 € (wie 2027)"
            parts = [int(whole.group(1).replace(".", ""))]
        if parts and sum(parts) < int(r.get("planned_eur") or 0):
            shares[r.source_id] = sum(parts)
    return shares


# A shared row's note that gives its AI part as a whole, naming no application: "darin KI 31.000 € (wie 2027)"
_AI_PART = re.compile(
    r"\b(?:darin|davon)\s+(?:für\s+)?KI(?:-Anteil)?:?\s+(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:€|Euro\b|EUR\b)"
)


def _without_its_application(row: Row, kb: KnowledgeBase) -> bool:
    """Whether a shared row's note says that in its year it holds none of an application its title names
    ("Jobcenter – Fachverfahren … (einschließlich Pilot DokuSort SGB II)": "ohne DokuSort (Fortführung nicht
    veranschlagt)")."""
    title = row.get("title") or ""
    return any(called_in(a, title, kb) and left_out(a, row.record, kb) for a in kb.inventory)


# "Welcher Anteil der Umlage … entfällt auf KI?", "Wie viel davon ist für KI bestimmt?"
_AI_SHARE_ASKED = re.compile(r"\b(?:Anteil\w*|anteilig|davon)\b[^?]{0,200}?\b(?:auf|für)\s+(?:die\s+)?KI\b")
_ROW_WORDS = 2  # words of a row's title a question must name to name the row


def _row_share(kb: KnowledgeBase, register: Register, question: str) -> DataAnswer | None:
    """The AI part of the one shared budget line a question names by its title's words ("Umlage an das
    ITZ-AE"), per year, quoted from the rows' notes; None where the question names no such line."""
    from assistant.kb.keyword import analyze

    asked = {t for t in analyze(question) if len(t) >= 3} - set(analyze("Anteil KI entfällt Haushalt"))
    every = budget_lines(kb)
    named: dict[str, int] = {}  # budget line -> how many of the question's words its title has
    for row in every:
        line = row.get("budget_line") or ""
        named[line] = max(named.get(line, 0), len(asked & set(analyze(row.get("title") or ""))))
    most = max(named.values(), default=0)
    best = [line for line, count in named.items() if count == most]
    if most < _ROW_WORDS or len(best) != 1:
        return None
    rows = sorted((r for r in every if r.get("budget_line") == best[0]), key=lambda r: r.get("year") or "")
    shares = ai_shares(rows, kb)
    if not shares:
        return None
    sentences = []
    for r in (r for r in rows if r.source_id in shares):
        draft = " (Entwurf)" if r.get("status") in ("draft", "proposed") else ""
        lead = (
            f"Zum Ansatz {r.get('year')}{draft} von {w.euro(r.get('planned_eur'))} auf der Haushaltsstelle "
            f"{r.get('budget_line')} („{r.get('title')}“)"
        )
        sentences.append(finance_sentences.noted(r.record, (r.get("note") or "").strip(), register, lead))
    return DataAnswer("answered", sentences)


def _mixed_rows(rows: list[Row], kb: KnowledgeBase) -> list[Row]:
    """Rows whose title is about something else and whose note sets an amount aside for an application
    ("Mobilitätskonzept … – Gutachten und Online-Beteiligung": "Gutachten Planungsbüro 47.540 € und
    Beteiligungslotse Mobilität (…, einmalig 9.800 €)"): only that part is AI money, which the note says."""
    names = [short_name(own_name(a.get("name"))) for a in kb.inventory]
    names = [n for n in names if len(n) >= 4]
    found = []
    for r in rows:
        note, title = r.get("note") or "", r.get("title") or ""
        named = [n for n in names if says(n, note) and not says(n, title)]
        if named and finance_sentences.NOTE_AMOUNT.search(note) and not lx.AI_NAMED.search(title):
            found.append(r)
    return found


def _post_notes(rows: list[Row], register: Register) -> list[str]:
    """Each distinct note of the rows, once, for the years it stands in ("Zu den Ansätzen 2029 und 2030 …")."""
    notes: dict[str, list[Row]] = {}
    for r in rows:
        if note := (r.get("note") or "").strip():
            notes.setdefault(note, []).append(r)
    said = []
    for note, same in notes.items():
        which = "m Ansatz" if len(same) == 1 else " den Ansätzen"
        years = w.enumerate_de([x.get("year") for x in same])
        lead = f"Zu{which} {years} auf der Haushaltsstelle {same[0].get('budget_line')}"
        said.append(finance_sentences.noted(same[0].record, note, register, lead))
    return said


def _about_the_budget(reading: Reading, kb: KnowledgeBase) -> bool:
    """Whether the question's own subject words occur in the budget data (titles, notes, categories)."""
    from assistant.kb.keyword import analyze

    money = set(analyze("Haushaltsmittel Haushalt Haushaltsjahr Betrag Summe Ausgaben Ansatz Entwurf Mittel Kosten"))
    topic = [t for t in reading.topic if t not in money]
    if not topic or about_ai_as_such(reading.query):
        return True  # money for AI as such: the AI budget is what it asks for

    words = set(analyze(" ".join(budget_chunk(r).text for r in kb.budget)))
    words |= set(analyze(" ".join(w.CATEGORY_PHRASE.values()) + " Investitionen Schulungen Personal"))
    return any(t in words for t in topic)


def _costs_of_applications(reading: Reading, kb: KnowledgeBase, question: str) -> bool:
    """ "Welche Kosten sind durch den Einsatz von KI entstanden?" asks what the applications cost,
    not what the budget plans (no year, category or budget word)."""
    has_costs = any(r.get("cost_one_time_eur") or r.get("cost_annual_eur") for r in kb.inventory)
    asks_budget = names_budget(question) or reading.years or reading.categories or reading.budget_kind
    return has_costs and asks_costs(question) and not asks_budget


def _inventory_costs(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str = ""
) -> DataAnswer:
    """The applications' recorded costs (of the statuses and departments asked: "welche Kosten sind für
    diese eingestellten Vorhaben angefallen?"): a sentence each for a few, else a table and the sums."""
    asked = applications(kb, status=reading.statuses or None, department=reading.departments or None)
    rows = [r.record for r in asked if r.get("cost_one_time_eur") or r.get("cost_annual_eur")]
    if len(rows) <= _PER_APPLICATION:  # "Aus welchen Gründen, und welche Kosten …" of ended ones: why, too
        why = asks_why(question) and any(r.get("status") == "discontinued" for r in rows)
        facts = application_facts(rows, ["cost", "discontinued_reason"] if why else ["cost"], kb, register, today)
        spent = spent_on(rows, kb, register, today) if INCURRED.search(question) else []
        return DataAnswer("answered", facts.sentences + spent, warnings=facts.warnings, supplement=True)
    once = sum((Decimal(r.get("cost_one_time_eur") or 0) for r in rows), Decimal(0))
    annual = sum((Decimal(r.get("cost_annual_eur") or 0) for r in rows), Decimal(0))
    chunks = [inventory_chunk(r, kb) for r in rows]
    markers = [register.cite_chunk(c, c.text.split("\n")[0]) for c in chunks]
    text = with_markers(
        f"Im KI-Verzeichnis sind für {len(rows)} Anwendungen einmalige Kosten von insgesamt {w.euro(str(once))} "
        f"und laufende Kosten von insgesamt {w.euro(str(annual))} pro Jahr erfasst; die Übersicht nennt sie einzeln",
        "".join(markers),
    )
    table_rows = tuple(
        (
            r.get("name"),
            STATUS.get(r.get("status"), r.get("status")),
            w.euro(r.get("cost_one_time_eur")) if r.get("cost_one_time_eur") else "",
            w.euro(r.get("cost_annual_eur")) if r.get("cost_annual_eur") else "",
            marker,
        )
        for r, marker in zip(rows, markers, strict=True)
    )
    columns = ("Anwendung", "Status", "Einmalige Kosten", "Laufende Kosten pro Jahr", "Quelle")
    return DataAnswer("answered", [text], Table(columns, table_rows), supplement=True)


def _quote(record: Record) -> str:
    lines = budget_chunk(record).text.split("\n")
    return next(line for line in lines if line.startswith("Ansatz"))


# --- dispatch -----------------------------------------------------------------------------------


# "am längsten im Einsatz", "zuletzt in den Regelbetrieb übernommen": a ranking of starts in operation
_IN_OPERATION = re.compile(
    r"\b(?:Anwendung|System|Verfahren)\w*\b.*\b(?:Einsatz|Betrieb|Regelbetrieb|eingeführt|eingesetzt|übernommen|"
    r"gestartet|genutzt)\b",
    re.IGNORECASE | re.DOTALL,
)


_REGULAR = re.compile(r"\bim\s+Regelbetrieb\b", re.IGNORECASE)
# "Werden diese Anwendungen im Regelbetrieb eingesetzt?": a yes-no question on the register's applications
_USE = re.compile(
    r"\b(?:eingesetzt|einsetz\w*|genutzt|nutz\w*|verwendet|betrieben|im\s+einsatz|erprobt|geplant)\b", re.I
)


# A question about a paper, not about the applications: what an agreement's annexes cover ("Für welche Anwendungen
# bestehen Anlagen zu dieser Dienstvereinbarung?"), whether the register itself is public or holds a column ("Ist
# das KI-Verzeichnis inzwischen öffentlich …, und enthält es auch die Kosten?") – the documents answer it.
_ABOUT_PAPER = re.compile(
    r"\bAnlagen?\s+(?:zu|zur|zum|der|des)\s+(?:dieser\s+|diesem\s+|der\s+|dem\s+|einer\s+)?[\wäöüß-]*"
    r"(?:vereinbarung|richtlinie|anweisung|vertrag)"
    r"|\b(?:Ist|Wird|Enthält|Sind|Werden)\s+(?:das|die|der)\s+(?:KI-|öffentliche\w*\s+)?(?:Verzeichnis|Register)\b",
    re.IGNORECASE,
)


def _asks_use(reading: Reading, question: str) -> bool:
    """Whether a yes-no question about all applications asks about them (their use, a column, a status) –
    not about a paper of theirs ("Liegt die dafür erforderliche Grundrechte-Folgenabschätzung bereits vor?")."""
    low = question.lower()
    named = lx.AI_NAMED.search(question) or lx.APPLICATION_PLURAL.search(low)
    return bool(reading.columns or reading.statuses or named or _USE.search(question))


MAX_QUESTION = 1000  # characters of a question read for a ranking (its ".*" stays linear in the input)


def _first_and_last(
    reading: Reading, kb: KnowledgeBase, register: Register, today: date, question: str
) -> DataAnswer | None:
    """Which of the applications asked about came first or last into operation (``ranked.py``)."""
    if reading.statuses == ("discontinued",) or reading.statuses == ("planned",):
        return None  # "zuletzt eingestellt": when it ended, not when it started
    statuses = reading.statuses or IN_USE
    if _REGULAR.search(question) and "production" in statuses:  # "die im Regelbetrieb befindlichen …"
        statuses = ("production",)
    rows, warnings, statuses = _selected(replace(reading, statuses=statuses), kb, today)
    scope = _STATUS_PHRASE.get(statuses) or _status_phrase(statuses)
    sentences, notes = first_and_last(rows, scope, question, kb, register)
    return DataAnswer("answered", sentences, warnings=[*warnings, *notes]) if sentences else None


# "Welche Stellen sind für KI-Aufgaben vorhanden oder geplant?": posts, which the budget's personnel rows hold.
_POSTS = re.compile(
    r"\b(?:Stellen|Planstellen|Personalstellen|Projektstellen|Funktionsstellen|Vollzeitstellen)\b[^?]{0,100}?"
    r"\b(?:vorhanden|geplant|geschaffen|besetzt|eingerichtet|vorgesehen|veranschlagt)"
)


def _asks_posts(reading: Reading, question: str) -> bool:
    return reading.categories == ("personnel",) and bool(_POSTS.search(question[:MAX_QUESTION]))


def answer_from_data(
    reading: Reading, kb: KnowledgeBase, today: date, register: Register, question: str = ""
) -> DataAnswer | None:
    """What the data answers of a question, or None when it is a question for the documents."""
    subject = reading.subject
    if reading.intent == Intent.JUDGEMENT:
        return None
    if subject.applications and not subject.everything:
        return _about_applications(reading, kb, register, today, question)
    ranks = asks_first_or_last(question) and _IN_OPERATION.search(question[:MAX_QUESTION])
    if ranks and (ranked := _first_and_last(reading, kb, register, today, question)) is not None:
        return ranked
    if _ABOUT_PAPER.search(question[:MAX_QUESTION]):
        return None
    over_inventory = (
        subject.everything
        and not reading.funding
        and (
            reading.intent == Intent.LISTING
            or (reading.intent == Intent.YES_NO and _asks_use(reading, question))
            or (reading.intent == Intent.COUNT and counts_applications(question))
            # "Welche Risikoklasse …", "Wie stuft das Bezirksamt seine KI-Anwendungen nach der KI-VO ein?"
            or (reading.intent in (Intent.ATTRIBUTE, Intent.DESCRIPTION) and reading.columns)
        )
    )
    if over_inventory:
        return _inventory(reading, kb, register, today, question)
    if _AI_SHARE_ASKED.search(question[:MAX_QUESTION]) and (shared := _row_share(kb, register, question)):
        return shared  # "Welcher Anteil der Umlage an das ITZ-AE entfällt auf KI?": that row's AI part per year
    if (
        (reading.asks(Intent.AMOUNT) or _asks_posts(reading, question))
        and not reading.funding
        and not subject.applications
    ):
        if _costs_of_applications(reading, kb, question):
            return _inventory_costs(reading, kb, register, today, question)
        return _budget(reading, kb, register, today, question)
    return None


__all__ = ["LABEL", "DataAnswer", "answer_from_data", "counts_nothing", "quotes_evaluation"]
