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
NARROW_MIN_CHARS = 20  # … or shorter, where it cannot end (a narrow column of a two-column PDF)
COLUMN_MAX_CHARS = 60  # a narrow column's next line is shorter than this (a wide text's title line is not)
# A count after a preposition or "nur", before its noun: "… nur von 180" / "Beschäftigten genutzt."
_COUNT_END = re.compile(r"\b(?:von|mit|auf|um|bis\s+zu|über|unter|rund|etwa|ca\.|nur|insgesamt|je)\s+\d[\d.,]*$")
_ENDS = re.compile(r"[.!?:;|]\s*$")
_BLOCK = re.compile(r"^\s*(?:#|\||>|[-*•–]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-z]{1,2}[.)]\s|\(\w{1,3}\)\s|$)")
_COLUMNS = re.compile(r"\S(?: {3,}|\t)\S")
_HYPHEN = re.compile(r"(?<=[a-zäöüß])-$")
_SUSPENDED = re.compile(r"(?:und|oder|bzw\.|sowie)\s")
# A line ending on a word that cannot end a sentence ("… zur Leistungs- und" / "Verhaltenskontrolle …").
_OPEN_END = re.compile(
    r"(?:-|\b(?:und|oder|sowie|der|die|das|des|dem|den|ein|eine|einer|eines|einem|einen|mit|von|vom|zu|zur|zum|"
    r"für|auf|in|im|an|am|bei|beim|nach|über|unter|aus|als|wie|dass|ob|bis|vor|durch|gegen|ohne|um|nicht|sich|"
    r"werden|wird|ist|sind|hat|haben|kann|können|soll|sollen|muss|müssen|darf|dürfen|kein|keine|keinen|keiner|"
    r"keines|keinem|jede|jeder|jedes|jedem|jeden|alle|allen|aller|dieser|diese|dieses|diesem|diesen))$"
)


def _continues(line: str, following: str, in_item: bool) -> bool:
    """Whether ``following`` goes on with ``line``; in a list item (``in_item``) only an indented or lower-case
    line does ("- Option: … 2.400 EUR brutto" / "Nicht Gegenstand des Auftrags: …" is a new paragraph)."""
    stripped = line.strip()
    if in_item and not _item_goes_on(stripped, following):
        return False
    return (
        len(stripped) >= _least(stripped, following)
        and not (_ENDS.search(stripped) and not _open_bracket(stripped) and not _goes_on(stripped, following))
        and not stripped.startswith(("#", "|"))
        and not _BLOCK.match(following)
        and not _COLUMNS.search(stripped)
        and not _COLUMNS.search(following.strip())
    )


FULL_LINE_CHARS = 75  # a list item's line this long was wrapped by the page, not ended by its writer
_LABEL_OPENS = re.compile(r"^\s*[^:.!?]{1,40}:\s")  # "Nicht Gegenstand des Auftrags: …" opens a paragraph


def _item_goes_on(line: str, following: str) -> bool:
    """Whether a list item's line goes on with the next: an indented or lower-case next line, a line that cannot
    end (an article, a comma) or one the page wrapped ("(1) Alle Beschäftigten … die Basisschulung" /
    "„KI-Kompetenz“ (E-Learning, …)"), unless the next line opens a labelled paragraph of its own."""
    rest = following.strip()
    if following[:1].isspace() or rest[:1].islower() or _OPEN_END.search(line) or line.endswith(","):
        return True
    return len(line) >= FULL_LINE_CHARS and not _LABEL_OPENS.match(rest)


def _least(line: str, following: str) -> int:
    """How long a line must be to go on with the next: ``WRAPPED_MIN_CHARS``, or ``NARROW_MIN_CHARS`` where the
    line cannot end there – it ends on an article, a preposition or a count after one, or the next line of a
    narrow column goes on in lower case. A narrow column's lines are short ("Zu 1.: Der Entwurf sieht
    KI-Schulungen nur für" / "Beschäftigte vor."; "Zu 2.: IlmGPT wird bislang nur von 180" / "Beschäftigten
    genutzt.")."""
    rest = following.strip()
    if not rest[:1].isalpha():  # a table's next row ("1 WerseGPT …"), a list
        return WRAPPED_MIN_CHARS
    if _OPEN_END.search(line) or _COUNT_END.search(line):  # "… ist seit dem 01.09.2026 unter" / "www.…"
        return NARROW_MIN_CHARS
    narrow = len(rest) < COLUMN_MAX_CHARS  # the next line of a narrow column
    return NARROW_MIN_CHARS if narrow and rest[:1].islower() else WRAPPED_MIN_CHARS


def _goes_on(line: str, following: str) -> bool:
    """A semicolon ends no sentence where the next line goes on in lower case ("… lag bei 6,1 %;" / "bei
    Redebeiträgen in ausgeprägter Mundart stieg sie auf 11,8 %."), nor does an ordinal's dot after an article
    or a preposition ("… in der Fassung des 1." / "Nachtrags halbjährlich aktualisiert.")."""
    rest = following.strip()
    return (
        (line.endswith(";") and rest[:1].islower())
        or bool(_ORDINAL_END.search(line))
        or (bool(_CITATION_END.search(line)) and rest[:1].isdigit())  # "… bleibt § 5 Abs." / "2 (keine …)"
    )


_CITATION_END = re.compile(r"\b(?:Abs|Nr|Art|Ziff|Buchst|Bst|lit)\.$|§$")


# "des 1.", "zum 2." – a number of one or two digits after an article: an ordinal before its noun. Not after
# "Nr.", "Abs." or "gemäß": "… gilt nach § 5 Abs. 2." ends a sentence as often as not.
_ORDINAL_END = re.compile(r"\b(?:der|des|dem|den|die|das|am|im|vom|zum|zur)\s+\d{1,2}\.$")


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


# A list item that goes on with the sentence before it: its marker, then a lower-case word ("1. die …").
_PUNCTUATED = re.compile(r"[.!?:;,|)\]“\"]\s*$")
_RUN_ON_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-*•–])\s+[a-zäöüß]")


def run_on_lists(text: str) -> str:
    """The text with each list that finishes the sentence before it joined into that sentence's line.

    "Beschluss: BefundLotse geht am 01.01.2027 … in den Regelbetrieb über, wenn bis dahin" / "1. die
    Grundrechte-Folgenabschätzung … vorliegt und" / "2. die Anlage 3 … angepasst ist." is one sentence; read
    per line, its first part was quoted without the conditions. A line is joined to the list after it when it
    ends without any punctuation and every item goes on in lower case; the last item must end the sentence.
    Linear in the text."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if len(line.strip()) < WRAPPED_MIN_CHARS or line.lstrip().startswith(("#", "|")) or _PUNCTUATED.search(line):
            out.append(line)
            index += 1
            continue
        items, end = _run_on_items(lines, index + 1)
        if items:
            out.append(" ".join([line.rstrip(), *items]))
        else:  # the lines up to ``end`` start no run-on list either: the same last item ends them
            out.extend(lines[index:end])
        index = end
    return "\n".join(out)


def _run_on_items(lines: list[str], start: int) -> tuple[list[str], int]:
    """The list items from ``start`` (blank lines between them skipped) when each goes on in lower case and
    the last ends a sentence, and the index after the last; otherwise none, and the index after the run."""
    items: list[str] = []
    index, last = start, start
    while index < len(lines) and (not lines[index].strip() or _RUN_ON_ITEM.match(lines[index])):
        if lines[index].strip():
            items.append(lines[index].strip())
            last = index + 1
        index += 1
    if not items or not re.search(r"[.!?]$", items[-1]):
        return [], max(last, start)
    return items, last
