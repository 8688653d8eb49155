"""Normalised matching of expected facts in drafted text.

Case-insensitive; whitespace collapsed; dashes unified; thousands separators,
``€``/``EUR``/``Euro`` and "Mio." normalised (``112.000 €`` = ``112000 EUR``,
``1,5 Mio. Euro`` = ``1500000 euro``); dates in any common German form become
ISO (``01.07.2025`` = ``1. Juli 2025`` = ``2025-07-01``; ``März 2025`` =
``2025-03``); ``%`` = ``Prozent``.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januar", "jan"),
            ("februar", "feb"),
            ("märz", "mär", "maerz"),
            ("april", "apr"),
            ("mai",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def _million(match: re.Match[str]) -> str:
    value = float(match[1].replace(".", "").replace(",", "."))
    return f"{round(value * 1_000_000)} "


def normalize(text: str) -> str:
    text = text.translate(_DASHES).lower()
    text = re.sub(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b", lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", text)
    text = re.sub(
        rf"\b(\d{{1,2}})\.\s?({_MONTH})\.?\s+(\d{{4}})\b",
        lambda m: f"{m[3]}-{MONTHS[m[2]]:02d}-{int(m[1]):02d}",
        text,
    )
    text = re.sub(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", lambda m: f"{m[2]}-{MONTHS[m[1]]:02d}", text)
    text = re.sub(r"\b(\d+(?:[.,]\d+)?)\s?(?:mio\.?|millionen)\s?", _million, text)
    text = re.sub(r"\b(\d{1,3}(?:\.\d{3})+)(?!\.?\d)", lambda m: m[1].replace(".", ""), text)
    text = re.sub(r"\s?(?:€|eur\b|euro\b)", " euro", text)
    text = re.sub(r"\s?%", " prozent", text)
    return " ".join(text.split())


def _pattern(alternative: str) -> re.Pattern[str]:
    """Substring match, except that a number must not be part of a longer number (12000 is not in 112000)."""
    needle = normalize(alternative)
    before = r"(?<![\d.,])" if needle[:1].isdigit() else ""
    after = r"(?![\d]|[.,]\d)" if needle[-1:].isdigit() else ""
    return re.compile(before + re.escape(needle) + after)


def contains(text: str, alternatives: tuple[str, ...]) -> bool:
    """Does the normalised text contain one of the alternatives?"""
    haystack = normalize(text)
    return any(_pattern(alternative).search(haystack) for alternative in alternatives if alternative.strip())


def cites(source_id: str, expected: str) -> bool:
    """``documents/x.md#3`` cites ``documents/x.md``; ``inventory:KI-001`` cites ``inventory``."""
    return source_id == expected or source_id.startswith((f"{expected}#", f"{expected}:"))
