"""Answer listing and money questions from the data itself, without a language model.

"Welche KI-Anwendungen werden eingesetzt?" and "Welche Mittel sind im Haushalt
2026/2027 vorgesehen?" are answered by a table built from inventory.csv or
budget.csv (``kb/query.py``) and a sentence whose figures are computed in code.
Every row cites its source line. The rules that recognise such questions are
deliberately narrow; anything they do not recognise goes to the text pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.domain import Answer, Citation, Question, Table
from assistant.injection import defuse
from assistant.kb.chunk import STATUS, budget_chunk, euro, german_date, inventory_chunk
from assistant.kb.model import KnowledgeBase
from assistant.kb.query import Row, applications, budget_lines

# "Welche [up to four words] ...Anwendungen/Systeme/...": the applications are what is asked for.
_WHICH_APPS = re.compile(
    r"\b(?:welche\w*|Aufstellung|Auflistung|Übersicht)\s+(?:[\w()‑-]+\s+){0,3}?[\w‑-]*"
    r"(Anwendung|Software|Werkzeug|Tool|System|Lösung|Chatbot|Vorhaben)",
    re.IGNORECASE,
)
# "In welchen Fachbereichen ... werden KI-Systeme eingesetzt?": where the applications are used.
_WHERE_APPS = re.compile(
    r"\bin welchen (?:Fachbereichen|Bereichen|Organisationseinheiten|Dienststellen|Ämtern)\b[^?]*"
    r"(Anwendung|Software|Werkzeug|System|Lösung|Chatbot)",
    re.IGNORECASE,
)
_APP_VERB = re.compile(
    r"(eingesetzt|einsetzt|setzt\b[^?]*\bein\b|im einsatz|genutzt|nutzt|verwendet|pilotiert|vorbereitet|geprüft|"
    r"geplant|eingestellt|betrieb)",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\b(Mittel|Haushalt\w*|Kosten|Budget|Ausgaben|Geld)\b|finanziell")  # nouns: case matters
_HOW_MUCH = re.compile(r"\b(welche\w*|wie hoch|wie viel\w*|in welcher höhe|aus welchen)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(20[2-3]\d)\b")
_YEAR_PAIR = re.compile(r"\b(20[2-3]\d)\s*/\s*(20[2-3]\d|\d{2})\b")
IN_USE = ("production", "pilot", "test")


@dataclass(frozen=True)
class Intent:
    kind: str  # "applications" | "budget"
    statuses: tuple[str, ...] = ()
    years: tuple[str, ...] = ()


def recognise(question: Question, today: date) -> Intent | None:
    text = question.text
    if (_WHICH_APPS.search(text) or _WHERE_APPS.search(text)) and _APP_VERB.search(text):
        if re.search(r"eingestellt|abgeschaltet|beendet", text, re.IGNORECASE):
            return Intent("applications", ("discontinued",))
        if re.search(r"vorbereitet|geprüft|geplant|in planung", text, re.IGNORECASE):
            extra = ("pilot", "test") if re.search(r"pilot", text, re.IGNORECASE) else ()
            return Intent("applications", ("planned", *extra))
        return Intent("applications", IN_USE)
    if _MONEY.search(text) and _HOW_MUCH.search(text):
        return Intent("budget", years=_years(text, today))
    return None


def _years(text: str, today: date) -> tuple[str, ...]:
    years: set[str] = set()
    for first, second in _YEAR_PAIR.findall(text):
        years |= {first, second if len(second) == 4 else first[:2] + second}
    years |= set(_YEAR.findall(text))
    if re.search(r"aktuellen", text, re.IGNORECASE):
        years.add(str(today.year))
    if re.search(r"nächsten", text, re.IGNORECASE):
        years.add(str(today.year + 1))
    if not years and re.search(r"bisher", text, re.IGNORECASE):
        return tuple(str(y) for y in range(today.year - 5, today.year + 1))
    return tuple(sorted(years))


def _citation(number: int, row: Row, kb: KnowledgeBase) -> Citation:
    if row.source_id.startswith("inventory:"):
        chunk = inventory_chunk(row.record, kb)
        quote = chunk.text.split("\n")[0]
    else:
        chunk = budget_chunk(row.record)
        quote = next(line for line in chunk.text.split("\n") if line.startswith("Ansatz"))
    return Citation(f"[{number}]", row.source_id, chunk.title, quote)


_STATUS_PHRASE = {
    IN_USE: "im Einsatz (Regel-, Pilot- oder Testbetrieb)",
    ("discontinued",): "als eingestellt",
}


def _cell(row: Row, column: str, warnings: list[str]) -> str:
    """A cell's text without sentences that address an AI system (flagged for the KB editors)."""
    text, cut = defuse(row.get(column))
    if cut:
        warnings.append(
            f"{row.source_id}, Spalte {column}: enthält eine Anweisung an ein KI-System; "
            "sie wurde nicht übernommen – bitte Wissensbasis prüfen"
        )
    return text


def _ended(row: Row, today: date) -> bool:
    end = row.get("end_date")
    return bool(end) and end < today.isoformat()[: len(end)]


def _applications(question: Question, intent: Intent, kb: KnowledgeBase, today: date) -> Answer:
    rows = applications(kb, status=intent.statuses)
    warnings: list[str] = []
    if intent.statuses != ("discontinued",):  # "currently": an end date in the past contradicts the status
        stale = [r for r in rows if _ended(r, today)]
        rows = [r for r in rows if not _ended(r, today)]
        warnings.extend(
            f"{r.get('id')} ({r.get('name')}) ist als „{STATUS.get(r.get('status'), r.get('status'))}“ geführt, "
            f"das Ende lag am {german_date(r.get('end_date'))} – Status im KI-Verzeichnis prüfen; nicht aufgeführt"
            for r in stale
        )
    phrase = _STATUS_PHRASE.get(intent.statuses, "in Vorbereitung, Planung oder Erprobung")
    citations = tuple(_citation(n, row, kb) for n, row in enumerate(rows, start=1))
    if not rows:
        text = f"Im KI-Verzeichnis der Verwaltung ist derzeit keine Anwendung {phrase} erfasst."
        return Answer(
            question.id, "answered", text, warnings=("Aussage aus dem vollständigen KI-Verzeichnis", *warnings)
        )
    columns = ["Anwendung", "Anbieter", "Fachbereich", "Einsatzbereich", "Inbetriebnahme", "Status"]
    discontinued = intent.statuses == ("discontinued",)
    if discontinued:
        columns += ["Ende", "Grund"]
    table_rows = []
    for citation, row in zip(citations, rows, strict=True):
        cells = [
            _cell(row, "name", warnings),
            _cell(row, "vendor", warnings),
            kb.municipality.department_name(row.get("department")),
            _cell(row, "purpose", warnings),
            german_date(row.get("go_live")) if row.get("go_live") else "",
            STATUS.get(row.get("status"), row.get("status")),
        ]
        if discontinued:
            cells += [
                german_date(row.get("end_date")) if row.get("end_date") else "",
                _cell(row, "discontinued_reason", warnings),
            ]
        table_rows.append((*cells, citation.marker))
    count = "eine Anwendung" if len(rows) == 1 else f"{len(rows)} Anwendungen"
    markers = "".join(c.marker for c in citations)
    text = f"Im KI-Verzeichnis der Verwaltung sind {count} {phrase} erfasst; die Übersicht nennt sie einzeln {markers}."
    table = Table((*columns, "Quelle"), tuple(table_rows))
    return Answer(question.id, "answered", text, citations, warnings=tuple(warnings), table=table, model="")


def _budget(question: Question, intent: Intent, kb: KnowledgeBase) -> Answer | None:
    rows = budget_lines(kb, year=intent.years or None)
    finance = next((d for d in kb.municipality.departments if "finanz" in d.name.lower()), None)
    who = f"vom {finance.name} ({finance.id})" if finance else "von der Finanzverwaltung"
    if not kb.budget and not any(r.get("cost_one_time_eur") or r.get("cost_annual_eur") for r in kb.inventory):
        # The data decides: the knowledge base holds no money figures at all.
        text = f"Die Wissensbasis enthält keine Haushaltsdaten zu KI. Die Angaben müssen {who} ergänzt werden."
        return Answer(question.id, "no_information", text, model="")
    if not rows and intent.years:
        # The data decides: the budget has years, but not the ones asked for.
        known = sorted({r.get("year") for r in kb.budget})
        text = (
            f"Für {' und '.join(intent.years)} enthalten die Haushaltsdaten der Verwaltung keine Ansätze "
            f"(erfasst sind die Jahre {known[0]} bis {known[-1]}). Die Angaben müssen {who} ergänzt werden."
        )
        return Answer(question.id, "no_information", text, model="")
    if not rows:
        return None  # nothing in the data: let retrieval decide (it may say "no information")
    citations = tuple(_citation(n, row, kb) for n, row in enumerate(rows, start=1))
    parts = []
    for year in sorted({r.get("year") for r in rows}):
        in_year = [r for r in rows if r.get("year") == year]
        adopted = sum((Decimal(r.get("planned_eur")) for r in in_year if r.get("status") != "proposed"), Decimal(0))
        proposed = sum((Decimal(r.get("planned_eur")) for r in in_year if r.get("status") == "proposed"), Decimal(0))
        part = f"{year} insgesamt {euro(str(adopted))}"
        if proposed:
            part += f" (zusätzlich {euro(str(proposed))} angemeldet, aber noch nicht beschlossen)"
        parts.append(part)
    markers = "".join(c.marker for c in citations)
    text = (
        f"Für KI und Digitalisierung sind im Haushalt {'; '.join(parts)} veranschlagt; "
        f"die Übersicht nennt die Einzelansätze {markers}."
    )
    columns = ("Jahr", "Haushaltsstelle", "Zweck", "Ansatz", "Ist", "Stand", "Quelle")
    status = {"adopted": "beschlossen", "draft": "Entwurf", "proposed": "angemeldet"}
    table_rows = tuple(
        (
            row.get("year"),
            row.get("budget_line"),
            row.get("title"),
            euro(row.get("planned_eur")),
            euro(row.get("actual_eur")) if row.get("actual_eur") else "",
            status.get(row.get("status"), row.get("status")),
            citation.marker,
        )
        for citation, row in zip(citations, rows, strict=True)
    )
    return Answer(question.id, "answered", text, citations, table=Table(columns, table_rows), model="")


def answer_from_data(question: Question, kb: KnowledgeBase, today: date) -> Answer | None:
    """A table answer when the question asks for a listing or for money; otherwise None."""
    intent = recognise(question, today)
    if intent is None:
        return None
    if intent.kind == "applications":
        return _applications(question, intent, kb, today)
    return _budget(question, intent, kb)
