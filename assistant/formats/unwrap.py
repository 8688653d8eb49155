"""Join the lines of a hard-wrapped paragraph, so a sentence is one line again.

Plain-text and Markdown documents are often wrapped at a fixed width, and a PDF's text comes in its
visual lines: "… legt sie dem Samtgemeinderat" / "bis zum 30.06.2027 vor." Sentences are read per line
(``text.sentences_of``), so a wrapped sentence was quoted and cited in halves. A line is joined to the
next when it is long, ends without a sentence's or a label's punctuation and is neither a heading nor a
table row, and the next line starts no block of its own (list item, heading, table row, quote). Short
lines (a letterhead, "Datum: 24.11.2026") and column layouts stay as they are. Linear in the text.
"""

from __future__ import annotations

import re

WRAPPED_MIN_CHARS = 50  # a line shorter than this ends where its writer ended it
_ENDS = re.compile(r"[.!?:;|]\s*$")
_BLOCK = re.compile(r"^\s*(?:#|\||>|[-*•–]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-z]{1,2}[.)]\s|\(\w{1,3}\)\s|$)")
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S")
_HYPHEN = re.compile(r"(?<=[a-zäöüß])-$")
_SUSPENDED = re.compile(r"(?:und|oder|bzw\.|sowie)\s")
# A line ending on a word that cannot end a sentence ("… zur Leistungs- und" / "Verhaltenskontrolle …").
_OPEN_END = re.compile(
    r"(?:-|\b(?:und|oder|sowie|der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|mit|von|vom|zu|zur|zum|"
    r"für|auf|in|im|an|am|bei|beim|nach|über|unter|aus|als|wie|dass|ob|bis|vor|durch|gegen|ohne|um|nicht|sich|"
    r"werden|wird|ist|sind|hat|haben|kann|können|soll|sollen|muss|müssen|darf|dürfen))$"
)


def _continues(line: str, following: str, in_item: bool) -> bool:
    """Whether ``following`` goes on with ``line``; in a list item (``in_item``) only an indented or lower-case
    line does ("- Option: … 2.400 EUR brutto" / "Nicht Gegenstand des Auftrags: …" is a new paragraph)."""
    stripped = line.strip()
    if in_item and not (following[:1].isspace() or following.strip()[:1].islower() or _OPEN_END.search(stripped)):
        return False
    return (
        len(stripped) >= WRAPPED_MIN_CHARS
        and not (_ENDS.search(stripped) and not _open_bracket(stripped) and not _goes_on(stripped, following))
        and not stripped.startswith(("#", "|"))
        and not _BLOCK.match(following)
        and not _COLUMNS.search(stripped)
        and not _COLUMNS.search(following.strip())
    )


def _goes_on(line: str, following: str) -> bool:
    """A semicolon ends no sentence where the next line goes on in lower case ("… lag bei 6,1 %;" / "bei
    Redebeiträgen in ausgeprägter Mundart stieg sie auf 11,8 %.")."""
    return line.endswith(";") and following.strip()[:1].islower()


def _open_bracket(line: str) -> bool:
    """A label's colon or a semicolon inside an open bracket ends nothing: "… Finanzverfahren (2026:" /
    "98.000 €; Entwurf 2027: 101.000 €)"."""
    return line.endswith((":", ";")) and line.count("(") > line.count(")")


def unwrap(text: str) -> str:
    """The text with each hard-wrapped paragraph's lines joined (a word hyphenated at a line's end joined
    without its hyphen when it goes on in lower case)."""
    lines = text.split("\n")
    out: list[str] = []
    in_item = False
    for index, line in enumerate(lines):
        if out and index > 0 and _continues(lines[index - 1], line, in_item):
            previous, rest = out[-1].rstrip(), line.strip()
            if _HYPHEN.search(previous) and _SUSPENDED.match(rest):
                out[-1] = f"{previous} {rest}"  # "Hard-" / "und Software": a shared part, not a split word
            elif _HYPHEN.search(previous):
                out[-1] = (previous[:-1] if rest[:1].islower() else previous) + rest
            else:
                out[-1] = f"{previous} {rest}"
            continue
        in_item = bool(_BLOCK.match(line)) and bool(line.strip())
        out.append(line)
    return "\n".join(out)
