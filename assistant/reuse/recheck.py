"""What has changed since an earlier reply was released, checked against today's knowledge base.

Every difference is a warning a clerk reads before reusing the reply: a cited source gone, changed
or no longer in force; a figure or date of the reply today's sources no longer contain; a named
application discontinued since, or one in use today the reply did not name; a reply from another
council term (or, where no terms are configured, one older than a year).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

from assistant.domain import Citation, Reply
from assistant.kb.chunk import chunks
from assistant.kb.model import KnowledgeBase
from assistant.text import german_date, numbers

_MARKER = re.compile(r"\[\d+\]")
_IN_USE = ("production", "pilot", "test")
STALE_DAYS = 365  # without configured council terms, an older reply is flagged


def differences(reply: Reply, kb: KnowledgeBase, today: date) -> list[str]:
    """The warnings for reusing ``reply`` today, in the order a clerk checks them."""
    texts: dict[str, list[str]] = defaultdict(list)
    in_force: dict[str, str] = {}
    for chunk in chunks(kb):
        texts[chunk.source_id].append(chunk.text)
        if chunk.metadata.get("valid_until"):
            in_force[chunk.source_id] = str(chunk.metadata["valid_until"])
    warnings = _term(reply, kb, today)
    for citation in reply.citations:
        warnings += _source(citation, texts.get(citation.source_id), in_force.get(citation.source_id, ""), today)
    if not reply.citations:  # an imported reply without sources: its figures anywhere in the knowledge base
        known = numbers(" ".join(" ".join(t) for t in texts.values())) | numbers(reply.question)
        figures = sorted(n for n in numbers(_MARKER.sub(" ", reply.answer)) if n not in known)
        if figures:
            shown = ", ".join(_shown(n) for n in figures)
            warnings.append(f"Nicht in der heutigen Wissensbasis: {shown} – Angaben prüfen")
    return warnings + _applications(reply, kb)


def _shown(number: str) -> str:
    return german_date(number) if "-" in number else number


def _source(citation: Citation, texts: list[str] | None, valid_until: str, today: date) -> list[str]:
    """A cited source gone, changed since (with the figures of its quote no longer in it), or expired."""
    label = f"Quelle {citation.marker} „{citation.title}“"
    if not texts:
        return [f"{label} ist nicht mehr in der Wissensbasis"]
    warnings = []
    flat = " ".join(" ".join(texts).split())
    if " ".join(citation.quote.split()) not in flat:
        gone = sorted(numbers(citation.quote) - numbers(flat))
        detail = f" – nicht mehr darin: {', '.join(_shown(n) for n in gone)}" if gone else ""
        warnings.append(f"{label} hat sich seit der Antwort geändert{detail}")
    if valid_until and valid_until < today.isoformat():
        warnings.append(f"{label} ist seit {german_date(valid_until)} nicht mehr in Kraft")
    return warnings


def _term(reply: Reply, kb: KnowledgeBase, today: date) -> list[str]:
    released = date.fromisoformat(reply.released)
    then = reply.term or kb.municipality.term_of(released)
    now = kb.municipality.term_of(today)
    if then and now and then != now:
        return [f"Die Antwort stammt aus der Wahlperiode {then} (heute: {now})"]
    if not (then and now) and (today - released).days > STALE_DAYS:
        return [f"Die Antwort ist älter als ein Jahr (freigegeben am {german_date(reply.released)})"]
    return []


def _applications(reply: Reply, kb: KnowledgeBase) -> list[str]:
    """Named applications discontinued since; for a listing, the ones in use it did not name."""
    text = reply.answer.casefold()
    if reply.table is not None:
        text += " " + " ".join(" ".join(row) for row in reply.table.rows).casefold()
    others = Counter(w.casefold() for r in kb.inventory for w in set(_WORD.findall(r.get("name"))))
    words = {w.casefold() for w in _WORD.findall(text)}
    named = [r for r in kb.inventory if _named(r.get("name"), r.get("id"), text, words, others)]
    warnings = [
        f"„{r.get('name')}“ ist inzwischen eingestellt (KI-Verzeichnis {r.get('id')})"
        for r in named
        if r.get("status") == "discontinued"
    ]
    if len(named) >= 2:  # the reply lists applications
        missing = [r.get("name") for r in kb.inventory if r.get("status") in _IN_USE and r not in named]
        if missing:
            warnings.append("Im KI-Verzeichnis, in der früheren Antwort nicht genannt: " + ", ".join(missing))
    return warnings


_WORD = re.compile(r"[\wÄÖÜäöüß]{5,}")


def _named(name: str, row_id: str, text: str, words: set[str], others: Counter[str]) -> bool:
    """An application is named by its id, its full name, or a word of its name no other entry's
    name has ("MusterGPT", "DeepL"); ``others`` counts the words of all entries' names."""
    if not name:
        return False
    if name.casefold() in text or (row_id and row_id.casefold() in text):
        return True
    return any(w.casefold() in words for w in _WORD.findall(name) if others[w.casefold()] == 1)
