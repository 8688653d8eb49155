"""Page furniture in a plain text: a fax's or a scan's OCR keeps every page's head and foot.

A motion sent by fax and read by OCR repeats on each page the fax line ("26.NOV.2026 16:42  DIE LINKE
RV-FRAKTION … NR.318 S. 2/2"), the letterhead (OCR'd once as "Regionalversammlung", once as
"Regiona1versammlung") and a footer ("- Seite 1 von 2 -"); a page break in the middle of a demand cuts
"Produkt" into "Pro-" and, a page later, "dukt 11.1.06". The text is cut into pages at its form feeds and after
its "Seite n von m" lines; a line at the edge of a later page that recurs at the edge of another page (letters
only, an OCR's "1" inside a word read as "l") is dropped – the first page's head is the letter's – and a page
that ends inside a sentence goes on with the next without the blank lines between. A text without pages stays
as it is. Linear in the text.
"""

from __future__ import annotations

import re
from collections import Counter

EDGE_LINES = 6  # lines at the top and the bottom of a page that may be furniture
MIN_KEY = 8  # letters a line must have to count as furniture ("An die" recurs and is the letter's)
# "- Seite 1 von 2 -", "Seite 2/3", at the end of a footer line ("DIE LINKE. Fraktion …    - Seite 1 von 2 -")
# … or a page's number alone between dashes ("- 2 -")
_FOOTER = re.compile(
    r"\bSeite\s+\d{1,3}\s*(?:von|/)\s*\d{1,3}[\s–-]{0,4}$|^\s*[–-]\s*\d{1,3}\s*[–-]\s*$", re.IGNORECASE
)
FOOTER_CHARS = 40  # a footer's page number stands at the end of its line: only so much is read of it
_IN_WORD_ONE = re.compile(r"(?<=[a-zäöüß])[1](?=[a-zäöüß])")
_NOT_LETTER = re.compile(r"[^a-zäöüß]+")
_ENDS = re.compile(r"[.!?:;]\s*$")
# A page's line that is content wherever it stands: a numbered question or item, a list's label
_CONTENT = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|\(\w{1,3}\))\s")


def _footer(line: str) -> bool:
    return _FOOTER.search(line.rstrip()[-FOOTER_CHARS:]) is not None


def _key(line: str) -> str:
    """What a line says in letters: digits, spaces and marks dropped, an OCR's "1" inside a word as "l"."""
    return _NOT_LETTER.sub("", _IN_WORD_ONE.sub("l", line.lower()))


def _pages(text: str) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for line in text.replace("\f", "\n\f\n").split("\n"):
        if line == "\f":
            pages.append([])
            continue
        pages[-1].append(line)
        if _footer(line):
            pages.append([])
    return [page for page in pages if any(line.strip() for line in page)]


def _edges(page: list[str]) -> list[str]:
    content = [line for line in page if line.strip()]
    return content[:EDGE_LINES] + content[-EDGE_LINES:]


def unpaged(text: str) -> str:
    """The text without its pages' furniture, a page that ends inside a sentence joined to the next."""
    pages = _pages(text)
    if len(pages) < 2:
        return text
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(line) for line in _edges(page)})
    furniture = {key for key, count in counts.items() if count >= 2 and len(key) >= MIN_KEY}
    out: list[str] = []
    for number, page in enumerate(pages):
        edges = set(_edges(page)) if number else set()  # the first page's head is the letter's: its sender
        kept = [
            line
            for line in page
            if not _footer(line) and not (line in edges and _key(line) in furniture and not _CONTENT.match(line))
        ]
        while kept and not kept[0].strip():
            kept.pop(0)
        if out and kept:
            while out and not out[-1].strip():
                out.pop()
            if out and not _ENDS.search(out[-1]):  # "… hierfür werden bei Pro-" / "dukt 11.1.06 …"
                out[-1] = _joined(out[-1].rstrip(), kept.pop(0).strip())
            else:
                out.append("")
        out.extend(kept)
    return "\n".join(out)


def _joined(end: str, start: str) -> str:
    """A page's last line and the next page's first as one: a word hyphenated across them joined ("Pro-" +
    "dukt"), a hyphen before a capital kept ("KI-" + "Haushaltsmittel")."""
    if end.endswith("-") and end[-2:-1].isalpha() and start[:1].islower():
        return end[:-1] + start
    return f"{end}{'' if end.endswith('-') else ' '}{start}"
