"""Read the text layer of a PDF: page furniture removed, justified text repaired.

Council information systems export inquiries as PDF with a header and footer
on every page ("Drucksache 12/345", "Seite 1 von 2"), justified text with
doubled spaces and words hyphenated at line ends. A line that recurs at the
top or bottom of most pages (digits ignored, so page numbers match) is page
furniture and dropped; hyphenated line breaks are joined
("Schulungs-" + "maßnahmen"); runs of spaces collapse; a list's label on a
line of its own goes before its item; the margin's line numbers of a numbered printout are
dropped. A PDF without a text layer (a scan) is
reported as such.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from typing import Any

from assistant.errors import InquiryError, require
from assistant.formats.pdf_layout import Fragment, has_table, page_lines

EDGE_LINES = 6  # how many lines at the top and bottom of a page may be furniture (a system's name, the paper's
# number, the printout's time, its title and "Seite 1 von 2" head each page of a council system's printout)
MIN_CHARS_PER_PAGE = 20
MAX_PAGES = 500
MAX_CONTENT_BYTES = 4 * 1024 * 1024  # decompressed drawing instructions of one page; a text page has kilobytes
_QUESTION = re.compile(r"^(?:frage\s+)?#\s*[.)]\s+\S.*\?$")  # the shape of a numbered question
_LABEL = re.compile(r"^(?:#|[a-z])[.)]$|^\((?:#|[a-z]{1,3})\)$")  # the shape of a list's label alone
# The shape of a list's item: two sub-demands alike but for their figures, one at the foot of page 1 and one at
# the head of page 2 ("b. Hierfür werden ab dem Haushaltsjahr 2027 jährlich 40.000 Euro bereitgestellt.")
_ITEM = re.compile(r"^(?:#|[a-z]|[ivx]{1,4})[.)]\s+\S|^\((?:#|[a-z]{1,3})\)\s+\S")


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines that recur at a page edge on at least half of the pages (two pages or more)."""
    if len(pages) < 2:
        return pages
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edges = {_shape(line) for line in content[:EDGE_LINES] + content[-EDGE_LINES:]}
        counts.update(edges)
    threshold = max(2, (len(pages) + 1) // 2)
    furniture = {shape for shape, count in counts.items() if count >= threshold and shape}
    furniture = {shape for shape in furniture if not _QUESTION.match(shape)}  # "12. Frage zu Punkt 12?" is content
    furniture = {shape for shape in furniture if not _LABEL.match(shape)}  # "1." on its own line: a list's label
    furniture = {shape for shape in furniture if not _ITEM.match(shape)}
    page_number = re.compile(r"^(seite\s*)?#(\s*(von|/)\s*#)?$")
    cleaned = []
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edge = set(content[:EDGE_LINES] + content[-EDGE_LINES:])
        cleaned.append(
            [
                line
                for line in lines
                if not (line in edge and (_shape(line) in furniture or page_number.match(_shape(line))))
            ]
        )
    return cleaned


# A line number in the margin, which the text layer puts on a line of its own before the line it numbers.
_BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
_OWN_LABEL = re.compile(r"^\s*(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+\S")
MIN_LINE_NUMBERS = 5


def strip_line_numbers(lines: list[str]) -> list[str]:
    """Drop the margin's line numbers of a numbered printout (a motion "mit Zeilennummern"): bare numbers
    that count up (mostly by one) and number lines a list's label cannot stand before – a line that has a
    label of its own ("1. Zur Trinkwasserversorgung:") or goes on lower case ("ein, dass …"). Bare numbers
    that label items one by one are kept."""
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _BARE_NUMBER.match(line))]
    if len(numbered) < MIN_LINE_NUMBERS:
        return lines
    pairs = list(itertools.pairwise(numbered))
    if any(b <= a for (_, a), (_, b) in pairs) or sum(b == a + 1 for (_, a), (_, b) in pairs) < 0.8 * len(pairs):
        return lines

    def numbers_a_line(index: int) -> bool:  # the next line with text (no copy of the rest: linear in all)
        rest = itertools.islice(lines, index + 1, None)
        following = next((line.strip() for line in rest if line.strip()), "")
        return bool(following) and (following[0].islower() or bool(_OWN_LABEL.match(following)))

    if not any(numbers_a_line(i) for i, _ in numbered):
        return lines
    margin = {i for i, _ in numbered}
    return [line for i, line in enumerate(lines) if i not in margin]


# A list's label the text layer puts on a line of its own ("1." / "beim Servicebot 115", "a)" / "die …").
_LONE_LABEL = re.compile(r"(?m)^[ \t]*(\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\))[ \t]*\n[ \t]*(?=\S)")


def repair_lines(text: str) -> str:
    """Collapse justified spacing, join words hyphenated across line breaks, and put a list's label that
    stands on a line of its own before its item's text."""
    text = re.sub(r"[ \t\u00a0]{2,}", " ", text)
    text = _LONE_LABEL.sub(r"\1 ", text)
    return re.sub(r"(\w)-\n(?=[a-zäöüß])", r"\1", text)


NOTES = "[Randspalte]"  # what opens a margin note's line in the text: no question, no demand
MIN_COLUMN_ROWS = 6  # rows with text in a second column; a letterhead's address block has fewer
NOTES_RATIO = 0.75  # a second column whose rows are at most this long against the first's holds notes
SAME_RATIO = 1.33  # … up to this long it goes on with the text; longer, the first column holds labels (line numbers)


def _page_lines(page: Any, name: str, notes_apart: bool) -> tuple[list[str], list[str]]:
    """A page's lines, and its margin notes (a narrower second column: "Hinweise und Quellen der Fraktion")."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > MAX_CONTENT_BYTES:
        raise InquiryError(
            f"Eine Seite des PDFs ist zu umfangreich ({size // 1_048_576} MB Zeichenbefehle)",
            path=name,
            hint="den Text der Anfrage als .txt oder .docx speichern",
        )
    fragments: list[Fragment] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            fragments.append((float(x), float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5]), text.strip()))

    text = str(page.extract_text(visitor_text=visit) or "").replace("\r", "")
    if _word_per_line(text):  # each word drawn on its own: the text layer breaks after each (no column reading)
        return page_lines(fragments), []
    split = columns(fragments, float(page.mediabox.width)) if notes_apart else None
    if split is None and has_table(fragments):  # a table whose cells wrap: the text layer gives each cell's line
        return page_lines(fragments), []
    return split if split is not None else (text.split("\n"), [])


MIN_LINES = 20  # a page with this many lines …
WORDS_PER_LINE = 1.3  # … and fewer words per line on average has one line per word


def _word_per_line(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= MIN_LINES and sum(len(line.split()) for line in lines) < WORDS_PER_LINE * len(lines)


def columns(fragments: list[Fragment], width: float) -> tuple[list[str], list[str]] | None:
    """A page drawn in two columns, read column by column instead of row by row (the text layer interleaves
    them): a narrower second column holds notes, kept apart; one as wide goes on after the first. None for a
    page of one column (a letterhead's address block or a table of a few rows is none)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in fragments:
        rows.setdefault(round(y), []).append((x, text))
    starts: Counter[int] = Counter()
    for row in rows.values():
        leftmost = min(x for x, _ in row)
        starts.update({round(x / 2) * 2 for x, _ in row if x > 0.45 * width and x - leftmost > 40})
    if not starts:
        return None
    split, count = starts.most_common(1)[0]
    if count < MIN_COLUMN_ROWS:
        return None
    ordered = [sorted(rows[y]) for y in sorted(rows, reverse=True)]  # top to bottom, left to right
    left = [" ".join(t for x, t in row if x < split - 2) for row in ordered]
    right = [" ".join(t for x, t in row if x >= split - 2) for row in ordered]
    widths = [sum(map(len, side)) / max(1, sum(1 for line in side if line)) for side in (left, right)]
    ratio = widths[1] / max(widths[0], 1.0)
    if ratio > SAME_RATIO:
        return None
    # rows where the second column starts at its edge beside text in the first (not a right-aligned date)
    both = [i for i, row in enumerate(ordered) if left[i] and any(abs(x - split) <= 2 for x, _ in row)]
    if not both:
        return None
    first, last = both[0], both[-1]  # above and below the columns: a letterhead's date, the page's footer
    apart = [line for a, b in zip(left, right, strict=True) for line in (a, b)]  # each side a line of its own
    head, tail = apart[: 2 * first], apart[2 * (last + 1) :]
    left, right = left[first : last + 1], right[first : last + 1]
    if ratio >= NOTES_RATIO:
        return [line for line in head + left + right + tail if line], []
    if not _prose(right):  # a table's figures ("31.500 €", "2028"), read row by row
        return None
    if _COLUMN_HEAD.match(left[0]):  # "Fragen" over the questions, "Hinweise und Quellen" over the notes
        left[0] = f"{COLUMN_HEAD} {left[0]}"
    return [line for line in head + left + tail if line], _notes(right)


COLUMN_HEAD = "[Spaltenkopf]"  # marks a column's heading, which each page repeats: kept once
_COLUMN_HEAD = re.compile(r"^[A-ZÄÖÜ][\w ]{0,40}$")  # a few words, no figure, no punctuation


def _prose(lines: list[str]) -> bool:
    """Whether the lines are mostly words, not figures."""
    said = "".join("".join(lines).split())
    return sum(c.isalpha() for c in said) >= 0.6 * max(len(said), 1)


def _once(pages: list[list[str]]) -> list[list[str]]:
    """A column's heading on the first page where it stands, not again on each later page."""
    seen: set[str] = set()
    kept = []
    for lines in pages:
        page = []
        for line in lines:
            if line.startswith(COLUMN_HEAD):
                if line in seen:
                    continue
                seen.add(line)
                line = line.removeprefix(COLUMN_HEAD).strip()
            page.append(line)
        kept.append(page)
    return kept


def _notes(right: list[str]) -> list[str]:
    """The second column's rows, a run of rows without a gap as one note."""
    notes, current = [], []
    for line in [*right, ""]:
        if line:
            current.append(line)
        elif current:
            notes.append(f"{NOTES} " + " ".join(current))
            current = []
    return notes


def read_pdf(data: bytes, name: str, *, notes_apart: bool = True) -> str:
    pypdf = require("pypdf", "pypdf", "PDF-Dateien lesen")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))  # type: ignore[attr-defined]
        if reader.is_encrypted and not reader.decrypt(""):
            raise InquiryError(
                "Das PDF ist passwortgeschützt", path=name, hint="ohne Kennwort speichern oder den Text kopieren"
            )
        read = [_page_lines(page, name, notes_apart) for page in reader.pages[:MAX_PAGES]]
    except InquiryError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        raise InquiryError(
            "Das PDF ist beschädigt oder kein PDF",
            path=name,
            hint="die Datei erneut exportieren oder den Text als .txt speichern",
        ) from exc
    if not read:
        raise InquiryError("Das PDF enthält keine Seiten", path=name)
    pages, notes = [lines for lines, _ in read], [note for _, page_notes in read for note in page_notes]
    pages = _once(pages)
    characters = sum(len("".join(lines).strip()) for lines in pages)
    if characters < MIN_CHARS_PER_PAGE * len(pages):
        raise InquiryError(
            "Das PDF enthält keinen Text (vermutlich ein Scan)",
            path=name,
            hint="mit Texterkennung (OCR) umwandeln oder den Text abtippen bzw. als .txt speichern",
        )
    cleaned = strip_line_numbers([line for lines in strip_furniture(pages) for line in lines])
    # the margin's notes after the text, each on a line of its own that no question or demand starts with
    return repair_lines("\n".join(cleaned + (["", *notes] if notes else [])))
