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
from assistant.settings import DEFAULTS
from assistant.text import numbers, stems

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
    about: frozenset[str] = frozenset()  # stems of the words before it: what the figure is about


def _value(raw: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return raw.replace(".", "")
    return min(numbers(raw), key=len, default=raw)


def figures(text: str) -> set[Figure]:
    """Figures with their unit and the stems of the words since the previous figure or sentence start."""
    found = set()
    start = 0
    for match in _FIGURE.finditer(text):
        unit = " ".join(match["unit"].split())
        before = re.split(r"[.;:!?\n|]\s", text[start : match.start()])[-1]
        found.add(Figure(_UNIT.get(unit, unit), _value(match["value"]), match.group(0), frozenset(stems(before))))
        start = match.end()
    return found


def _segments(draft: str) -> list[str]:
    """Sentences of the text and rows of a table (rows are separated by newlines)."""
    return [s for line in draft.split("\n") for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]


def contradictions(
    draft: str, earlier: Sequence[Passage], min_score: float = DEFAULTS.drafting.similar_reply
) -> list[str]:
    """Warnings for figures in ``draft`` that differ from those of similar earlier replies.

    Each figure of an earlier reply is matched to the draft's sentence or table row that
    speaks about the same thing (at least half of the words before the figure); a figure of
    the same kind there with a different value is a contradiction.
    """
    warnings = []
    segments = [(segment, figures(segment), stems(segment)) for segment in _segments(draft)]
    draft_years = set(_YEAR.findall(draft))
    for passage in earlier:
        if passage.score < min_score:
            continue
        reply = passage.chunk.text.split("Antwort:", 1)[-1]
        their_years = set(_YEAR.findall(reply))
        if draft_years and their_years and not (draft_years & their_years):
            continue  # different budget years: a different figure is expected
        for old in sorted(figures(reply), key=lambda f: f.shown):
            if not old.about:
                continue
            best = max(segments, key=lambda seg: len(old.about & seg[2]), default=None)
            if best is None or len(old.about & best[2]) < 0.5 * len(old.about):
                continue
            mine = {f for f in best[1] if f.unit == old.unit}
            if mine and old.value not in {f.value for f in mine}:
                warnings.append(
                    f"Abweichung zu einer früheren Antwort ({passage.chunk.title}, {passage.chunk.source_id}): "
                    f"dort {old.shown}, im Entwurf {_join(f.shown for f in mine)} – bitte prüfen"
                )
    return warnings


def _join(items: Iterable[str]) -> str:
    return ", ".join(sorted(set(items)))
