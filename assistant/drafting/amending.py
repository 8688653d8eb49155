"""An Änderungsantrag's items demand a wording, not their own text.

"1. Nummer 1 Buchstabe a, bisher „a) … zum 01.04.2027 …“ erhält folgende Fassung: „a) … zum 01.07.2027 …“" asks
the council to decide the new wording: its Sachstand, amounts and deadlines are those of the new wording, not of
the old one it quotes (whose 01.04.2027 and 80 Geräuschlogger the amendment rejects). "3. Nummer 2 wird
gestrichen." strikes a demand of the original motion: its Sachstand is that demand's subject (what stands of
Rathaus-KI Posteingang), taken from the item's own quote of it or from the original motion quoted with the
amendment (an e-mail's "> 2. Die Vertreter des Marktes …"); it names no money of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain import Inquiry

# An item that changes a numbered part of another motion: "Nummer 1 Buchstabe a …", "Nach Nummer 6 wird …".
_ITEM = re.compile(r"^(?:Nach\s+|In\s+)?(?:Nummer|Nr\.|Ziffer|Ziff\.)\s*(\d+)(?:\s+(?:Buchstabe|Buchst\.)\s*([a-z]))?")
# What it does: a new wording, an added or inserted part, a replacement – or striking the part.
_NEW = re.compile(
    r"(?:erhält\s+folgende\s+Fassung|wird\s+(?:wie\s+folgt\s+)?(?:neu\s+gefasst|geändert)|"
    r"angefügt|eingefügt|ersetzt|ergänzt)\s*:?\s*[„\"]",
    re.IGNORECASE,
)
_STRUCK = re.compile(r"\b(?:wird|werden)\s+gestrichen\b", re.IGNORECASE)
_FORMER = re.compile(r"\bbisher\s*[„\"]([^“\"]+)[“\"]")
_LABEL = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-z]\))\s+")
_RESOLUTION = re.compile(r"möge\s+(?:folgenden?\s+)?(?:Beschluss\s+fassen|beschließen)\s*:?", re.IGNORECASE)
_QUOTED_LINE = re.compile(r"^\s*>\s?", re.MULTILINE)


def demanded(inquiry: Inquiry) -> Inquiry:
    """The motion with each amending item's text replaced by the wording it demands (unchanged for items that
    amend nothing, and for a motion without such items)."""
    original = _original_demands(inquiry.justification)
    changed = [replace(q, text=wording) if (wording := _wording(q.text, original)) else q for q in inquiry.questions]
    return inquiry if changed == list(inquiry.questions) else replace(inquiry, questions=tuple(changed))


def _wording(text: str, original: dict[str, str]) -> str:
    """The wording an amending item demands; "" for an item that amends nothing (or one whose struck part is
    nowhere quoted)."""
    item = _ITEM.match(text)
    if item is None:
        return ""
    if new := _NEW.search(text):
        quoted = text[new.end() :]
        return _LABEL.sub("", quoted.split("“")[0].split('"')[0]).strip()
    if _STRUCK.search(text):
        if former := _FORMER.search(text):
            return _LABEL.sub("", former.group(1)).rstrip(" …").strip()
        return original.get(item.group(1) + (item.group(2) or ""), "")
    return ""


def _original_demands(text: str) -> dict[str, str]:
    """The demands of the original motion quoted after the amendment (a reply's "> 1. …" lines after "> Der
    Marktgemeinderat möge beschließen:"), by number ("1", "1a")."""
    from assistant.inquiry.parse import find_questions  # the reading stage's own list reader

    if ">" not in text:
        return {}
    unquoted = _QUOTED_LINE.sub("", "\n".join(line for line in text.split("\n") if line.lstrip().startswith(">")))
    start = _RESOLUTION.search(unquoted)
    if start is None:
        return {}
    return {q.id: q.text for q in find_questions(unquoted[start.end() :], motion=True)}
