"""Read an inquiry from an HTML page: council information systems and news pages.

Navigation, headers, footers, scripts, cookie banners and adverts are removed;
the main content (``<main>``, ``<article>``, or the element called
content/inhalt) is turned into lines. Ordered lists get their numbers back
(``1.``, ``a)`` for ``type="a"``, ``start`` honoured), unordered lists ``•``,
table rows become "cell | cell" lines.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import InquiryError, require
from assistant.inquiry.word import format_number

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe")
NOISE = re.compile(
    r"(^|[-_ ])(nav|navigation|menu|menue|footer|header|cookie|consent|advert|anzeige|werbung|banner|sidebar|"
    r"breadcrumb|social|share|teaser|related|skip)([-_ ]|$)",
    re.IGNORECASE,
)
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "li", "dd", "dt",
         "blockquote", "pre", "table", "ul", "ol", "dl"}  # fmt: skip
LIST_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _is_noise(tag: Any) -> bool:
    if tag.attrs is None:
        return False
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    role = tag.get("role") or ""
    return bool(names and NOISE.search(names)) or role in {"navigation", "banner", "contentinfo"}


def _main(soup: Any) -> Any:
    for selector in ("main", "article", "[role=main]", "#content", "#inhalt", ".content", ".inhalt"):
        found = soup.select_one(selector)
        if found is not None and len(found.get_text(strip=True)) > 200:
            return found
    return soup.body or soup


def _render(node: Any, out: list[str], headings: bool = False) -> None:
    name = getattr(node, "name", None)
    if name is None:
        text = str(node)
        if text.strip():
            out.append(re.sub(r"\s+", " ", text))
        return
    if name == "br":
        out.append("\n")
        return
    if name in ("ol", "ul"):
        fmt = LIST_TYPES.get(node.get("type", "1"), "decimal") if name == "ol" else "bullet"
        number = int(node.get("start", "1")) if str(node.get("start", "1")).isdigit() else 1
        for item in node.find_all("li", recursive=False):
            marker = format_number(number, fmt)
            marker = marker if fmt == "bullet" else f"{marker}." if fmt == "decimal" else f"{marker})"
            out.append(f"\n{marker} ")
            for child in item.children:
                _render(child, out, headings)
            out.append("\n")
            number += 1
        return
    if name == "tr":
        cells = [re.sub(r"\s+", " ", c.get_text(" ", strip=True)) for c in node.find_all(["td", "th"], recursive=False)]
        cells = [c for c in cells if c]
        if cells:
            out.append("\n" + " | ".join(cells) + "\n")
        return
    block = name in BLOCK
    if headings and name in ("h1", "h2", "h3", "h4"):
        out.append(("\n# " if name == "h1" else "\n## ") + node.get_text(" ", strip=True) + "\n")
        return
    if block:
        out.append("\n")
    for child in node.children:
        _render(child, out, headings)
    if block:
        out.append("\n")


def read_html(data: bytes, name: str, *, markdown_headings: bool = False) -> str:
    """Text lines of the page's main content; with ``markdown_headings`` h1-h4 become ``#``/``##`` lines."""
    bs4 = require("bs4", "beautifulsoup4", "HTML-Seiten lesen")
    try:
        soup = bs4.BeautifulSoup(data, "html.parser")  # type: ignore[attr-defined]
    except Exception as exc:
        raise InquiryError(f"HTML kann nicht gelesen werden ({type(exc).__name__})", path=name) from exc
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_noise):
        if not tag.decomposed:
            tag.decompose()
    out: list[str] = []
    _render(_main(soup), out, markdown_headings)
    text = "".join(out)
    lines = [line.strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not text:
        raise InquiryError("Die HTML-Seite enthält keinen lesbaren Text", path=name)
    return text
