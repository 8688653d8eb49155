"""Flag figures that contradict an earlier reply to a similar question.

Councils compare this year's answer with last year's. When ``answers/``
holds an earlier reply to a similar question, every figure of the draft is
compared with the earlier reply's figures of the same kind (Euro amounts,
posts, percentages, counts of applications or staff). A different value is
not necessarily wrong – budgets change – so it is flagged for the reviewer,
never corrected. Figures for different years are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.domain import Passage
from assistant.text import numbers

SIMILAR = 0.62  # dense similarity above which an earlier question counts as the same question

_FIGURE = re.compile(
    r"(?P<value>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(?P<unit>Mio\.\s*Euro|Euro|EUR|€|Prozent|%|Stellen|"
    r"Beschäftigte|Mitarbeitende|KI-Anwendungen|Anwendungen|Schulungen|Lizenzen)",
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_UNIT = {"€": "Euro", "EUR": "Euro", "%": "Prozent", "Mitarbeitende": "Beschäftigte", "KI-Anwendungen": "Anwendungen"}


@dataclass(frozen=True)
class Figure:
    unit: str
    value: str  # normalised
    shown: str  # as written


def figures(text: str) -> set[Figure]:
    found = set()
    for match in _FIGURE.finditer(text):
        unit = " ".join(match["unit"].split())
        unit = _UNIT.get(unit, unit)
        value = min(numbers(match["value"]), key=len, default=match["value"])
        if match["value"].count(".") and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", match["value"]):
            value = match["value"].replace(".", "")
        found.add(Figure(unit, value, match.group(0)))
    return found


def contradictions(draft: str, earlier: Sequence[Passage], min_score: float = SIMILAR) -> list[str]:
    """Warnings for figures in ``draft`` that differ from those of similar earlier replies."""
    warnings = []
    ours = figures(draft)
    our_years = set(_YEAR.findall(draft))
    for passage in earlier:
        if passage.score < min_score:
            continue
        text = passage.chunk.text
        their_years = set(_YEAR.findall(text.split("Antwort:", 1)[-1]))
        if our_years and their_years and not (our_years & their_years):
            continue  # different budget years: a different figure is expected
        theirs = figures(text)
        for unit in sorted({f.unit for f in ours} & {f.unit for f in theirs}):
            mine = {f.value for f in ours if f.unit == unit}
            old = {f.value for f in theirs if f.unit == unit}
            if mine and old and not (mine & old):
                warnings.append(
                    f"Abweichung zu einer früheren Antwort ({passage.chunk.title}, {passage.chunk.source_id}): "
                    f"dort {_join(f.shown for f in theirs if f.unit == unit)}, "
                    f"im Entwurf {_join(f.shown for f in ours if f.unit == unit)} – bitte prüfen"
                )
    return warnings


def _join(items: Iterable[str]) -> str:
    return ", ".join(sorted(set(items)))
