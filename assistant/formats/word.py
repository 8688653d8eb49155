"""Read a Word document (.docx) into text lines, including automatic list numbering.

Word stores the numbers of an automatically numbered list not in the paragraph
text but in ``numbering.xml``: a paragraph names a list (``numId``) and a level
(``ilvl``); the list's abstract definition gives each level's format
(``decimal``, ``lowerLetter``, ``upperRoman``, ``bullet``, ...), its label
template (``%1.``, ``%2)``) and start value. This module replays those
counters in document order, so "1.", "a)" and "•" appear in the text as a
reader sees them. Tables become one line per row, cells separated by " | ".
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import InquiryError, require

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LIST_NUMBER = 9999
MAX_STYLE_CHAIN = 20  # Word itself nests styles a few levels deep; a loop must end
MAX_LEVEL = 8  # Word's list levels are 0-8


def _int(value: str | None, default: int) -> int:
    """A number attribute of the document XML; anything else (``ilvl="x"``) is the default."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else default


def _roman(number: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(number)
        return text.upper() if fmt == "upperLetter" else text
    if number > MAX_LIST_NUMBER or number < 1:
        return str(number)  # no council numbers a list beyond this; a crafted start value must not loop
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(number)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "bullet":
        return "•"
    if fmt == "none":
        return ""
    return str(number)  # decimal and anything unknown


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Levels per numId and the running counters, replayed in document order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    abstract_of: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, element: Any) -> Numbering:
        numbering = cls()
        if element is None:
            return numbering
        abstracts: dict[str, dict[int, Level]] = {}
        for abstract in element.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[min(_int(lvl.get(f"{W}ilvl"), 0), MAX_LEVEL)] = Level(
                    fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text=text.get(f"{W}val", "") if text is not None else "",
                    start=_int(start.get(f"{W}val"), 1) if start is not None else 1,
                )
            abstracts[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in element.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                abstract_id = ref.get(f"{W}val", "")
                numbering.abstract_of[num.get(f"{W}numId", "")] = abstract_id
                numbering.levels[num.get(f"{W}numId", "")] = abstracts.get(abstract_id, {})
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        key = self.abstract_of.get(num_id, num_id)  # lists sharing a definition continue counting
        counters = self.counters.setdefault(key, {})
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = level.text
        for index in range(ilvl, -1, -1):
            lvl = levels.get(index, Level())
            value = counters.get(index, lvl.start)
            text = text.replace(f"%{index + 1}", format_number(value, lvl.fmt))
        return text.strip()


Styles = dict[str, tuple[str, Any, str | None]]  # paragraph style id -> (name, pPr, basedOn id)


def _styles(document: Any) -> tuple[Styles, str | None]:
    """The paragraph styles by id, read once (python-docx looks a style up by scanning all of them)."""
    table: Styles = {}
    default = None
    for style in document.styles.element.iterchildren(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        ident = style.get(f"{W}styleId", "")
        name, based = style.find(f"{W}name"), style.find(f"{W}basedOn")
        table[ident] = (
            name.get(f"{W}val", "") if name is not None else ident,
            style.find(f"{W}pPr"),
            based.get(f"{W}val") if based is not None else None,
        )
        if style.get(f"{W}default") in ("1", "true"):
            default = ident
    return table, default


def _style_of(element: Any, default: str | None) -> str | None:
    found = element.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else default


def _num_pr(element: Any, styles: Styles, style: str | None) -> tuple[str, int] | None:
    """The list a paragraph belongs to: its own numPr, else its style's (following basedOn, at most
    ``MAX_STYLE_CHAIN`` links: a style based on itself through another must end)."""
    candidates = [element.find(f"{W}pPr")]
    while style in styles and len(candidates) <= MAX_STYLE_CHAIN:
        _, ppr, style = styles[style]  # type: ignore[index]
        candidates.append(ppr)
    for ppr in candidates:
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{W}numId")
        ilvl = num_pr.find(f"{W}ilvl")
        if num_id is not None:
            level = _int(ilvl.get(f"{W}val"), 0) if ilvl is not None else 0
            return num_id.get(f"{W}val", "0"), min(level, MAX_LEVEL)
    return None


# Tracked changes: what was deleted (or moved away) is no longer the text; what was inserted is.
_REMOVED = frozenset({f"{W}del", f"{W}moveFrom"})
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# A drawing's fallback repeats its text box for older readers: what Word shows is the choice before it.
_NO_TEXT = frozenset({f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText", f"{W}footnoteReference", f"{_MC}Fallback"})


def paragraph_text(element: Any) -> str:
    """A paragraph's text as it reads with its tracked changes accepted: runs inside ``w:ins``, hyperlinks,
    content controls and fields included, runs inside ``w:del`` left out (python-docx reads only the runs
    directly under the paragraph, so it drops every insertion); a text box's paragraphs each on a line of their
    own, once (not again from the drawing's fallback for older readers)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node.iterchildren():
            tag = child.tag
            if tag in _REMOVED or tag in _NO_TEXT:
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}p":  # a text box's paragraph inside this one: a line of its own
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def read_docx(data: bytes, name: str, *, markdown_headings: bool = False) -> str:
    """Text lines of a .docx; with ``markdown_headings`` Word headings become ``## ...`` lines."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InquiryError(
            "Die Datei ist kein gültiges Word-Dokument (.docx)", path=name, hint="in Word erneut speichern"
        )
    docx = require("docx", "python-docx", "Word-Dokumente lesen")
    try:
        document = docx.Document(io.BytesIO(data))  # type: ignore[attr-defined]
    except Exception as exc:
        raise InquiryError(
            "Word-Dokument kann nicht gelesen werden (beschädigt oder kein .docx)",
            path=name,
            hint="in Word öffnen und erneut als .docx speichern",
        ) from exc
    try:
        numbering_element = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_element = None
    numbering = Numbering.from_part(numbering_element)
    styles, default_style = _styles(document)
    table_cls = require("docx.table", "python-docx", "Word-Dokumente lesen").Table  # type: ignore[attr-defined]
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            text = paragraph_text(child).strip()
            style_id = _style_of(child, default_style)
            style = styles[style_id][0].lower() if style_id in styles else ""
            if markdown_headings and text and style.startswith(("heading", "überschrift", "title", "titel")):
                lines.append(("# " if style.startswith(("title", "titel")) else "## ") + text)
                continue
            found = _num_pr(child, styles, style_id)
            label = numbering.label(*found) if found else ""
            if text or label:
                lines.append(f"{label} {text}".strip() if label else text)
            else:
                lines.append("")
        elif child.tag == f"{W}tbl":
            for row in table_cls(child, document).rows:
                cells = ["\n".join(paragraph_text(p._p) for p in c.paragraphs).strip() for c in row.cells]
                unique = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
                if unique:
                    lines.append(" | ".join(unique))
            lines.append("")
    return "\n".join(lines)
