"""Read knowledge-base documents: front matter, title, sections.

Markdown and text are read here (with YAML front matter). PDF, DOCX and HTML
go through the inquiry readers; Word and HTML headings become sections, a PDF
without headings is cut into sections of consecutive paragraphs.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InquiryError
from assistant.formats.read import DOCUMENT_SUFFIXES, read_bytes, sniff
from assistant.formats.titles import declared_title
from assistant.formats.unwrap import run_on_lists, unwrap
from assistant.kb import access, yamltext
from assistant.kb.model import Document, Problem, Section

DOCUMENT_TYPES = (
    "guideline",
    "service_agreement",
    "strategy",
    "training",
    "report",
    "decision",
    "zuarbeit",  # a department's input to an inquiry (written by the review workflow, issue 16)
    "other",
)
READABLE = {".md", ".txt", ".markdown"}
KNOWN = READABLE | set(DOCUMENT_SUFFIXES)
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")  # closing hashes are cut in code: no backtracking


_DRAFT = re.compile(
    # (not "einen Entwurf für das Nachforderungsschreiben": a draft the text is about)
    r"\b(Entwurf|ENTWURF|Diskussionsentwurf|Arbeitsentwurf|Beschlussentwurf)\b(?! (?:für|eines|einer|des|der) )|"
    r"\bnicht beschlossen\b|"
    r"\bnoch nicht (beschlossen|verabschiedet|in Kraft|abgestimmt)\b|\bzur Beschlussfassung vorgesehen\b",
)
DRAFT_STATES = ("draft", "entwurf")


def is_draft(title: str, meta: dict[str, Any], body: str) -> bool:
    """A document marked as a draft in its front matter (``status: draft``), title or opening lines."""
    if str(meta.get("status", "")).strip().lower() in DRAFT_STATES:
        return True
    opening = body.lstrip()[:400].split("\n## ", 1)[0]  # its head, not its first section
    return bool(_DRAFT.search(title) or _DRAFT.search(opening))


def _front_matter(text: str, rel: str, problems: list[Problem]) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        problems.append(Problem(rel, "Front Matter wird nicht mit '---' abgeschlossen", 1))
        return {}, text
    raw = text[4:end]
    body_start = text.find("\n", end + 1) + 1 if text.find("\n", end + 1) >= 0 else len(text)
    try:
        data = yamltext.parse(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        message = f"Front Matter ist kein gültiges YAML ({getattr(exc, 'problem', exc)})"
        if "mapping values" in str(exc):  # "title: Vermerk: Optionen" – the commonest slip
            message += '; ein Wert mit Doppelpunkt gehört in Anführungszeichen: title: "Vermerk: Optionen"'
        problems.append(Problem(rel, message, line))
        return {}, text[body_start:]
    if not isinstance(data, dict):
        problems.append(Problem(rel, "Front Matter muss aus 'schlüssel: wert'-Zeilen bestehen", 2))
        return {}, text[body_start:]
    return data, text[body_start:]


def _as_date(value: Any, key: str, rel: str, problems: list[Problem]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(rel, f"'{key}': ungültiges Datum '{value}' – Format JJJJ-MM-TT verwenden", 1))
        return None


def split_sections(body: str) -> tuple[str | None, list[Section]]:
    """Split Markdown at headings of level 2 and deeper; return (title, sections)."""
    title: str | None = None
    sections: list[Section] = []
    heading, lines = "", list[str]()

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append(Section(index=len(sections) + 1, heading=heading, text=text))

    for line in body.split("\n"):
        match = _HEADING.match(line)
        text = match.group(2).rstrip().rstrip("#").rstrip() if match else ""
        if match and len(match.group(1)) == 1 and title is None:
            title = text
            continue
        if match:
            flush()
            heading, lines = text, []
            continue
        lines.append(line)
    flush()
    return title, sections


def _title(heading: str | None, body: str, declared: str) -> str:
    """A document's title without front matter: its top heading – or the title its file declares where that
    says the same more fully ("Niederschrift – Auszug": "Niederschrift über die 19. Sitzung des Stadtrates …
    am 24.09.2026 – Auszug TOP 7") –, else the heading of its title block (a Word heading under the
    letterhead), else the declared title."""
    if heading:
        fuller = declared and len(declared) > len(heading) and _words(heading) <= _words(declared)
        # a heading that is only the letterhead ("Hansestadt Recknitzmünde – Hauptausschuss") beside a declared
        # title that dates the paper ("Hauptausschuss 15.10.2026 – Auszug aus der Niederschrift (KI)")
        dated = bool(declared) and _DAY_IN.search(declared) is not None and not _DAY_IN.search(heading)
        dated = dated and len(heading.split()) <= LETTERHEAD_WORDS
        return declared if fuller or (dated and _words(heading) & _words(declared)) else heading
    return _title_block(body) or declared


_DAY_IN = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
LETTERHEAD_WORDS = 5  # a heading that short names the body, not the paper


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


TITLE_BLOCK_LINES = 3  # letterhead lines above a document's title heading
TITLE_BLOCK_CHARS = 120


def _title_block(body: str) -> str:
    """The first heading, where only a short letterhead stands above it ("Kreisstadt Theelingen" – "##
    Dienstvereinbarung über …"); not a numbered section's ("## 1. Gegenstand", "## § 1 Geltungsbereich")."""
    above = 0
    for line in body.split("\n"):
        if match := _HEADING.match(line):
            text = match.group(2).rstrip().rstrip("#").rstrip()
            return "" if re.match(r"§|\d|[IVX]+\.?\s", text) else text
        if line.strip():
            above += 1
            if above > TITLE_BLOCK_LINES or len(line) > TITLE_BLOCK_CHARS:
                return ""
    return ""


# What a paper calls itself when it has no heading and no declared title (a PDF's or a text memo's first lines):
# "Auszug aus der Niederschrift über die 6. Sitzung des Städteregionstags am 25.06.2026" under a letterhead
# "STÄDTEREGION AHRENBRUCH / Der Städteregionstag"; never its file name in a letter.
_KIND_OF_PAPER = re.compile(
    r"niederschrift|protokoll|bericht|vermerk|vereinbarung|richtlinie|dienstanweisung|anweisung|beschluss|konzept|"
    r"auszug|entwurf|sachstand|antwort|anfrage|vorlage|mitteilung|satzung|verfügung|leitlinie|strategie|notiz|"
    r"folgenabschätzung|analyse|evaluation",
    re.IGNORECASE,
)
OPENING_LINES = 8  # the lines of a paper's opening read for its title
OPENING_CHARS = 160


def opening_title(body: str) -> str:
    """The title a paper without headings opens with: of its first lines, the first that names a kind of paper
    and says more than that word, with the lines that continue it up to one that dates it ("Auszug aus der
    Niederschrift über die 6. Sitzung des Städteregionstags am 25.06.2026" under a letterhead "STÄDTEREGION
    AHRENBRUCH", "KI-Sachstandsbericht II/2026 (Stand 30.09.2026)", "Vermerk vom 20.08.2025"); "" where none
    does (its file name stays the title)."""
    lines = [x.strip() for x in body.strip()[:3000].split("\n") if x.strip()][:OPENING_LINES]
    for index, line in enumerate(lines):
        parts = [line]
        for following in lines[index + 1 : index + 3]:
            if _DAY_IN.search(parts[-1]) or not _goes_on(parts[-1], following):
                break
            parts.append(following)
        head = " ".join(parts)[: 4 * OPENING_CHARS].rstrip(":")  # bounded: an unwrapped paragraph is one line
        if dated := _DATED_HEAD.match(head):  # "… am 25.06.2026 Ort: Sitzungssaal …" joined by unwrapping
            head = dated.group(0)
        if len(head) > OPENING_CHARS or re.search(r"[.!?]\)?$|: |^(?:TOP\b|[(–-])", head):
            continue
        if _KIND_OF_PAPER.search(head) and (len(head.split()) >= 4 or _DAY_IN.search(head)):
            return head
    return _subject_title(lines)  # a memo whose opening names no more than its kind: its subject line


# A memo's subject line and date line: "Betreff: Beendigung der Erprobung …", "Datum:   16.09.2026"
_SUBJECT = re.compile(r"^(?:Betreff|Betr\.|Gegenstand)\s*:\s*(\S.{3,200})$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^Datum\s*:\s*(\d{1,2}\.\d{1,2}\.\d{4})$", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^[A-ZÄÖÜ][\wäöüß. -]{1,40},\s*(?:den\s+)?(\d{1,2}\.\d{1,2}\.\d{4})$"
)  # "Lauterbrück, 24.11.2026"
MIN_SUBJECT_WORDS = 3


def _subject_title(lines: list[str]) -> str:
    """A memo's title from its subject line, after the kind of paper a line of its own names and the day its date
    line gives: "Vermerk vom 16.09.2026 – Beendigung der Erprobung des KI-Chat-Guides „Museumsguide ADA“"."""
    subject = next((m.group(1).strip() for line in lines if (m := _SUBJECT.match(line))), "")
    if len(subject.split()) < MIN_SUBJECT_WORDS:  # "Betreff: Auswertung" says too little
        return ""
    subject = re.sub(r'"([^"]{1,80})"', r"„\1“", subject)
    kind = next((line for line in lines if _KIND_OF_PAPER.fullmatch(line) or (line.upper() == line and
                 _KIND_OF_PAPER.search(line) and len(line.split()) == 1)), "")  # fmt: skip
    day = next((m.group(1) for line in lines if (m := _DATE_LINE.match(line) or _PLACE_DATE.match(line))), "")
    if not day and _DAY_IN.search(subject):
        return ""  # a day the subject names ("… zum 01.01.2027") would read as the day the memo speaks from
    head = kind.capitalize() + (f" vom {day}" if day else "") if kind else ""
    return f"{head} – {subject}" if head else subject


def _goes_on(line: str, following: str) -> bool:
    """Whether ``following`` continues the title in ``line``: lower-case, or after a dash or a preposition."""
    return following[:1].islower() or line.endswith(("–", "-")) or bool(_OPEN_END.search(line))


# up to its first date, and the bracket that date stands in or that follows it ("(Stand 30.09.2026)", "(Auszug)")
_DATED_HEAD = re.compile(r"[^()]*?(?:\([^()]*?)?\b\d{1,2}\.\d{1,2}\.\d{4}\b(?:[^()]{0,40}\)|\s*\([^()]{1,60}\))?")
_OPEN_END = re.compile(r"\b(?:der|des|den|dem|die|von|und|über|für|zur|zum|mit|zwischen)$")


PARAGRAPH_SECTION_CHARS = 1200


def paragraph_sections(text: str) -> list[Section]:
    """Sections for text without headings: consecutive paragraphs up to ~1,200 characters."""
    sections: list[Section] = []
    current: list[str] = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if not paragraph:
            continue
        if current and sum(len(p) for p in current) + len(paragraph) > PARAGRAPH_SECTION_CHARS:
            sections.append(Section(len(sections) + 1, "", "\n\n".join(current)))
            current = []
        current.append(paragraph)
    if current:
        sections.append(Section(len(sections) + 1, "", "\n\n".join(current)))
    return sections


# A numbered heading in text without Markdown headings (a PDF's "2. BoddenBot", "6. Schulung"): a short line,
# no sentence (no closing punctuation), its number one more than the heading's before it.
# A label inside it stays a heading ("8. Geplant: KI-Baumkontrolle"); one that ends on its colon leads a list.
_NUMBERED_HEADING = re.compile(
    r"^(\d{1,2})\.\s+([A-ZÄÖÜ][^\n.:;?!|]{0,68}(?::\s+[A-ZÄÖÜ][^\n.:;?!|]{1,60})?[^\n.:;?!|])$"
)
MIN_NUMBERED_HEADINGS = 3
MAX_HEADING_WORDS = 8


def numbered_sections(text: str) -> list[Section]:
    """Sections of a text without headings whose lines "1. …", "2. …", "3. …" head its parts (at least three,
    numbered in a row, each a short line that is no sentence); none where the text has no such run. Text
    before the first heading is a section of its own."""
    lines = text.split("\n")
    heads: list[int] = []
    for index, line in enumerate(lines):
        found = _NUMBERED_HEADING.match(line.strip())
        if found is not None and len(line.split()) <= MAX_HEADING_WORDS and int(found.group(1)) == len(heads) + 1:
            heads.append(index)
    if len(heads) < MIN_NUMBERED_HEADINGS:
        return []
    sections: list[Section] = []
    before = "\n".join(lines[: heads[0]]).strip()
    if before:
        sections.append(Section(1, "", before))
    for start, end in zip(heads, [*heads[1:], len(lines)], strict=True):
        body = "\n".join(lines[start + 1 : end]).strip()
        sections.append(Section(len(sections) + 1, lines[start].strip(), body))
    return sections


def read_document(root: Path, path: Path, rel: str, problems: list[Problem]) -> Document | None:
    suffix = path.suffix.lower()
    if suffix not in KNOWN:
        problems.append(Problem(rel, f"unbekanntes Dateiformat '{suffix}' – erlaubt: .md, .txt, .pdf, .docx, .html"))
        return None
    data = access.read(root, path, rel, problems)
    if data is None:
        return None
    if suffix in READABLE:
        try:
            text = data.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, f"Datei ist nicht UTF-8-kodiert (Byte {exc.start}) – als UTF-8 speichern"))
            return None
        meta, body = _front_matter(text, rel, problems)
    else:  # PDF, Word, HTML: the inquiry readers, headings kept as Markdown where the format has them
        try:
            body = read_bytes(data, rel, suffix, markdown_headings=True, notes_apart=False).text
        except InquiryError as exc:
            problems.append(Problem(rel, exc.message + (f" – {exc.hint}" if exc.hint else "")))
            return None
        meta = {}
    declared = "" if suffix in READABLE else declared_title(data, sniff(data, suffix))
    if suffix in READABLE or suffix == ".pdf":  # wrapped at a width; Word and HTML keep their paragraphs
        body = unwrap(body)
    body = run_on_lists(body)
    heading_title, sections = split_sections(body)
    if len(sections) == 1 and not sections[0].heading and (numbered := numbered_sections(sections[0].text)):
        sections = numbered  # no Markdown headings, but numbered ones (a PDF's "2. BoddenBot")
    elif len(sections) == 1 and len(sections[0].text) > PARAGRAPH_SECTION_CHARS:  # no headings (PDF)
        sections = paragraph_sections(sections[0].text)
    if not sections:
        problems.append(Problem(rel, "Dokument enthält keinen Text"))
        return None
    doc_type = str(meta.get("type") or "other")
    if doc_type not in DOCUMENT_TYPES:
        problems.append(
            Problem(
                rel,
                f"'type': unbekannter Wert '{doc_type}' – erlaubt: {', '.join(DOCUMENT_TYPES)}",
                1,
            )
        )
        doc_type = "other"
    unknown = set(meta) - {"title", "type", "valid_from", "valid_until", "owner", "public", "status"}
    if unknown:
        problems.append(
            Problem(
                rel, f"unbekannte Front-Matter-Felder (werden ignoriert): {', '.join(sorted(unknown))}", 1, warning=True
            )
        )
    title = str(meta.get("title") or _title(heading_title, body, declared) or opening_title(body) or path.stem)
    header = text[4 : text.find("\n---", 4)] if meta and suffix in READABLE else ""
    return Document(
        path=rel,
        title=title,
        type=doc_type,
        sections=tuple(sections),
        valid_from=_as_date(meta.get("valid_from"), "valid_from", rel, problems),
        valid_until=_as_date(meta.get("valid_until"), "valid_until", rel, problems),
        owner=str(meta.get("owner") or ""),
        public=bool(meta.get("public", True)),
        header=header.strip(),
        draft=is_draft(title, meta, body),
    )
