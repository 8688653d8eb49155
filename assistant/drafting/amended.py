"""Amendments: a document that changes sections of another ("Erste Änderung der Dienstanweisung Nr. 4/2025":
"§ 6 erhält folgende Fassung: „…“", "Nach § 5 wird folgender § 5a eingefügt: „…“", "§ 4 wird aufgehoben").

From the day it takes effect, the amended document's old wording of a changed section is no longer the rule:
it is not quoted as the Sachstand (a clerk who signs "nach § 6 … erhalten Beschäftigte ein Konto, sobald sie das
E-Learning abgeschlossen haben" overlooks the Präsenzschulung the new § 6 adds). The new wording is quoted from
the amendment, led in as the section of the amended rule in its new version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.domain import Chunk
from assistant.drafting.citing import Register
from assistant.drafting.leads import released_on
from assistant.drafting.stale import calendar_day, source_day
from assistant.drafting.standing import rule_name, section_of, short_rule_name
from assistant.kb.chunk import document_chunks
from assistant.kb.model import Document, KnowledgeBase
from assistant.text import PARAGRAPH_NUMBER, QUOTE_MARKS, sentences_of

# What an amendment does to a section (group 1) or one of its paragraphs (group 2).
_CHANGES = (
    re.compile(r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?\s+erhält\s+folgende\s+Fassung"),
    re.compile(r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?\s+wird\s+(?:wie\s+folgt\s+)?neu\s+gefasst"),
    re.compile(r"\bfolgender?\s+(?:neuer?\s+)?§\s*(\d+[a-z]?)()\s+eingefügt"),
    re.compile(r"§\s*(\d+[a-z]?)\s+wird\s+(?:folgender|ein)\s+(?:neuer\s+)?Absatz\s+(\d+)\s+(?:angefügt|eingefügt)"),
    re.compile(r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?\s+wird\s+aufgehoben"),
    # "§ 5 Abs. 2 wird durch folgende Absätze 2 und 3 ersetzt", "§ 4 wird durch folgenden § 4 ersetzt"
    re.compile(
        r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?\s+wird\s+durch\s+(?:den\s+|die\s+)?folgenden?\s+"
        r"(?:Absätze|Absatz|Satz|Sätze|Wortlaut|Fassung|§)[^:„\n]{0,40}?\s+ersetzt"
    ),
    # "§ 6 Abs. 2 wird wie folgt ergänzt: „Freigegeben sind außerdem …“": the old wording stands, with more
    re.compile(r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?\s+wird\s+(?:wie\s+folgt\s+)?(?:ergänzt)"),
)
_TAKES_EFFECT = re.compile(r"\btritt\s+am\s+(\d{1,2})\.(\d{1,2})\.(\d{4})\s+in\s+Kraft")
# Where one change's new wording ends: its closing quotation mark, the next article or numbered change, its reasons.
_BOUNDARY = re.compile(
    r"[.!?][\"“”]|^\s*(?:Artikel|Art\.)\s+\d+\b|^\s*Nr\.\s*\d+\s+[–-]|\bBegründung\s*:", re.MULTILINE
)
_CITED = re.compile(r"§\s*(\d+[a-z]?)(?:\s+Abs(?:\.|atz)\s*(\d+))?")


def _changes(text: str, end: int | None = None) -> list[re.Match[str]]:
    found = [m for pattern in _CHANGES for m in pattern.finditer(text, 0, len(text) if end is None else end)]
    return sorted(found, key=lambda m: m.start())


@dataclass(frozen=True)
class Change:
    target: Document  # the amended document
    section: str  # "6", "5a"
    paragraph: str  # "2" for "§ 6 Abs. 2", "" for the whole section
    amendment: Document
    since: date
    inserted: bool  # a new section or paragraph, not a new wording of one
    repealed: bool = False  # lifted: "§ 7 Abs. 1 wird aufgehoben"
    at: tuple[str, str] = ("", "")  # (chunk id, sentence) of the amendment where it says so
    replaced: bool = False  # "… wird durch folgende Absätze 2 und 3 ersetzt": new paragraphs under their numbers


class Amendments:
    """The changes in force on ``today`` that amendments in the knowledge base make to its other documents."""

    def __init__(self, kb: KnowledgeBase, today: date) -> None:
        self._today = today
        self._changed: dict[tuple[str, str, str], Change] = {}  # (target path, section, paragraph) -> change
        self._amendments: dict[str, Document] = {}
        self._texts: dict[str, str] = {}  # amendment path -> its whole text
        self._effective: dict[str, tuple[str, str]] = {}  # amendment path -> (source id, line) of its effective day
        self._dated: dict[str, tuple[str, str, str]] = {}  # amendment path -> (source id, line, day) it is dated
        for document in kb.documents:
            text = "\n".join(s.text for s in document.sections)
            found = _changes(text)
            target = _target(document, kb.documents) if found else None
            since, stated = _effective(document)
            if target is None or since is None or since > today:
                continue
            self._amendments[document.path] = document
            self._texts[document.path] = text  # a long new wording runs on into the section's next chunk
            self._effective[document.path] = stated
            self._dated[document.path] = _dated(document)
            for match in found:
                if "ergänzt" in match.group(0):  # the old wording still stands; the amendment's own text adds to it
                    continue
                inserted = "eingefügt" in match.group(0) or "angefügt" in match.group(0)
                repealed = "aufgehoben" in match.group(0)
                at = _said_at(document, match.group(0)) if repealed else ("", "")
                replaced = "ersetzt" in match.group(0)
                section, paragraph = match.group(1), match.group(2) or ""
                change = Change(target, section, paragraph, document, since, inserted, repealed, at, replaced)
                self._changed[(target.path, change.section, change.paragraph)] = change

    def superseded(self, chunk: Chunk, quote: str) -> bool:
        """Whether the quote stands in a section (or paragraph) of an amended document that an amendment in
        force has given a new wording or lifted, or is an earlier reply's account of such a section ("Nach § 5
        Abs. 1 der Dienstanweisung Nr. 3/2025 dürfen … keine personenbezogenen Daten …", replied before the
        amendment took effect)."""
        return self._change_for(chunk, quote) is not None

    def _change_for(self, chunk: Chunk, quote: str) -> Change | None:
        if chunk.kind == "answer":
            return self._told_in_reply(chunk, quote)
        found = section_of(chunk, quote)
        if found is None:  # minutes' "… nach § 4 der KI-Richtlinie derzeit noch … zulässig", said before the change
            return self._told_in_reply(chunk, quote) if _path(chunk) not in self._amendments else None
        section, paragraph = found
        path = _path(chunk)
        whole = self._changed.get((path, section, ""))
        return whole or (self._changed.get((path, section, paragraph)) if paragraph else None)

    def _told_in_reply(self, chunk: Chunk, quote: str) -> Change | None:
        """The change to a section an earlier reply (or another source, minutes), released before the change took
        effect, cites by its § and the amended rule's name or short name."""
        released = source_day(chunk, released_on(chunk))
        if released is None:
            return None
        for change in self._changed.values():
            if _path(chunk) == change.target.path:
                continue
            name = re.split(r"\s+[–-]\s+", change.target.title, maxsplit=1)[0]
            short = short_rule_name(change.target.title)  # "(KI-Richtlinie) vom 10.06.2025": "KI-Richtlinie"
            names = [n for n in (name, short) if len(n) >= 8]
            if released >= change.since or not any(n in quote for n in names):
                continue
            for cited in _CITED.finditer(quote):
                if cited.group(1) == change.section and cited.group(2) in ("", None, change.paragraph):
                    return change
        return None

    def repeal(self, chunk: Chunk, quote: str) -> tuple[str, str, str] | None:
        """For a quote from a section (or paragraph) an amendment in force lifted: the amendment's chunk id, its
        sentence that lifts it, and what a clerk writes ("§ 7 Abs. 1 der „Dienstanweisung …“ ist mit Wirkung vom
        01.02.2026 aufgehoben (Erste Änderung)"); None for any other quote."""
        change = self._change_for(chunk, quote)
        if change is None or not change.repealed or not change.at[0]:
            return None
        where = f"§ {change.section}" + (f" Abs. {change.paragraph}" if change.paragraph else "")
        by = _amendment_name(_own_title(change.amendment), change.target.title)
        said = (
            f"{where} {rule_name(change.target.title)} ist mit Wirkung vom {change.since:%d.%m.%Y} aufgehoben ({by})."
        )
        return change.at[0], change.at[1], said

    def new_wording(self, chunk: Chunk, quote: str) -> tuple[Chunk, str] | None:
        """For a quote from a section (or paragraph) an amendment in force gave a new wording: the amendment's
        chunk and its sentence of the new wording closest to the quote ("(2) Die dienstliche Nutzung frei
        zugänglicher KI-Dienste … ist untersagt." for the old "… ist für allgemeine Recherchen … erlaubt");
        None where none shares enough words with it (or the section was lifted)."""
        change = self._change_for(chunk, quote)
        if change is None or change.repealed:
            return None
        old = _content_words(quote)
        # a paragraph replaced as such ("§ 5 Abs. 2 wird durch folgende Absätze 2 und 3 ersetzt"): where no
        # sentence shares enough words with the old, its new wording is the one under its own number
        own = change.replaced and change.paragraph and quote.startswith(f"({change.paragraph})")
        number = f"({change.paragraph})" if own else ""
        best: tuple[float, Chunk, str] | None = None
        numbered: tuple[Chunk, str] | None = None
        for part in document_chunks(change.amendment):
            for sentence in sentences_of(part.text):
                if self._change_of(part, sentence) is not change or not (words := _content_words(sentence)):
                    continue
                if number and numbered is None and sentence.lstrip(QUOTE_MARKS).startswith(number):
                    numbered = (part, sentence)
                share = len(old & words) / len(old | words)
                if share >= MIN_SHARED and (best is None or share > best[0]):
                    best = (share, part, sentence)
        if best is None:
            return numbered
        return best[1], _with_its_paragraph(best[1].text, best[2])

    def lead(self, chunk: Chunk, quote: str, register: Register | None = None) -> str:
        """For a quote from an amendment's new wording of a section: "Nach § 8 Abs. 3 DV KI (eingefügt durch:
        1. Nachtrag, in Kraft seit dem 01.10.2026 [n]) gilt: ", the day cited where a ``register`` is given;
        else ""."""
        change = self._change_of(chunk, quote)
        if change is None:
            return ""
        # "§ 10 Abs. 2 wird durch folgende Absätze 2 und 3 ersetzt: „(2) … (3) …“": the quote's own paragraph
        paragraph = change.paragraph and (_own_paragraph(self._texts.get(_path(chunk), ""), quote) or change.paragraph)
        where = f"§ {change.section}" + (f" Abs. {paragraph}" if paragraph else "")
        how = "eingefügt" if change.inserted else "geändert"
        by = _amendment_name(_own_title(change.amendment), change.target.title)
        if register is not None and (dated := self._dated.get(change.amendment.path)) and dated[2] not in by:
            by += f" vom {dated[2]} {register.cite(dated[0], change.amendment.title, dated[1])}"
        marker = ""
        if register is not None and (stated := self._effective.get(change.amendment.path)) and stated[1]:
            marker = " " + register.cite(stated[0], change.amendment.title, stated[1])
        named = _UNDATED.sub("", rule_name(change.target.title))  # the amendment's day is cited, the rule's is not
        return f"Nach {where} {named} ({how} durch: {by}, in Kraft seit dem {change.since:%d.%m.%Y}{marker}) gilt: "

    def within(self, chunk: Chunk, quote: str) -> str:
        """The part of a quote that is an amendment's new wording: up to its closing quotation mark where the
        quote runs on into the amendment's reasons ("… zulässig.\" Begründung: …"); "" for none."""
        if self._change_of(chunk, quote) is None:
            return ""
        end = _BOUNDARY.search(quote.rstrip(QUOTE_MARKS))
        if end is None:
            return quote
        cut = end.start() + 2 if end.group(0)[:1] in ".!?" else end.start()
        return quote[:cut].rstrip()

    def is_amendment(self, chunk: Chunk) -> bool:
        return chunk.kind == "document" and _path(chunk) in self._amendments

    def _change_of(self, chunk: Chunk, quote: str) -> Change | None:
        """The change whose new wording the quote is part of: the last change before it, with no article, no
        numbered change and no reasons between."""
        if chunk.kind != "document" or (text := self._texts.get(_path(chunk))) is None:
            return None
        at = text.find(quote)  # in the amendment's whole text, not the chunk's
        before = _changes(text, at) if at >= 0 else []
        if not before or _BOUNDARY.search(text, before[-1].end(), at):
            return None  # past the new wording
        section, paragraph = before[-1].group(1), before[-1].group(2) or ""
        own = (c for c in self._changed.values() if c.amendment.path == _path(chunk) and c.section == section)
        return next((c for c in own if c.paragraph == paragraph), None)


MIN_SHARED = 0.3  # share of their content words an old wording and the new one that replaces it have in common
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\wäöüß-]{3,}")


MAX_PARAGRAPH = 3  # sentences of a new wording's paragraph quoted with the one closest to the old wording
_PARAGRAPH_START = re.compile(r"^[\"„“”']?\(\d{1,2}[a-z]?\)")


def _with_its_paragraph(text: str, sentence: str) -> str:
    """A new wording's sentence with the rest of its paragraph on the same line ("(1) In ILKA dürfen … erforderlich
    ist. Besondere Kategorien … dürfen nicht eingegeben werden."): the sentences after it up to the next numbered
    paragraph, at most ``MAX_PARAGRAPH`` in all; a verbatim slice of ``text``."""
    line = next((line for line in text.split("\n") if sentence in line), "")
    parts = sentences_of(line)
    if sentence not in parts:
        return sentence
    first = parts.index(sentence)
    last = first
    while last + 1 < len(parts) and last - first + 1 < MAX_PARAGRAPH and not _PARAGRAPH_START.match(parts[last + 1]):
        last += 1
    start = line.find(sentence)
    end = line.find(parts[last], start) + len(parts[last])
    return line[start:end]


def _content_words(text: str) -> set[str]:
    """The words of a wording, cut to their first seven letters: "verfügbare" and "verfügbarer", "dienstlich" and
    "dienstliche" are the same word in an old and a new wording."""
    return {w.lower()[:7] for w in _WORD.findall(text)}


def _said_at(document: Document, change: str) -> tuple[str, str]:
    """The chunk id and the sentence of an amendment that makes a change ("§ 7 Abs. 1 wird aufgehoben.")."""
    for chunk in document_chunks(document):
        at = chunk.text.find(change)
        if at >= 0:
            end = chunk.text.find(".", at + len(change))
            return chunk.chunk_id, chunk.text[at : end + 1 if end >= 0 else len(chunk.text)].strip()
    return "", ""


_UNDATED = re.compile(r"\s+vom\s+\d{1,2}\.\s?\d{1,2}\.\s?\d{4}(?=“|$)")  # "… Hollerwede vom 20.01.2026“"
_BLOCKQUOTE = re.compile(r"^\s*>\s*")  # a Markdown amendment's new wording set as a block quote


def unquoted(text: str) -> str:
    """The new wording as a sentence, without the quotation marks that enclose it in the amendment (or the
    block quote's mark) and the paragraph's number the lead-in names."""
    return PARAGRAPH_NUMBER.sub("", _BLOCKQUOTE.sub("", text).strip(QUOTE_MARKS)).replace('."', ".").replace(".“", ".")


def _path(chunk: Chunk) -> str:
    return chunk.source_id.split("#", 1)[0]


def _effective(document: Document) -> tuple[date | None, tuple[str, str]]:
    """The day an amendment takes effect and where it says so: its front matter's ``valid_from``, else its
    line "… tritt am 01.10.2026 in Kraft" (source id and line)."""
    if document.valid_from is not None:
        lines = [x for x in document.header.split("\n") if x.startswith(("title", "valid_from"))]
        return document.valid_from, (document.header_id, "\n".join(lines))
    for section in document.sections:
        for line in section.text.split("\n"):
            if found := _TAKES_EFFECT.search(line):
                return calendar_day(*found.groups()), (f"{document.path}#{section.index}", line.strip())
    return None, ("", "")


# The place and day a letter or an order is dated: "Theelingen, den 20.07.2026", "Selzheim, 29.09.2026".
_PLACE_AND_DAY = re.compile(r"^[A-ZÄÖÜ][\wäöüß .-]{1,40},\s+(?:den\s+)?(\d{2}\.\d{2}\.\d{4})\s*$")


def _dated(document: Document) -> tuple[str, str, str]:
    """The line an amendment is dated on (source id, line, day), or empty strings."""
    for section in document.sections[:2]:
        for line in section.text.split("\n"):
            if found := _PLACE_AND_DAY.match(line.strip()):
                return f"{document.path}#{section.index}", line.strip(), found.group(1)
    return "", "", ""


def _own_title(document: Document) -> str:
    """How a document names itself: its title, else (titled by its file name) its first line."""
    if " " in document.title or not document.sections:
        return document.title
    first = next((line.strip() for line in document.sections[0].text.split("\n") if line.strip()), "")
    return first if len(first) <= 300 else document.title


_AMENDMENT = re.compile(
    r"\b(?:(?:Erste|Zweite|Dritte|Vierte|Fünfte|\d{1,2}\.)\s+)?(?:Änderung|Nachtrag|Ergänzung)\b", re.IGNORECASE
)


def _amendment_name(title: str, target: str) -> str:
    """How the amendment is named in the lead-in: the words of its title before the amended rule's name
    ("1. Nachtrag" of "1. Nachtrag zur Dienstvereinbarung …", "Erste Änderung"), else its title."""
    name = re.split(r"\s+[–-]\s+", target, maxsplit=1)[0]
    if name not in title and (dated := _DATED_NAME.match(name)):  # "… (DA KI) vom 18.03.2025": its name undated
        name = dated.group(1)
    before = title.split(name, 1)[0] if name in title else ""
    if named := _AMENDMENT.search(before):  # after a letterhead: "Regionalverband … – Die …direktorin Erste Änderung"
        before = before[named.start() :]
    short = re.sub(r"\s+(?:zur|zum|der|des|dem|den)\s*$", "", before.strip())
    return short if 3 <= len(short) <= 60 else f"„{title}“"


def _target(amendment: Document, documents: tuple[Document, ...] | list[Document]) -> Document | None:
    """The document an amendment changes: the one whose name (its title up to a dash) its title or opening
    names ("Erste Änderung der Dienstanweisung Nr. 4/2025": "Dienstanweisung Nr. 4/2025 – Einsatz von …")."""
    opening = " ".join([amendment.title, *(s.text for s in amendment.sections[:1])])[:1000]
    named = [
        (len(name), d)
        for d in documents
        if d.path != amendment.path
        and len(name := re.split(r"\s+[–-]\s+", d.title, maxsplit=1)[0]) >= 8
        and _names(name, opening)
    ]
    if not named:  # "Erste Änderung der Dienstanweisung … (DA KI)" … "Die Dienstanweisung vom 18.03.2025 wird …"
        named = [
            (len(name) + (100 if day and day in opening else 0), d)
            for d in documents
            if d.path != amendment.path
            and (dated := _DATED_NAME.match(re.split(r"\s+[–-]\s+", d.title, maxsplit=1)[0]))
            and len(name := dated.group(1)) >= 8
            and _names(name, opening)
            and ((day := dated.group(2)) in opening or len([e for e in documents if e.title.startswith(name)]) == 1)
        ]
    return max(named, key=lambda found: found[0])[1] if named else None


def _names(name: str, text: str) -> bool:
    """Whether ``text`` names a rule by ``name``, also inflected ("Erste Änderung der Gemeinsamen
    Dienstanweisung …" names "Gemeinsame Dienstanweisung …")."""
    if name in text:
        return True
    words = name.split()
    pattern = r"\s+".join(
        re.escape(w[:-1]) + r"\w{0,3}" if len(w) >= 5 and w[-1].isalpha() else re.escape(w) for w in words
    )
    return re.search(pattern, text) is not None


# A rule's name with the day it was issued: "Dienstanweisung über … (DA KI) vom 18.03.2025"
_DATED_NAME = re.compile(r"^(.{8,}?)\s+vom\s+(\d{2}\.\d{2}\.\d{4})$")


_NUMBERED_PARAGRAPH = re.compile(r"^[>\s„“\"]*\((\d{1,2})\)\s")


def _own_paragraph(text: str, quote: str) -> str:
    """The number of the paragraph a quote of new wording opens or stands in ("(3) Der Ausschuss …" -> "3"), where
    its line is numbered; "" otherwise."""
    at = text.find(quote.strip()[:80]) if quote.strip() else -1
    if at < 0:
        return ""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]
    found = _NUMBERED_PARAGRAPH.match(line)
    return found.group(1) if found else ""
