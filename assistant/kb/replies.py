"""An earlier reply kept as the document it was released as (Markdown, text, Word, PDF, HTML).

The knowledge base's contract (``knowledge-base.md``) allows any document the inquiry parser reads in
``answers/``; its question/answer pairs are recovered from it. The inquiry parser finds the numbered
questions ("**Frage 1: Seit wann …?**", "1. Wie viele …?", "I. …"); each question's answer is the text
between it and the next question, without an "Antwort:" label, the last one up to the reply's closing
("Kesselbrunn, 23.06.2026", "Mit freundlichen Grüßen", "Der Magistrat"). The reply's day is the one of
"Antwort … vom 23.06.2026", else the letter's date; its inquiry the heading that names it.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import InquiryError
from assistant.formats.read import DOCUMENT_SUFFIXES, read_bytes
from assistant.inquiry.metadata import DATE, iso_date
from assistant.inquiry.parse import parse_inquiry
from assistant.kb import access
from assistant.kb.model import EarlierAnswer, Problem

REPLY_SUFFIXES = frozenset({*DOCUMENT_SUFFIXES, ".eml"})  # what the inquiry readers read, besides YAML
MAX_REPLY_CHARS = 400_000  # a reply of some pages; a longer file is read to here (the patterns stay linear)
_ANSWER_LABEL = re.compile(r"^\W*(?:Antwort(?:\s+(?:des|der)\s+[^:\n]{1,60})?|Zu\s+Frage\s+\w+)\s*:\s*", re.I)
_RELEASED = re.compile(r"\b(?:Antwort|Stellungnahme|beantwortet)\b[^\n.]{0,80}?\bvom\s+", re.IGNORECASE)
_CLOSING = re.compile(  # whole lines: "Der Magistrat hat am … beschlossen" is an answer's sentence
    r"^\W*(?:Mit\s+freundlichen\s+Grüßen,?|Im\s+Auftrag|gez\.\s.{1,60}|Der\s+Magistrat(?:\s+der\s+Stadt\s+[\w -]+)?|"
    r"(?:Der|Die)\s+(?:Ober)?[Bb]ürgermeister(?:in)?|(?:Der|Die)\s+Landr(?:at|ätin)|"
    r"[A-ZÄÖÜ][\w .-]{1,40},\s*(?:den\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s*$",
    re.MULTILINE,
)
_KIND = re.compile(r"\b(?:Anfrage|Antrag)\b")


def read_reply(root: Path, path: Path, rel: str, problems: list[Problem]) -> list[EarlierAnswer]:
    """The question/answer pairs of an earlier reply in any readable format; a problem where none is found."""
    data = access.read(root, path, rel, problems)
    if data is None:
        return []
    try:
        text = read_bytes(data, rel, path.suffix.lower(), notes_apart=False).text[:MAX_REPLY_CHARS]
    except InquiryError as exc:
        problems.append(Problem(rel, exc.message + (f" – {exc.hint}" if exc.hint else "")))
        return []
    found = recovered(text, rel)
    if not found:
        problems.append(
            Problem(rel, "keine nummerierten Fragen mit Antworten gefunden – als YAML mit 'answers' ablegen")
        )
    return found


def recovered(text: str, rel: str) -> list[EarlierAnswer]:
    """The question/answer pairs of a reply's text (``rel``: its file, for the pairs' ids)."""
    try:
        inquiry = parse_inquiry(text, rel)
    except InquiryError:
        return []
    flat = _flat(text)
    asked = [q for q in inquiry.questions if q.asks]
    starts = [_line_of(flat, q.text.split("?")[0].replace("\n", " ")[:40]) for q in asked]
    released = _released(text) or inquiry.date or ""
    title = next((line.strip("#* ") for line in text.splitlines() if _KIND.search(line)), inquiry.subject or "")
    pairs: list[EarlierAnswer] = []
    for index, start in enumerate(starts):
        if start < 0:
            continue
        end = next((s for s in starts[index + 1 :] if s > start), len(flat))
        body = flat[start:end]
        asking, answer = _split(body)
        if asking and answer:
            pairs.append(EarlierAnswer(rel, len(pairs) + 1, title[:300], released, asking, answer))
    return pairs


def _line_of(flat: str, words: str) -> int:
    """Where the line begins that holds a question's first words ("Frage 2: Welche …"), or -1."""
    at = flat.find(words)
    return flat.rfind("\n", 0, at) + 1 if at >= 0 else -1


def _flat(text: str) -> str:
    """The text without Markdown emphasis, each line's whitespace collapsed; lines kept."""
    lines = (re.sub(r"\s+", " ", line.replace("**", "").replace("__", "")).strip() for line in text.splitlines())
    return "\n".join(lines)


def _split(body: str) -> tuple[str, str]:
    """A question's text and its answer: the answer after an "Antwort:" label, else after the question's last
    "?" on its first lines; the answer ends at the reply's closing."""
    lines = body.split("\n")
    head = next((i for i, line in enumerate(lines) if _ANSWER_LABEL.match(line)), None)
    if head is None:
        head = next((i + 1 for i, line in enumerate(lines[:6]) if line.rstrip().endswith("?")), None)
    if head is None:
        return "", ""
    question = " ".join(lines[:head]).strip()
    question = re.sub(r"^(?:Frage\s+)?[\dIVX]{1,5}[a-z]?\s*[.):]\s*", "", question).strip()
    rest = "\n".join(lines[head:])
    rest = _ANSWER_LABEL.sub("", rest, count=1)
    closing = _CLOSING.search(rest)
    answer = rest[: closing.start()] if closing else rest
    return question, " ".join(answer.split())


def _released(text: str) -> str | None:
    """The day of "Antwort des Magistrats vom 23.06.2026"."""
    for match in _RELEASED.finditer(text):
        date = DATE.match(text, match.end())
        if date and (iso := iso_date(date)):
            return iso
    return None
