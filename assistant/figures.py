"""Figures a draft may show although no source holds them, because code computed them from what
the sources and the question hold: a table's row count and the sums of its numeric columns, and –
for a motion's demand – the years of a span the demand names ("bis 2029", "ab 2027") and the difference
between an amount the demand names and a figure cited or summed ("zusätzlich 70.000 Euro"), and their sum
(a line raised by the amount: "um 25.000 Euro auf 44.000 Euro"); and a total the text states with its terms
and "berechnet" ("insgesamt 5.200 Euro angefallen (2025: 3.400 Euro, 2026: 1.800 Euro; berechnet)"), where the
terms are known and add up to it.

Shared by the evaluation's ``unsupported_numbers`` and the review's check after an edit, so both
accept the same computed figures and nothing else.
"""

from __future__ import annotations

import re

from assistant.domain import Table
from assistant.text import numbers

_YEAR = re.compile(r"\b(20\d\d)\b")
MAX_SPAN = 30
# A span a demand opens ("jährlich ab 2027"): its year and those a financial plan may reach after it.
_OPEN_SPAN = re.compile(r"\b(?:ab|seit|beginnend\s+mit)\s+(?:dem\s+(?:Haushalts)?jahr\s+)?(20\d\d)\b", re.IGNORECASE)
PLAN_YEARS = 5


def _amount(cell: str) -> int | None:
    found = numbers(cell)
    return int(next(iter(found))) if len(found) == 1 and next(iter(found)).isdigit() else None


PART = "davon KI"  # a budget table's column of what each row counts with (a shared row: its AI part)


def table_figures(table: Table | None) -> set[str]:
    """The row count and the sums of a numeric column, over all rows and over the rows sharing the
    first column (a year) and one other cell (a state, a purpose); in a budget table with a ``PART``
    column, also over a year's rows counted whole (their Ist is the AI money's)."""
    if table is None:
        return set()
    rows = table.rows
    derived = {str(len(rows))}
    width = len(table.columns)
    columns = list(table.columns)
    whole = (columns.index("Ansatz"), columns.index(PART)) if {"Ansatz", PART} <= set(columns) else None
    for column in range(width):
        amounts = [(row, _amount(row[column])) for row in rows if column < len(row)]
        if sum(a is not None for _, a in amounts) < 2:
            continue
        groups: dict[tuple[str, ...], int] = {}
        for row, amount in amounts:
            if amount is None:
                continue
            keys = [(), (row[0],)] + [(row[0], row[k]) for k in range(1, width) if k != column and k < len(row)]
            if whole is not None:  # counted whole or in part (a shared row's AI part): the rows counted whole
                keys.append(("whole", row[0], str(row[whole[0]] == row[whole[1]])))
            for key in keys:
                groups[key] = groups.get(key, 0) + amount
        derived |= {str(total) for total in groups.values()}
    return derived


def demand_figures(question: str, known: set[str]) -> set[str]:
    """The years between two years the question names, those of the plan after a year it opens a span with
    ("ab 2027"), and the differences and sums of an amount the question names (at least 100) and a known
    figure (cited or summed)."""
    years = sorted({int(y) for y in _YEAR.findall(question)})
    derived = {str(y) for y in range(years[0], years[-1] + 1)} if years and years[-1] - years[0] <= MAX_SPAN else set()
    for start in _OPEN_SPAN.findall(question):  # "ab 2027": the years of the financial plan that follow
        derived |= {str(y) for y in range(int(start), int(start) + PLAN_YEARS)}
    named = [int(n) for n in numbers(question) if n.isdigit() and int(n) >= 100 and not _YEAR.fullmatch(n)]
    figures = [int(n) for n in known if n.isdigit()] + [0]
    derived |= {str(abs(a - f)) for a in named for f in figures}
    derived |= {str(a + f) for a in named for f in figures if f}  # a line raised by it ("um 25.000 € auf 44.000 €")
    return derived


# A total said with its computation: "5.200 Euro angefallen (2025: 3.400 Euro, 2026: 1.800 Euro; berechnet …)"
_STATED_SUM = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:Euro|€)[^()]{0,80}?\(([^()]{1,400}?)\bberechnet\b")
_TERM = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:Euro|€)")


def stated_sums(text: str, known: set[str]) -> set[str]:
    """The totals ``text`` states with their terms and "berechnet" whose terms are all ``known`` (cited) and add
    up to the total: computed in code from the cited rows, not invented."""
    found = set()
    for match in _STATED_SUM.finditer(text):
        terms = [term.replace(".", "") for term in _TERM.findall(match.group(2))]
        total = match.group(1).replace(".", "")
        if len(terms) >= 2 and all(t in known for t in terms) and sum(int(t) for t in terms) == int(total):
            found.add(total)
    return found
