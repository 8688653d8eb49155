"""Read an inquiry from an HTML page: council information systems and news pages.

Navigation, headers, footers, scripts, cookie banners and adverts are removed;
the main content (``<main>``, ``<article>``, or the element called
content/inhalt) is turned into lines. Ordered lists get their numbers back
(``1.``, ``a)`` for ``type="a"``, ``start`` honoured), unordered lists ``•``,
table rows become "cell | cell" lines.

Parsing is lxml's (libxml2, C, linear; it stops nesting at depth 2048, so a crafted
page of 100,000 nested elements or 10 MB of unclosed ``<b><i>`` is read in
milliseconds, and whatever lies deeper is dropped). The walk over the tree uses an
explicit stack, never recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.errors import InquiryError, require
from assistant.formats.word import format_number

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w-]{1,40})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # libxml2 refuses them


def decode_html(data: bytes) -> str:
    """An HTML page's text: the charset its ``<meta>`` names, else UTF-8, else Windows-1252."""
    declared = _CHARSET.search(data[:4096])
    encodings = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*encodings, "utf-8-sig", "cp1252"]:
        try:
            return _CONTROL.sub("", _XML_DECLARATION.sub("", data.decode(encoding)))
        except (UnicodeDecodeError, LookupError):
            continue
    return _CONTROL.sub("", _XML_DECLARATION.sub("", data.decode("latin-1")))


DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe")
NOISE = re.compile(
    r"(^|[-_ ])(nav|navigation|menu|menue|footer|header|cookie|consent|advert|anzeige|werbung|banner|sidebar|"
    r"breadcrumb|social|share|teaser|related|skip)([-_ ]|$)",
    re.IGNORECASE,
)
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "li", "dd", "dt",
         "blockquote", "pre", "table", "ul", "ol", "dl"}  # fmt: skip
MAX_ELEMENTS = 100_000  # a long council page has a few thousand
LIST_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
MAIN = ("//main", "//article", "//*[@role='main']", "//*[@id='content']", "//*[@id='inhalt']",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' content ')]",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' inhalt ')]")  # fmt: skip


@dataclass(frozen=True)
class _Emit:
    text: str


def _words(text: str | None) -> list[_Emit]:
    return [_Emit(re.sub(r"\s+", " ", text))] if text and text.strip() else []


def _plain(element: Any) -> str:
    return " ".join(part.strip() for part in element.itertext() if part.strip())


def _is_noise(element: Any) -> bool:
    names = " ".join([element.get("id") or "", element.get("class") or ""]).strip()
    return bool(names and NOISE.search(names)) or (element.get("role") or "") in {"navigation", "banner", "contentinfo"}


def _main(root: Any) -> Any:
    for path in MAIN:
        found = root.xpath(path)
        if found and len("".join(t.strip() for t in found[0].itertext())) > 200:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _render(root: Any, out: list[str], headings: bool = False) -> None:
    """Depth-first over the tree with an explicit stack; an element's tail follows the element."""
    stack: list[Any] = [*_list_of(root, headings)]
    stack.reverse()
    while stack:
        node = stack.pop()
        if isinstance(node, _Emit):
            out.append(node.text)
        else:
            stack.extend(reversed([*_list_of(node, headings), *_words(node.tail)]))


def _list_of(node: Any, headings: bool) -> list[Any]:
    """What an element turns into: text to emit and children to visit, in order (its tail excluded)."""
    if not isinstance(node.tag, str):
        return []  # a comment or processing instruction
    name = node.tag.lower()
    if name == "br":
        return [_Emit("\n")]
    if name in ("ol", "ul"):
        return _list_items(node, name)
    if name == "dl":
        return _definitions(node)
    if name == "tr":
        if any(_holds_blocks(cell) for cell in node if cell.tag in ("td", "th")):
            return _nested_row([cell for cell in node if cell.tag in ("td", "th")])
        cells = [c for c in (_plain(cell) for cell in node if cell.tag in ("td", "th")) if c]
        return [_Emit("\n" + " | ".join(cells) + "\n")] if cells else []
    if headings and name in ("h1", "h2", "h3", "h4"):
        return [_Emit(("\n# " if name == "h1" else "\n## ") + _plain(node) + "\n")]
    edge = [_Emit("\n")] if name in BLOCK else []
    return [*edge, *_words(node.text), *node, *edge]


# What a layout table's cell holds when it holds a page, not a value: a table, a list, a heading.
_BLOCKS = ".//table|.//ol|.//ul|.//h1|.//h2|.//h3|.//h4"


def _holds_blocks(cell: Any) -> bool:
    """Whether a cell holds a table of its own, a list or a heading (a council system's page laid out in a
    table: "Beschlussvorschlag", "<ol><li>…"), walked then, not flattened into one "cell | cell" line."""
    return bool(cell.xpath(_BLOCKS))


def _nested_row(cells: list[Any]) -> list[Any]:
    """A table row whose cell holds a table of its own (a council system's question list: "2." | "Zur
    KI-Schreibassistenz:" over a table of a) b) c)) is walked, not flattened into one line; its first
    cell's label goes before the next cell's opening paragraph ("2. Zur KI-Schreibassistenz:")."""
    label = _plain(cells[0]) if cells else ""
    if len(cells) < 2 or not LABEL_CELL.fullmatch(label):
        return [_Emit("\n"), *cells, _Emit("\n")]
    rest, children = cells[1], list(cells[1])
    opening = _words(rest.text)
    if not opening and children and children[0].tag in ("p", "div", "span") and children[0].find(".//table") is None:
        opening = [*_words(_plain(children[0])), _Emit("\n"), *_words(children[0].tail)]
        children = children[1:]
    return [_Emit(f"\n{label} "), *opening, *children, *cells[2:], _Emit("\n")]


# A cell that holds only a list label: "1.", "2", "a)", "(3)", "IV."
LABEL_CELL = re.compile(r"(?:Frage\s+)?\(?\d{1,3}[.)]?|\(?[a-z]\)|[IVX]{1,5}\.", re.IGNORECASE)


def _list_items(node: Any, name: str) -> list[Any]:
    """A list's items with their numbers back (``start`` honoured)."""
    fmt = LIST_TYPES.get(node.get("type", "1"), "decimal") if name == "ol" else "bullet"
    start = str(node.get("start", "1"))
    number = int(start) if start.isascii() and start.isdigit() and len(start) < 10 else 1
    pending: list[Any] = []
    for item in node:
        if item.tag != "li":
            continue
        marker = format_number(number, fmt)
        marker = marker if fmt == "bullet" else f"{marker}." if fmt == "decimal" else f"{marker})"
        pending += [_Emit(f"\n{marker} "), *_words(item.text), *item, _Emit("\n"), *_words(item.tail)]
        number += 1
    return pending


def _definitions(node: Any) -> list[Any]:
    """A definition list's terms and descriptions; a term that is only a list label ("1.", "a)") goes before
    its description on one line ("1. Bis zum 31.12.2027 …"), as a numbered list's item would."""
    pending: list[Any] = [_Emit("\n")]
    children = [child for child in node if isinstance(child.tag, str)]
    labelled = False  # the term before was a list label: this description goes on its line
    for index, child in enumerate(children):
        after = children[index + 1] if index + 1 < len(children) else None
        label = _plain(child) if child.tag == "dt" else ""
        if label and LABEL_CELL.fullmatch(label) and after is not None and after.tag == "dd":
            pending.append(_Emit(f"\n{label} "))
            labelled = True
            continue
        if child.tag == "dd" and labelled:
            pending += [*_words(child.text), *child, _Emit("\n"), *_words(child.tail)]
        else:
            pending.append(child)
        labelled = False
    return [*pending, _Emit("\n")]


def read_html(data: bytes, name: str, *, markdown_headings: bool = False) -> str:
    """Text lines of the page's main content; with ``markdown_headings`` h1-h4 become ``#``/``##`` lines."""
    html = require("lxml.html", "lxml", "HTML-Seiten lesen")
    try:
        parser = html.HTMLParser(huge_tree=True)  # type: ignore[attr-defined]  # depth 2048 instead of 256
        root = html.document_fromstring(decode_html(data), parser=parser)  # type: ignore[attr-defined]
    except Exception as exc:  # lxml's ParserError ("Document is empty") and friends
        raise InquiryError("Die HTML-Seite enthält keinen lesbaren Text", path=name) from exc
    elements = sum(1 for _ in root.iter())
    if elements > MAX_ELEMENTS:
        raise InquiryError(
            f"Die HTML-Seite hat {elements:_} Elemente (höchstens {MAX_ELEMENTS:_})".replace("_", "."),
            path=name,
            hint="den Text der Anfrage als .txt oder .docx speichern",
        )
    for element in [e for e in root.iter() if isinstance(e.tag, str) and (e.tag in DROP_TAGS or _is_noise(e))]:
        if element.getparent() is not None:
            element.drop_tree()
    out: list[str] = []
    _render(_main(root), out, markdown_headings)
    lines = [line.strip() for line in "".join(out).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise InquiryError("Die HTML-Seite enthält keinen lesbaren Text", path=name)
    return text
