"""Find the structure of an inquiry: kind, sender, date, committee, questions.

The question tree is what matters most: every numbered item must receive an
answer under its own number. The rules, in order:

1. Text after a ``Begründung`` heading is justification, never questions.
2. Top-level items are the longest run of consecutive numbers starting at 1
   (``1.``, ``1)``, ``Frage 1:``), so a date such as ``24. März`` in a letter
   head is not mistaken for item 24. Without such a run, bullets (``•``,
   ``-``) are numbered 1, 2, ... in order.
3. Lettered items (``a)``, ``- a)``) under an item become sub-questions
   ``1a``, ``1b`` when they ask something; when none of them asks (the
   columns of a requested table, the parts of a motion's demand) they stay
   part of their parent's text.
4. A parent with sub-questions is answered itself only if it asks something
   (``Wurde ... festgestellt?`` followed by ``a) Wenn ja, ...``); a heading
   or a lead-in ending in a colon is not.
5. In a motion, lettered items under a lead-in without a sentence of its own ("Die Verwaltung
   wird beauftragt, a) … b) …") are demands of their own (``2a``, ``2b``); under a demand that
   says something itself (Northeim's "… sind bereitzustellen. … folgende Platzhalter: a) …")
   they stay part of it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from assistant.domain import Inquiry, Question
from assistant.errors import InquiryError
from assistant.inquiry import metadata

_TOP = re.compile(r"^(?:Frage\s+)?(\d{1,4})\s*(\.\)|[.):])\s+(\S.*)$", re.IGNORECASE)
_LETTER_TOP = re.compile(r"^([a-z])\s*(\)|\.\))\s+(\S.*)$")
_LETTER_VALUES = {chr(ord("a") + i): i + 1 for i in range(26)}
_ROMAN = re.compile(r"^([IVX]{1,5})\s*([.):])\s+(\S.*)$")
_ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
                 "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}  # fmt: skip
_FOLLOW_UP = re.compile(r"^(Wenn|Falls|Sofern)\s+(ja|nein|nicht|dies|das)\b", re.IGNORECASE)
_LETTER = re.compile(r"^(?:[-–•*]\s*)?([a-z])\)\s*(\S.*)$")
# "a. Der Magistrat stellt …": a letter with a full stop, in order from "a" on (``_next_letter``); not "d. h." or
# "a. D." at the start of a wrapped line
_LETTER_DOT = re.compile(r"^(?:[-–•*]\s*)?([a-h])\.\s+(?![A-Za-zÄÖÜäöü]\.)(\S.*)$")
_BULLET = re.compile(r"^[•*–-]\s+(\S.*)$")
_JUSTIFICATION = re.compile(r"^(?:#+\s*)?Begründung\s*:?\s*$", re.IGNORECASE)
_TERMINAL = (".", "?", "!", ":", ";")
_ASIDE = re.compile(r"^(?:Begründung|Erläuterung|Antwort)\s*:", re.IGNORECASE)
_CLOSING = re.compile(r"^(Mit freundlichen Grüßen|Wir bitten|Begründung)", re.IGNORECASE)


@dataclass
class _Item:
    number: str
    key: str
    line: int
    text: list[str]
    children: list[_Item] = field(default_factory=list)
    section: str | None = None

    def joined(self) -> str:
        return _join(self.text)


_SHARED_PART = re.compile(r"(?:und|oder|bzw\.|sowie)\s")  # a suspended compound's second half


def _join(parts: list[str]) -> str:
    pieces: list[str] = []
    for part in parts:
        if pieces and pieces[-1].endswith("-") and _SHARED_PART.match(part):  # "Kinder-" + "und Jugendhilfe"
            pieces.append(part)
        elif pieces and pieces[-1].endswith("-") and part[:1].islower():  # "Schulungs-" + "maßnahmen"
            pieces[-1] = pieces[-1][:-1] + part
        elif pieces and re.search(r"\b[A-ZÄÖÜ]{2,}-$", pieces[-1]) and part[:1].isupper():  # "KI-" + "Anwendungen"
            pieces[-1] += part
        else:
            pieces.append(part)
    return re.sub(r"\s+", " ", " ".join(pieces)).strip()


_SPACES = re.compile(r"\s+")
_PIPE_PAIR = re.compile(r"^\s*\|\s*([A-Za-zÄÖÜäöüß][\w .-]{0,38}?)\s*\|\s*([^|]*[^|\s-][^|]*)\|\s*$")
_CELL = re.compile(r"^([^|]{1,40}?):?\s*\|\s*")
# A table's numbered row of three cells or more ("1 | Haupt-, Finanz- und Digitalausschuss | 24.11.2026 | …",
# a Beratungsfolge): no item "1:" of a list
_NUMBERED_ROW = re.compile(r"^\s*\d{1,3}\s*\|[^|]*\|")
# A table row whose first cell is a list label, and one cell beside it: "1. | Die Verwaltung …", "| a) | … |"
_LABEL_CELL = re.compile(r"^\|?\s*(\d{1,3}[.)]?|[a-z]\)|[IVX]{1,5}\.)\s*\|\s*(?=[^|]*\|?\s*$)")
HEAD_LINES = 400  # the letter head (sender, date, Betreff, addressee) lies within these


def clean_lines(text: str) -> list[str]:
    """One line per input line: table cells joined, every run of whitespace (em-spaces too) one space."""
    lines = []
    raws = _rows_as_items(text.split("\n"))
    for raw in raws:
        if not raw.strip():
            lines.append("")
            continue
        line = raw.replace("**", "")
        if "|" in line and (label := _LABEL_CELL.match(line)):  # a list in a table: "1. | Die Verwaltung …"
            number = label.group(1)
            line = (f"{number}." if number.isdigit() else number) + " " + line[label.end() :].rstrip().rstrip("|")
        elif pair := _PIPE_PAIR.match(line):  # a Markdown table's row "| Einreicher | Jonas Albers |"
            line = f"{pair.group(1).strip()}: {pair.group(2).strip()}"
        elif "|" in line and not _NUMBERED_ROW.match(line):
            line = _CELL.sub(r"\1: ", line)  # table row "Betreff: | X" -> "Betreff: X"
        lines.append(_SPACES.sub(" ", line).strip())
    lines = _without_footnotes(lines)
    apart = [part for line in _sub_bullets(_labels_alone(lines), raws) for part in _inline_labels(line)]
    return _lazy_numbers(apart)


# A change table's row: "1 | 11104.4421000 | KI-Schulungen | 46.000 | +30.000 | 76.000 | Der Ansatz wird um …",
# "3 a) | …"; its label (group 1, letter group 2), the budget line among its cells
_ROW_LABEL = re.compile(r"^(\d{1,3})\s*(?:([a-z])\))?$")
_LINE_CELL = re.compile(r"^(\d{2,}(?:[.\-/]\d{2,})+)(?:\s*\(neu\))?$")
_SIGNED = re.compile(r"^[+−-]\s?\d[\d.]*(?:,\d+)?$")  # "+80.000", "−95.000"; not "± 0"
_EURO_IN = re.compile(r"\d\s*(?:€|Euro\b|EUR\b)")
_SENTENCE_CELL = re.compile(r"^(?:\S+\s+){5,}\S+[.?!]$")


def _rows_as_items(raws: list[str]) -> list[str]:
    """A table whose numbered rows end in a sentence (a Haushaltsantrag's change table: number, budget line,
    title, amounts, "Änderung") as list items: "1. Haushaltsstelle 11104.4421000 (KI-Schulungen): Der Ansatz wird
    …"; rows "3 a)", "3 b)" as the parts of item 3, led in by the line before them where it ends in a colon
    ("Deckungsvorschläge (Nr. 5):"). The amounts in the other cells restate the sentence (or, taken from the
    applicants' papers, err): the sentence says what is wanted. Other tables are left as they are."""
    out: list[str] = []
    number = ""
    for raw in raws:
        cells = [c.strip() for c in raw.strip().strip("|").split(" | ")] if " | " in raw else []
        label = _ROW_LABEL.match(cells[0]) if len(cells) >= 3 else None
        if label is None or not _SENTENCE_CELL.match(cells[-1]):
            out.append(raw)
            continue
        line = next((m.group(1) for c in cells[1:-1] if (m := _LINE_CELL.match(c))), "")
        title = next((c for c in cells[1:-1] if c[:1].isalpha() and not _LINE_CELL.match(c)), "")
        lead = f"Haushaltsstelle {line} ({title}): " if line and title else f"{title}: " if title else ""
        change = next((c for c in cells[1:-1] if _SIGNED.match(c)), "")
        if change and not _EURO_IN.search(cells[-1]):  # "Es wird eine neue Haushaltsposition eingerichtet …"
            euros, cut = change.lstrip("+−- "), change[0] in "−-"
            lead += f"Der Ansatz wird um {euros} € {'gekürzt' if cut else 'erhöht'} (Spalte „Veränderung“). "
        if label.group(2) is None:
            out.append(f"{label.group(1)}. {lead}{cells[-1]}")
        else:
            if label.group(1) != number:  # the parts' parent: the lead-in line above them, or the first part's title
                at = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
                before = out[at].strip() if at is not None else ""
                if at is not None and before.endswith(":") and " | " not in before:
                    out[at] = ""
                    out.append(f"{label.group(1)}. {before}")
                else:
                    out.append(f"{label.group(1)}. {title or 'Änderungen'}:")
            out.append(f"{label.group(2)}) {lead}{cells[-1]}")
        number = label.group(1)
    return out


_FOOTNOTE_RULE = re.compile(r"^[_—–-]{5,}$")  # the rule a word processor sets above a page's footnotes
_FOOTNOTE = re.compile(r"^\d{1,2}(?:\s+\S.*)?$")  # "1", or "1 Antwort der Bürgermeisterin vom …"


def _without_footnotes(lines: list[str]) -> list[str]:
    """The lines with a page's footnotes blanked: the rule above them and each footnote after it, a number alone
    on its line with the line after it, or a number and its text ("1 Antwort der Bürgermeisterin vom …"); the
    footnote of a question read into it was no part of it. Where they stood stays, as empty lines."""
    out = list(lines)
    index = 0
    while index < len(out):
        if not _FOOTNOTE_RULE.match(out[index]):
            index += 1
            continue
        out[index] = ""
        index += 1
        while index < len(out) and (not out[index] or _FOOTNOTE.match(out[index])):
            bare = out[index].isdigit()
            out[index] = ""
            index += 1
            if bare and index < len(out) and out[index] and not _FOOTNOTE.match(out[index]):
                out[index] = ""  # the footnote's text on the line after its number
                index += 1
    return out


# A question's label after another's end on the same line ("… eingestuft? Frage 9: Ist das KI-Verzeichnis …").
_INLINE_QUESTION = re.compile(r"(?<=[?!.])\s+(?=Frage\s+\d{1,3}:\s+[A-ZÄÖÜ])")
# Lettered parts run on in one line after a lead-in or a question ("Zur KI-Textassistenz IlmGPT: a) Wie viele …?
# b) Welches …?"): "a)" after a colon or at the line's start, each next letter after a question's end.
_INLINE_FIRST = re.compile(r"(?:(?<=:)|^(?:Frage\s+)?\d{1,3}[.:)]?)\s+(?=a\)\s+[A-ZÄÖÜ])")
_LABEL_ONLY = re.compile(r"(?:Frage\s+)?\d{1,3}[.:)]?", re.IGNORECASE)
_INLINE_NEXT = re.compile(r"(?<=\?)\s+(?=([b-h])\)\s+[A-ZÄÖÜ])")


def _inline_labels(line: str) -> list[str]:
    """A line with several questions' or parts' labels in it, one line per label; the parts only where they
    run in order from "a)" (a question "… nach a) … oder b) …" keeps its words)."""
    lines = _INLINE_QUESTION.split(line)
    result: list[str] = []
    for one in lines:
        first = _INLINE_FIRST.search(one)
        if first is None:
            result.append(one)
            continue
        cuts, expected = [first.end()], "b"
        for found in _INLINE_NEXT.finditer(one, first.end()):
            if found.group(1) != expected:
                break
            cuts.append(found.end())
            expected = chr(ord(expected) + 1)
        if len(cuts) < 2:
            result.append(one)
            continue
        if _LABEL_ONLY.fullmatch(one[: first.end()].strip()):
            cuts = cuts[1:]  # "Frage 7: a) Seit wann …?" stays the item's line; its "a)" is read with the item
        bounds = [0, *cuts, len(one)]
        result += [one[a:b].strip() for a, b in itertools.pairwise(bounds) if one[a:b].strip()]
    return result


# "Frage 1" alone, or an HTML list's number on a line of its own ("1." over "<p>Schreiben und Bescheide …</p>")
_LABEL_ALONE = re.compile(r"^(?:Frage\s+(\d{1,3})\s*[:.]?|(\d{1,3})[.)])$", re.IGNORECASE)


def _labels_alone(lines: list[str]) -> list[str]:
    """ "Frage 1" or "1." on a line of its own and the question on the next: one numbered item "1. Seit wann …"."""
    result: list[str] = []
    for line in lines:
        label = _LABEL_ALONE.match(result[-1]) if result else None
        if label and line and not _LABEL_ALONE.match(line):
            result[-1] = f"{label.group(1) or label.group(2)}. {line}"
        else:
            result.append(line)
    return result


# A bullet indented under a bullet that introduces it ("- Der Telefonassistent wird vorgezogen:" then
# "    – Die Ausschreibung erfolgt …"): a part of that item, lettered as a part is ("a) Die Ausschreibung …").
_INDENTED_BULLET = re.compile(r"^(?:\t|\s{2,})[•*–-]\s+(?=\S)")


def _sub_bullets(lines: list[str], raw: list[str]) -> list[str]:
    """``lines`` with the indented bullets under an introducing bullet lettered a), b), … (``raw``: as read)."""
    letter = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        bullet = _BULLET.match(line)
        if _INDENTED_BULLET.match(raw[index]) and letter and bullet:
            lines[index] = f"{chr(ord('a') + letter - 1)}) {bullet.group(1)}" if letter <= 8 else line
            letter += 1
        elif bullet:
            letter = 1 if line.endswith(":") else 0
        else:
            letter = 0
    return lines


_LAZY = re.compile(r"^1([.)])\s+(?=\S)")
_SECOND = re.compile(r"^2[.)]\s+\S")
LAZY_RUN = 3  # items all numbered "1." that make a list Markdown numbers itself


def _lazy_numbers(lines: list[str]) -> list[str]:
    """A Markdown ordered list written with "1." before every item, which Markdown numbers 1, 2, 3 …
    (a council system's export): its items numbered in order, the count starting again after a heading.
    Only where no item is numbered "2." – a list that numbers itself is left as written."""
    if sum(1 for line in lines if _LAZY.match(line)) < LAZY_RUN or any(_SECOND.match(line) for line in lines):
        return lines
    renumbered, number = [], 0
    for line in lines:
        if line.startswith("#"):
            number = 0
        if match := _LAZY.match(line):
            number += 1
            line = f"{number}{match.group(1)} {line[match.end() :]}"
        renumbered.append(line)
    return renumbered


def _body_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if _JUSTIFICATION.match(line):
            return index
    return len(lines)


_STATEMENT = re.compile(r"^[^?]*\.$")  # an item's first line that states, not asks
# an item's first line that asks (a question word or verb first, a question mark) or leads in ("Zur Schulung:"), not
# a cover sheet's list of attachments or recipients ("1. Schreiben der CDU-Fraktion vom 02.11.2027 (3 Seiten)")
_ASKING = re.compile(
    r"\?|:\s*$|^(?:(?:In|An|Aus|Auf|Bei|Bis|Durch|Für|Mit|Nach|Seit|Über|Unter|Von|Zu)\s+)?"
    r"(?:Welche\w*|Wie|Wer|Wem|Wen|Wessen|Was|Wann|Wo\w*|Warum|Weshalb|Wieso|Inwie\w+|Ob)\b"
    r"|^(?:Ist|Sind|Gibt|Gab|Trifft|Hat|Haben|Hatte|Hatten|Wird|Werden|Wurde|Wurden|Kann|Können|Plant|Planen|Setzt|"
    r"Nutzt|Besteht|Bestehen|Liegt|Liegen|Darf|Dürfen|Soll|Sollen|Muss|Müssen|Teilt|Verfügt|Beabsichtigt|Sieht|"
    r"Stimmt|Erfolgt|Existiert|Existieren|Arbeitet|Bietet|Prüft|Erhält|Erhalten)\b"
)


def _asks(first: str) -> bool:
    """Whether an item's first line asks or leads in to questions (``_ASKING``) and states nothing."""
    return not _STATEMENT.search(first) and bool(_ASKING.search(first))


EXCERPT_RUN = 3  # a run not starting at 1 must be this long to count as the inquiry's questions
Run = list[tuple[int, str, str, str]]  # (line index, key, label, first text line)


def _run(lines: list[str], end: int, pattern: re.Pattern[str], value: dict[str, int] | None) -> Run:
    """The longest run of items numbered 1, 2, 3, ... (or I, II, III) in document order: from each item
    numbered 1, the next number's first occurrence after it, and so on; the longest such chain (the
    first on a tie). Chain lengths are computed once per item, back to front: linear in the lines."""
    candidates = []
    for i, line in enumerate(lines[:end]):
        match = pattern.match(line)
        if match and (value is None or match.group(1) in value):
            number = value[match.group(1)] if value is not None else int(match.group(1))
            candidates.append((number, (i, match.group(1), match.group(1) + match.group(2), match.group(3))))
    following: list[int | None] = [None] * len(candidates)
    first_after: dict[int, int] = {}  # number -> index of its first occurrence after the current one
    length = [1] * len(candidates)
    # of two chains as long, the one that asks: not the list of statements the preamble quotes ("Dort hieß es:
    # 1. Die Erprobung läuft … 2. …") before "Frage 1 …"
    asking = [int(_asks(item[3])) for _, item in candidates]
    for index in range(len(candidates) - 1, -1, -1):
        number = candidates[index][0]
        successor = first_after.get(number + 1)
        if successor is not None:
            following[index], length[index] = successor, length[successor] + 1
            asking[index] += asking[successor]
        first_after[number] = index
    starts = [index for index, (number, _) in enumerate(candidates) if number == 1]
    if not starts or max(length[index] for index in starts) < 2:
        # An excerpt of a longer inquiry ("12. … 13. … 14. …"): a run of at least three from elsewhere.
        starts = [index for index in range(len(candidates)) if length[index] >= EXCERPT_RUN] or starts
    if not starts:
        return []
    best: int | None = max(starts, key=lambda index: (length[index], asking[index], -index))
    run: Run = []
    while best is not None:
        run.append(candidates[best][1])
        best = following[best]
    return run


def _numbered_run(lines: list[str], end: int) -> Run:
    return _run(lines, end, _TOP, None)


def _roman_run(lines: list[str], end: int) -> Run:
    return _run(lines, end, _ROMAN, _ROMAN_VALUES)


def _letter_run(lines: list[str], end: int) -> Run:
    """Questions lettered a), b), c) at the top level (no numbered items around them)."""
    run = _run(lines, end, _LETTER_TOP, _LETTER_VALUES)
    return run if len(run) >= 2 else []


def _bullet_run(lines: list[str], end: int, motion: bool = False) -> Run:
    """The block of bullets that asks most; of a motion, whose demands ask nothing, the longest block."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines[:end]):
        match = _BULLET.match(line)
        if match and not _LETTER.match(line):
            current.append((i, match.group(1)))
        elif line and current and not (_LETTER.match(line) and current[-1][1].endswith(":")):  # not its parts
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    asking = [b for b in blocks if any("?" in text for _, text in b)]
    if not asking and motion and blocks:
        asking = [max(blocks, key=len)]  # the first of the longest
    if not asking:
        return []
    block = max(asking, key=lambda b: sum("?" in text for _, text in b) or len(b))
    return [(i, str(n), "•", text) for n, (i, text) in enumerate(block, start=1)]


def _collect(lines: list[str], run: Run, end: int, sections: dict[int, str], lettered: bool = False) -> list[_Item]:
    """Gather each item's text, lettered children and section heading (``lettered``: the items are
    the letters themselves, so a lettered line is the next item, never a child)."""
    items: list[_Item] = []
    for pos, (start, key, label, first) in enumerate(run):
        is_last = pos == len(run) - 1
        stop = run[pos + 1][0] if not is_last else end
        section = next((sections[i] for i in sorted(sections, reverse=True) if i < start), None)
        item = _Item(number=label, key=key, line=start, text=[first], section=section)
        target: _Item = item
        blank_seen = aside = False
        for index in range(start + 1, stop):
            line = lines[index]
            if index in sections or line.startswith("#"):
                break  # a section heading ends the item, a Markdown heading too ("### II. Regeln …")
            if not line:
                blank_seen = True
                continue
            letter = None if lettered else _LETTER.match(line) or _next_letter(line, item)
            if letter:
                target = _Item(number=f"{letter.group(1)})", key=letter.group(1), line=index, text=[letter.group(2)])
                item.children.append(target)
                blank_seen = aside = False
                continue
            # "Begründung: …" after a question, a form's "Antwort: (wird von der Verwaltung ausgefüllt)": no part of it
            aside = aside or bool(_ASIDE.match(line))
            if aside:
                continue
            if is_last and (blank_seen or _CLOSING.match(line)):
                break
            announced = target.text[-1].rstrip().endswith(":") and line.startswith(("„", '"'))  # "… angefügt: „7. …“"
            if is_last and target.text[-1].rstrip().endswith(_TERMINAL) and not line[:1].islower() and not announced:
                break
            if _heading_before_next(lines, index, stop, target.text[-1]):  # "Zu Datenschutz und Rechtsrahmen"
                continue
            target.text.append(line)
        items.append(_first_part_apart(item))
    return items


# A section's heading between two questions: a few words, capitalised, no sentence's end ("Zu den Kosten" is asked of
# in "Zu den Kosten:", a lead-in with its colon)
_HEADING_LIKE = re.compile(r"^[A-ZÄÖÜ][^.?!:;,|]{2,60}$")
MAX_HEADING_WORDS = 6


def _heading_before_next(lines: list[str], index: int, stop: int, before: str) -> bool:
    """Whether the line at ``index`` is a section's heading after a finished question and before the next item
    (nothing but blank lines after it up to ``stop``): no part of the question."""
    line = lines[index]
    return (
        before.rstrip().endswith("?")
        and bool(_HEADING_LIKE.match(line))
        and len(line.split()) <= MAX_HEADING_WORDS
        and not any(lines[i] for i in range(index + 1, stop))
    )


def _first_part_apart(item: _Item) -> _Item:
    """An item whose own line begins with its first part ("2. a) Seit wann …?" then "b) Für welche …?"): a
    parent without words of its own, "a)" its first child."""
    first = _LETTER.match(item.text[0]) if item.text else None
    if first is None or first.group(1) != "a" or not item.children or item.children[0].key != "b":
        return item
    part = _Item(number="a)", key="a", line=item.line, text=[first.group(2), *item.text[1:]])
    item.children.insert(0, part)
    item.text = [""]
    return item


def _next_letter(line: str, item: _Item) -> re.Match[str] | None:
    """A line lettered "a." under an item without lettered children, or the letter after its last child's."""
    match = _LETTER_DOT.match(line)
    if match is None:
        return None
    last = item.children[-1].key if item.children else "`"  # the character before "a"
    return match if len(last) == 1 and ord(match.group(1)) == ord(last) + 1 else None


def _lead_in(text: str) -> bool:
    """A parent that is no demand of its own: "Die Verwaltung wird beauftragt,", "… wird Folgendes
    beschlossen:" – no complete sentence before its lettered items."""
    return not re.search(r"[.!?]\s", text) and not text.rstrip().endswith((".", "!", "?"))


def _completed_by_items(text: str) -> bool:
    """A demand whose last clause the lettered items complete ("… erfassen zu lassen. Dazu ist a) … vorzusehen,
    b) sicherzustellen, …"): each item is a demand of its own – unlike a list the demand announces with a
    colon ("… sind folgende Platzhalter einzustellen: a) 2 Stellen, b) …"), whose items are parts of it."""
    tail = re.split(r"[.!?]\s+", text.strip())[-1]
    specified = _IN_PARTICULAR.fullmatch(tail.strip())  # "… (Moratorium). Insbesondere a) wird …, b) …": its parts
    return tail != text.strip() and bool(tail) and not tail.endswith((":", ".", "!", "?")) and not specified


# Items that say what the demand before them means in particular: parts of it, not demands of their own.
_IN_PARTICULAR = re.compile(r"(?:Insbesondere|Namentlich|Vor allem|Dabei insbesondere|Das heißt)\s*,?", re.I)


def _announces_parts(text: str) -> bool:
    """A demand of its own that announces what its report must show ("ob LinguaDesk … eingesetzt werden kann
    (…); dabei sind darzustellen:"): its lettered items are parts of it, not demands."""
    head, _, tail = text.strip().rpartition(";")
    return bool(head) and tail.strip().endswith(":") and bool(_FINITE.search(head))


# A finite verb that makes a lettered item a sentence of its own ("b) Ohne Votum darf keine Anwendung …").
_FINITE = re.compile(
    r"\b(?:wird|werden|darf|dürfen|soll|sollen|muss|müssen|kann|können|ist|sind|gehör(?:t|en)|erhält|erhalten|"
    r"gilt|gelten|bleibt|bleiben|findet|finden)\b"
)


def _rules_of_their_own(children: list[_Item]) -> bool:
    """Whether every lettered item is a whole sentence with a verb of its own ("Für den Beirat gilt: a) Ihm
    gehören neun Mitglieder an. b) Ohne sein Votum darf …"): each is a demand, unlike the parts of one
    ("folgende Platzhalter: a) 2 Stellen, b) Beratungskosten: 100.000 Euro pro Jahr")."""
    texts = [child.joined().strip() for child in children]
    return len(texts) > 1 and all(t[:1].isupper() and t.endswith(".") and _FINITE.search(t) for t in texts)


def _to_questions(items: list[_Item], motion: bool = False) -> list[Question]:
    """``motion``: the lettered items under a lead-in are demands of their own (2a, 2b, …)."""
    questions: list[Question] = []
    previous: str | None = None
    for item in items:
        children_ask = any("?" in child.joined() for child in item.children)
        joined = item.joined()
        lead_in = not _announces_parts(joined) and (
            _lead_in(joined) or _completed_by_items(joined) or _rules_of_their_own(item.children)
        )
        children_ask = children_ask or (motion and bool(item.children) and lead_in)
        if item.children and not children_ask:  # table columns or parts of a demand
            parts = [item.joined()] + [f"{c.number} {c.joined()}" for c in item.children]
            text = " ".join(parts)
            follows = previous if _FOLLOW_UP.match(text) else None
            questions.append(Question(item.key, item.number, text, section=item.section, follows=follows))
            previous = item.key
            continue
        text = item.joined()
        asks = not item.children or ("?" in text and not motion)
        follows = previous if _FOLLOW_UP.match(text) else None
        questions.append(Question(item.key, item.number, text, asks=asks, section=item.section, follows=follows))
        for child in item.children:
            child_text = child.joined()
            questions.append(
                Question(
                    id=f"{item.key}{child.key}",
                    number=child.number,
                    text=child_text,
                    parent=item.key,
                    section=item.section,
                    follows=item.key if _FOLLOW_UP.match(child_text) else None,
                )
            )
        previous = item.key
    return questions


def find_questions(text: str, motion: bool = False) -> list[Question]:
    return _questions(clean_lines(text), motion)


def _questions(lines: list[str], motion: bool = False) -> list[Question]:
    if motion and (after := _after_resolution(lines)) is not None:
        return after
    return _found(lines, motion)


def _after_resolution(lines: list[str]) -> list[Question] | None:
    """A motion's demands stand after "Der Stadtrat möge beschließen:": numbered lines before it (a cover mail's
    "1) Nr. 2: Frist 30.06.2027 statt 31.03.2027", a list of changes against an earlier version) are none.
    The demands found after the first such line, where there are any; None where there is no such line or
    nothing numbered after it."""
    at = next((i for i, line in enumerate(lines) if metadata.RESOLUTION.search(line)), None)
    if at is None or at == 0:
        return None
    found = _found([""] * (at + 1) + lines[at + 1 :], motion=True)  # the lines where they stand
    return found or None


def _found(lines: list[str], motion: bool = False) -> list[Question]:
    end = _body_end(lines)
    for stop in (end, len(lines)):  # a "Begründung" may precede the questions
        if lettered := _restarting_sections(lines, stop):
            return _to_questions(_collect_sections(lines, lettered, stop), motion)
        arabic, roman = _numbered_run(lines, stop), _roman_run(lines, stop)
        if len(decimal := _decimal_run(lines, stop)) > len(arabic):  # "1.1 Welche …", "1.2 …", "2.1 …"
            heads, notes = _outline_heads(lines, decimal, stop)
            own = ["" if i in notes else line for i, line in enumerate(lines)]  # a footnote between its parts
            return _to_questions(_collect(own, decimal, stop, heads), motion)
        if arabic and _asks_before(roman, arabic):
            arabic = []
        if arabic:
            sections = {i: first for i, _, _, first in roman if i < stop}
            # "B. Regeln und Beteiligung" over a numbering that runs on: a heading, not the end of question 4
            sections |= {i: lines[i] for i, _ in _lettered_heads(lines, stop)}
            return _to_questions(_collect(lines, arabic, stop, sections), motion)
        if roman:
            return _to_questions(_collect(lines, roman, stop, {}), motion)
        letters, bullets = _letter_run(lines, stop), _bullet_run(lines, stop, motion)
        if letters and not (bullets and bullets[0][0] < letters[0][0]):  # not the parts of a bullet
            return _to_questions(_collect(lines, letters, stop, {}, lettered=True))
        if bullets:
            return _to_questions(_collect(lines, bullets, stop, {}), motion)
    return []


# A decimal outline's item ("1.1 Welche …", "4.3 Zu den Finanzen:"), and its section's heading or a footnote ("1 Bestand
# und Entwicklung des KI-Einsatzes", "5 Vgl. § 46 Abs. 3 SGB II.")
_DECIMAL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")
_OUTLINE_HEAD = re.compile(r"^(\d{1,2})\s+(\S.*)$")
MIN_DECIMAL_RUN = 3


def _decimal_run(lines: list[str], stop: int) -> Run:
    """The items of a decimal outline in order: from the first "N.1", each the next of its section or the first
    of the next; at least ``MIN_DECIMAL_RUN`` of them. Their ids are their numbers ("1.5", with parts "1.5a")."""
    run: Run = []
    last: tuple[int, int] | None = None
    for index, line in enumerate(lines[:stop]):
        if (match := _DECIMAL.match(line)) is None:
            continue
        number = (int(match.group(1)), int(match.group(2)))
        if (last is None and number[1] == 1) or (
            last is not None and number in ((last[0], last[1] + 1), (last[0] + 1, 1))
        ):
            key = f"{number[0]}.{number[1]}"
            run.append((index, key, key, match.group(3)))
            last = number
    return run if len(run) >= MIN_DECIMAL_RUN else []


def _outline_heads(lines: list[str], run: Run, stop: int) -> tuple[dict[int, str], set[int]]:
    """Of the lines numbered without a point: the section headings (the number of the next item's section, before
    its first item) and the footnotes (any other, "5 Vgl. § 46 Abs. 3 SGB II." between 4.1 and its parts)."""
    heads: dict[int, str] = {}
    notes: set[int] = set()
    after = 0  # the run's first item below the line: one pass over both
    for index, line in enumerate(lines[:stop]):
        while after < len(run) and run[after][0] <= index:
            after += 1
        if (match := _OUTLINE_HEAD.match(line)) is None or _DECIMAL.match(line):
            continue
        following = run[after][1] if after < len(run) else None
        if following == f"{match.group(1)}.1":
            heads[index] = match.group(2)
        else:
            notes.add(index)
    return heads, notes


# "A. Bestand und Einsatz": a lettered section heading, no question of its own
_SECTION_HEAD = re.compile(r"^([A-H])\.\s+([A-ZÄÖÜ][^?]{2,80})$")


def _lettered_heads(lines: list[str], stop: int) -> list[tuple[int, str]]:
    """Section headings "A. …", "B. …" in order, at least two of them (one alone is a sender's "A. Hartmann, FDP"):
    (line index, letter) of each."""
    chain: list[tuple[int, str]] = []
    for index, line in enumerate(lines[:stop]):
        if (match := _SECTION_HEAD.match(line)) and ord(match.group(1)) - ord("A") == len(chain):
            chain.append((index, match.group(1)))
    return chain if len(chain) >= 2 else []


def _restarting_sections(lines: list[str], stop: int) -> list[tuple[int, str]]:
    """Sections headed "A. …", "B. …" in order, at least two of which number their first question 1:
    (line index, letter) of each heading; none where the numbering runs on (or there are no such headings)."""
    chain = _lettered_heads(lines, stop)
    if not chain:
        return []
    bounds = [index for index, _ in chain[1:]] + [stop]
    # a section's first number ("E. … 18. …", its attachments' "1." below it run on from elsewhere)
    firsts = (
        next((m.group(1) for line in lines[start + 1 : bound] if (m := _TOP.match(line))), None)
        for (start, _), bound in zip(chain, bounds, strict=True)
    )
    return chain if sum(first == "1" for first in firsts) >= 2 else []


def _collect_sections(lines: list[str], sections: list[tuple[int, str]], stop: int) -> list[_Item]:
    """The items of each section, numbered within it; their ids carry the section's letter ("A1", "B3a")."""
    items: list[_Item] = []
    bounds = [index for index, _ in sections[1:]] + [stop]
    for (start, letter), bound in zip(sections, bounds, strict=True):
        own = [""] * (start + 1) + lines[start + 1 : bound]  # the section's lines where they stand
        for item in _collect(own, _numbered_run(own, bound), bound, {}):
            item.key, item.number, item.section = f"{letter}{item.key}", f"{letter} {item.number}", lines[start]
            items.append(item)
    return items


def _asks_before(roman: Run, arabic: Run) -> bool:
    """Whether roman numerals number the questions and an arabic run after them is something else (a
    signature's "Unsere nächsten Termine: 1. … 2. …"): at least two roman items, most of them asking, and
    the arabic run starting after the last – unlike sections "I. Vorbemerkung", "II. Fragen" over 1., 2."""
    asking = sum("?" in first for _, _, _, first in roman)
    return len(roman) >= 2 and 2 * asking > len(roman) and arabic[0][0] > roman[-1][0]


def _first_question_line(lines: list[str], first: Question, limit: int) -> int:
    """Where the first question starts (searched within the letter head and a little beyond)."""
    start = first.text[:30]
    for index, line in enumerate(lines[:limit]):
        if start in line or (line.startswith(first.number) and first.text[:12] in line):
            return index
    return limit


def parse_inquiry(text: str, source_name: str = "") -> Inquiry:
    """Parse inquiry text. Raises ``InquiryError`` when no question is found."""
    fields, text = metadata.front_matter(text)  # a Markdown export's "---" / "antragsteller: …" block
    lines = clean_lines(text)
    kind = metadata.kind(text)
    if (declared := metadata.kind(fields.get("kind", ""))) != "Sonstiges":
        kind = declared
    questions = _questions(lines, motion="antrag" in kind.lower())
    if not questions:
        raise InquiryError(
            "Keine nummerierten Fragen gefunden",
            path=source_name or None,
            hint="Fragen als '1.', '1)', 'a)' oder Aufzählungspunkte formatieren",
        )
    end = _body_end(lines)
    first_question_line = _first_question_line(lines, questions[0], min(end, 4 * HEAD_LINES))
    head = lines[: max(HEAD_LINES, first_question_line + 1)]
    return Inquiry(
        kind=kind,
        questions=tuple(questions),
        sender=fields.get("sender") or metadata.sender(head),
        date=fields.get("date") or metadata.date(head),
        # a front matter's "title" names the file; the letter's own "Betreff:" says what it is about
        subject=fields.get("subject") or metadata.betreff(head) or fields.get("title") or metadata.subject(head),
        committee=fields.get("committee") or metadata.committee("\n".join(head)),
        addressee=metadata.addressee(head),
        deadline=metadata.deadline(" ".join(lines)),
        preamble="\n".join(line for line in lines[:first_question_line] if line).strip(),
        justification="\n".join(line for line in lines[end + 1 :] if line).strip(),
        source_name=source_name,
    )
