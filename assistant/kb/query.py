"""Structured queries over the AI inventory and the budget: rows and sums with their sources.

Listing and money questions ("Welche Anwendungen sind im Einsatz?", "Welche
Mittel sind 2026 vorgesehen?") are answered from these rows, never from text a
language model wrote; every row and every sum carries the source ids it was
computed from, so a table cell can be traced to a line of a CSV file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assistant.kb.model import KnowledgeBase, Record


@dataclass(frozen=True)
class Row:
    source_id: str
    record: Record

    def get(self, column: str) -> str:
        return self.record.get(column)


@dataclass(frozen=True)
class Sum:
    key: tuple[str, ...]
    planned_eur: Decimal
    actual_eur: Decimal | None  # None when no line of the group has an actual figure
    source_ids: tuple[str, ...]


def _matches(value: str, wanted: str | Iterable[str] | None) -> bool:
    if wanted is None:
        return True
    if isinstance(wanted, str):
        return value == wanted
    return value in set(wanted)


def applications(
    kb: KnowledgeBase,
    *,
    status: str | Iterable[str] | None = None,
    department: str | Iterable[str] | None = None,
    year: str | None = None,
) -> list[Row]:
    """Inventory rows, filtered; ``year`` matches the year of going live."""
    return [
        Row(f"inventory:{r.get('id')}", r)
        for r in kb.inventory
        if _matches(r.get("status"), status)
        and _matches(r.get("department"), department)
        and (year is None or r.get("go_live").startswith(year))
    ]


def budget_lines(
    kb: KnowledgeBase,
    *,
    year: str | Iterable[str] | None = None,
    category: str | Iterable[str] | None = None,
    kind: str | None = None,
    status: str | Iterable[str] | None = None,
) -> list[Row]:
    return [
        Row(f"budget:{r.get('year')}:{r.get('budget_line')}", r)
        for r in kb.budget
        if _matches(r.get("year"), year)
        and _matches(r.get("category"), category)
        and _matches(r.get("kind"), kind)
        and _matches(r.get("status"), status)
    ]


def budget_sums(rows: Iterable[Row], by: tuple[str, ...] = ("year",)) -> list[Sum]:
    """Planned and actual amounts summed per group (e.g. per year, or per year and category)."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(column) for column in by), []).append(row)
    sums = []
    for key in sorted(groups):
        members = groups[key]
        actuals = [Decimal(r.get("actual_eur")) for r in members if r.get("actual_eur")]
        sums.append(
            Sum(
                key=key,
                planned_eur=sum((Decimal(r.get("planned_eur")) for r in members), Decimal(0)),
                actual_eur=sum(actuals, Decimal(0)) if actuals else None,
                source_ids=tuple(r.source_id for r in members),
            )
        )
    return sums


# The words of a cameral budget ("Verwaltungshaushalt", "Vermögenshaushalt", KommHV-Kameralistik) and of a double-entry
# one ("Ergebnishaushalt", "Finanzhaushalt"): an office names its own budget's parts (Bayern, Thüringen: either).
_KAMERAL = re.compile(r"verwaltungshaushalt|vermögenshaushalt|kameral", re.IGNORECASE)
_DOPPISCH = re.compile(r"ergebnishaushalt|finanzhaushalt|ergebnisplan|doppi[sk]", re.IGNORECASE)
_KAMERAL_MIN = 3  # mentions of the cameral words, at least, and twice those of the double-entry ones
_BUDGETING: dict[int, tuple[KnowledgeBase, bool]] = {}


def kameral(kb: KnowledgeBase) -> bool:
    """Whether the office budgets cameralistically, as its budget data and documents speak of their budget: its
    parts are then the Verwaltungs- and the Vermögenshaushalt, not the Ergebnis- and the Investitionshaushalt.
    Read once per knowledge base; linear in its text."""
    kept = _BUDGETING.get(id(kb))
    if kept is None or kept[0] is not kb:
        texts = [" ".join(r.values.values()) for r in kb.budget]
        texts += [section.text for d in kb.documents for section in d.sections]
        cameral = sum(len(_KAMERAL.findall(t)) for t in texts)
        double = sum(len(_DOPPISCH.findall(t)) for t in texts)
        _BUDGETING.clear()  # one knowledge base at a time: an office drafts against its own
        kept = _BUDGETING[id(kb)] = (kb, cameral >= _KAMERAL_MIN and cameral > 2 * double)
    return kept[1]
