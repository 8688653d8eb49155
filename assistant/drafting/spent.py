"""What an application has cost so far, from the budget's Ist values and its rows' notes.

"Welche Kosten sind insgesamt entstanden?" asks what was spent, not what the register records as planned
("einmalige Kosten von 2.500 Euro und laufende Kosten von 5.400 Euro pro Jahr"): the Ist of the application's
own budget rows, summed over the years (computed in code, each row cited), and what their notes say was spent.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from assistant.drafting import finance_sentences
from assistant.drafting import wording as w
from assistant.drafting.citing import Register, line_of, with_markers
from assistant.drafting.owned import own_rows
from assistant.kb.chunk import budget_chunk
from assistant.kb.model import KnowledgeBase, Record

# What a question on costs "angefallen"/"entstanden"/"ausgegeben" asks: what was spent, not what was recorded.
INCURRED = re.compile(r"\b(?:angefallen|entstanden|ausgegeben|verausgabt|gekostet)\b", re.IGNORECASE)
# The clause of a budget row's note that says what was spent: "verausgabt 6.800 €", "nichts verausgabt".
_SPENT = re.compile(r"\b(?:verausgabt|ausgegeben|abgerechnet|angefallen)\b", re.IGNORECASE)
# A row whose Ist is not final yet: "Ist vorläufig, Stand 31.01.2027"
_PROVISIONAL = re.compile(r"\bIst\b[^.;]{0,20}\bvorläufig", re.IGNORECASE)


def spent(applications: list[Record], kb: KnowledgeBase, register: Register, today: date) -> list[str]:
    """For each application, its Ist summed over the years (``incurred``) and the clauses of its budget rows'
    notes that say what was spent ("Pilot am 30.04.2026 beendet, verausgabt 6.800 €"; "Vorhaben … aufgegeben,
    nichts verausgabt")."""
    said = []
    for application in applications:
        rows = own_rows(application, kb)
        if total := incurred(application, rows, register, today):
            said.append(total)
        for row in rows:
            for part in re.split(r";\s+", row.get("note") or ""):
                if _SPENT.search(part):
                    lead = finance_sentences.on_row(row)
                    said.append(finance_sentences.noted(row, part.strip().rstrip("."), register, lead))
    return said


def incurred(application: Record, rows: list[Record], register: Register, today: date) -> str:
    """ "Für die Anwendung „X“ sind nach den Ist-Werten des Haushalts insgesamt 5.200 Euro angefallen (2025:
    3.400 Euro, 2026: 1.800 Euro; berechnet)" – over the years up to today's whose rows give an Ist; empty where
    none does."""
    done = [
        r
        for r in rows
        if r.get("actual_eur") and (r.get("year") or "").isdigit() and int(r.get("year")) <= today.year
        if r.get("status") not in ("draft", "proposed")
    ]
    if not done:
        return ""
    done.sort(key=lambda r: r.get("year"))
    total = sum((Decimal(r.get("actual_eur")) for r in done), Decimal(0))
    markers = "".join(register.cite_chunk(c, line_of(c, "Ist")) for c in (budget_chunk(r) for r in done))
    provisional = [r.get("year") for r in done if _PROVISIONAL.search(f"{r.get('source')} {r.get('note')}")]
    later = f"; Ist {w.enumerate_de(provisional)} vorläufig" if provisional else ""
    name = w.for_named(w.later_name(application.get("name")))
    if len(done) == 1:
        year = done[0].get("year")
        text = f"{w.cap(name)} sind im Haushaltsjahr {year} nach dem Ist {w.euro(str(total))} angefallen"
        return with_markers(text + (f" (Ist {year} vorläufig)" if provisional else ""), markers)
    years = ", ".join(f"{r.get('year')}: {w.euro(r.get('actual_eur'))}" for r in done)
    text = f"{w.cap(name)} sind nach den Ist-Werten des Haushalts insgesamt {w.euro(str(total))} angefallen"
    return with_markers(f"{text} ({years}; berechnet{later})", markers)
