"""What has changed since an earlier reply was released, checked against today's knowledge base.

Every difference is a warning a clerk reads before reusing the reply: a cited source gone, changed
or no longer in force; a figure or date of the reply today's sources no longer contain; a named
application discontinued since, or one in use today the reply did not name; a reply from another
council term (or, where no terms are configured, one older than a year).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from assistant.domain import Citation, Reply
from assistant.kb.chunk import chunks, source_texts
from assistant.kb.model import KnowledgeBase
from assistant.text import german_date, numbers

_MARKER = re.compile(r"\[\d+\]")
_IN_USE = ("production", "pilot", "test")
STALE_DAYS = 365  # without configured council terms, an older reply is flagged


def differences(reply: Reply, kb: KnowledgeBase, today: date) -> list[str]:
    """The warnings for reusing ``reply`` today, in the order a clerk checks them."""
    built = chunks(kb)
    texts = source_texts(kb, built)
    in_force = {c.source_id: str(c.metadata["valid_until"]) for c in built if c.metadata.get("valid_until")}
    warnings = _term(reply, kb, today)
    for citation in reply.citations:
        then = reply.source_texts.get(citation.source_id, "")
        warnings += _source(citation, texts.get(citation.source_id), then, in_force.get(citation.source_id, ""), today)
    if not reply.citations:  # an imported reply without sources: its figures anywhere in the knowledge base
        known = numbers(" ".join(texts.values())) | numbers(reply.question)
        figures = sorted(n for n in numbers(_MARKER.sub(" ", reply.answer)) if n not in known)
        if figures:
            shown = ", ".join(_shown(n) for n in figures)
            warnings.append(f"Nicht in der heutigen Wissensbasis: {shown} – Angaben prüfen")
    return warnings + _applications(reply, kb)


def _shown(number: str) -> str:
    """A normalised figure as a letter writes it: 2023-06-22 as 22.06.2023, 48000 as 48.000."""
    if "-" in number:
        return german_date(number)
    if number.isdigit() and len(number) > 4:
        return f"{int(number):,}".replace(",", ".")
    return number.replace(".", ",")


def _figures(found: set[str]) -> str:
    return ", ".join(_shown(n) for n in sorted(found))


def _source(citation: Citation, text: str | None, then: str, valid_until: str, today: date) -> list[str]:
    """A cited source gone, changed since (with the figures it had then and has now), or expired.
    ``then`` is its text at release (kept since issue 16; else its quote is looked for)."""
    label = f"Quelle {citation.marker} „{citation.title}“"
    if not text:
        return [f"{label} ist nicht mehr in der Wissensbasis"]
    warnings = []
    flat = " ".join(text.split())
    before = " ".join(then.split())
    if (before and before != flat) or (not before and " ".join(citation.quote.split()) not in flat):
        old = numbers(before or citation.quote)
        gone, new = old - numbers(flat), (numbers(flat) - old) if before else set()
        detail = (f" – vorher {_figures(gone)}" if gone else "") + (f", jetzt {_figures(new)}" if gone and new else "")
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
        if r.get("status") == "discontinued" and not _ended_before(r.get("end_date"), reply.released)
    ]
    if len(named) >= 2:  # the reply lists applications
        missing = [r.get("name") for r in kb.inventory if r.get("status") in _IN_USE and r not in named]
        if missing:
            warnings.append("Im KI-Verzeichnis, in der früheren Antwort nicht genannt: " + ", ".join(missing))
    return warnings


def _ended_before(end: str, released: str) -> bool:
    """Whether an end date (2025-03 or 2025-03-31) lies before the release: then the reply knew it."""
    return bool(end) and end <= released[: len(end)]


_WORD = re.compile(r"[\wÄÖÜäöüß]{5,}")


def _named(name: str, row_id: str, text: str, words: set[str], others: Counter[str]) -> bool:
    """An application is named by its id, its full name, or a word of its name no other entry's
    name has ("MusterGPT", "DeepL"); ``others`` counts the words of all entries' names."""
    if not name:
        return False
    if name.casefold() in text or (row_id and row_id.casefold() in text):
        return True
    return any(w.casefold() in words for w in _WORD.findall(name) if others[w.casefold()] == 1)
