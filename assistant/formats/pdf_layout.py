"""A PDF page's lines rebuilt from the text objects drawn on it, where the text layer reads badly.

Two layouts read badly: a page whose every word is drawn on its own (the text layer breaks after each word), and a
table whose cells wrap onto several lines (the text layer gives each cell's line as a line of its own:
"ELSA – Elektronische" / "Schreibassistenz" / "FD 10.3; alle" / …). From the objects' positions, lines are the
objects of one height, and a table is a run of lines whose objects stand in the same columns; its rows are said as
the reader says a Word or HTML table's rows: cells between " | ".
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

Fragment = tuple[float, float, str]  # x, y, text of one text object drawn on a page
Row = list[Fragment]

ROW_TOLERANCE = 4.0  # points: a raised footnote mark stands on its word's line
GAP_RATIO = 1.6  # a gap this many times the usual line spacing is a blank line
RAISED = 1.5  # points above its line's baseline: a superscript
COLUMN_TOLERANCE = 2.5  # points: objects this close to a column's left edge stand in it
MIN_COLUMNS = 3  # a table has at least this many columns …
MIN_TABLE_LINES = 3  # … and lines
ROW_GAP = 1.3  # a gap this many times a table's line spacing starts its next row

_MARK = re.compile(r"^\d{1,2}$")  # a footnote's mark
_BEFORE_MARK = re.compile(r"(?<=\w) ([.,;:?!)])(?=\s|$)")  # a punctuation mark drawn on its own
# Words that begin a cell's next line as words of their own ("FB 40 Schulen" / "und Bildung"), not a word's rest
# ("Vollstän" / "digkeitsprüfung")
_OWN_WORD = frozenset(
    "und oder sowie der die das des dem den ein eine einer eines im in am an auf aus bei bis für mit nach seit "  # noqa: SIM905
    "von vom zu zum zur über unter ab je pro ohne nicht kein keine ist sind wird werden vor durch gegen um als wie "
    "bzw laut gemäß nur auch noch bereits sowie zwischen".split()
)


def rows_of(fragments: list[Fragment]) -> list[Row]:
    """The page's lines top to bottom: the objects within ``ROW_TOLERANCE`` of a line's height, left to right,
    without a raised footnote mark ("KI-Verordnung¹")."""
    rows: list[Row] = []
    for fragment in sorted(fragments, key=lambda f: -f[1]):
        if rows and rows[-1][0][1] - fragment[1] <= ROW_TOLERANCE:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    kept = []
    for row in rows:
        base = _base(row)
        kept.append(sorted((f for f in row if not (f[1] - base > RAISED and _MARK.match(f[2]))), key=lambda f: f[0]))
    return [row for row in kept if row]


def _base(row: Row) -> float:
    return Counter(round(y, 1) for _, y, _ in row).most_common(1)[0][0]


def page_lines(fragments: list[Fragment]) -> list[str]:
    """The page's lines, a table's rows as cells between " | ", a blank line where the gap to the next line is
    clearly wider than usual."""
    rows = rows_of(fragments)
    bases = [_base(row) for row in rows]
    steps = sorted(a - b for a, b in itertools.pairwise(bases))
    usual = steps[len(steps) // 2] if steps else 0.0
    lines: list[str] = []
    at = 0
    while at < len(rows):
        if at and usual and bases[at - 1] - bases[at] > GAP_RATIO * usual:
            lines.append("")
        end = _table_end(rows, bases, at)
        if _wrapped(bases, at, end):
            lines += _table(rows[at:end], bases[at:end])
            at = end
            continue
        lines.append(_said(rows[at]))
        at += 1
    return lines


def has_table(fragments: list[Fragment]) -> bool:
    """Whether a page holds a table whose cells the text layer would give line by line."""
    rows = rows_of(fragments)
    bases = [_base(row) for row in rows]
    found, at = False, 0
    inside: set[int] = set()
    while at < len(rows):
        end = _table_end(rows, bases, at)
        if _wrapped(bases, at, end):
            found, inside, at = True, inside | set(range(at, end)), end
        else:
            at += 1
    # a row of several columns outside any table read whole (cells set apart vertically): the page as it is
    return found and all(i in inside for i, row in enumerate(rows) if len(row) >= MIN_COLUMNS)


def _wrapped(bases: list[float], start: int, end: int) -> bool:
    """Whether lines ``start`` to ``end`` are a table whose rows stand apart by more than their lines (cells that
    wrap); a table of one line per row reads well as it is."""
    if end - start < MIN_TABLE_LINES:
        return False
    gaps = [bases[i] - bases[i + 1] for i in range(start, end - 1)]
    return any(gap > ROW_GAP * min(gaps) for gap in gaps)


def _said(row: Row) -> str:
    return _BEFORE_MARK.sub(r"\1", " ".join(text for _, _, text in row))


def _columns(row: Row) -> list[float]:
    return [x for x, _, _ in row]


def _in_columns(row: Row, columns: list[float]) -> bool:
    return all(any(abs(x - c) <= COLUMN_TOLERANCE for c in columns) for x, _, _ in row)


def _table_end(rows: list[Row], bases: list[float], start: int) -> int:
    """Where a table that starts at ``start`` (a line of at least ``MIN_COLUMNS`` objects) ends: the first line
    whose objects stand outside its columns, or a lone object after a gap wider than a row's (a heading, prose)."""
    if len(rows[start]) < MIN_COLUMNS:
        return start
    columns = _columns(rows[start])
    step = min((bases[i] - bases[i + 1] for i in range(start, len(rows) - 1)), default=0.0)
    end = start + 1
    while end < len(rows) and _in_columns(rows[end], columns):
        gap = bases[end - 1] - bases[end]
        if len(rows[end]) == 1 and gap > ROW_GAP * step:
            break
        end += 1
    return end


def _table(rows: list[Row], bases: list[float]) -> list[str]:
    """A table's rows, each from the lines between two wider gaps, its cells' lines joined."""
    columns = _columns(rows[0])
    step = min(a - b for a, b in itertools.pairwise(bases))
    gaps = [a - b for a, b in itertools.pairwise(bases)]
    groups: list[list[Row]] = [[rows[0]]]
    for gap, row in zip(gaps, rows[1:], strict=True):
        if gap > ROW_GAP * step:
            groups.append([])
        groups[-1].append(row)

    def column(x: float) -> int:
        return min(range(len(columns)), key=lambda i: abs(columns[i] - x))

    widest = [0] * len(columns)  # the longest line of each column: a line about as long was broken for want of room
    for row in rows:
        for x, _, text in row:
            widest[column(x)] = max(widest[column(x)], len(text))
    lines = []
    for group in groups:
        cells: list[list[str]] = [[] for _ in columns]
        for row in group:
            for x, _, text in row:
                cells[column(x)].append(text)
        lines.append(" | ".join(_joined(parts, widest[i]) for i, parts in enumerate(cells)))
        lines.append("")  # as the reader lays out a Word or HTML table: a blank line between its rows
    return lines


FULL = 0.8  # a cell's line this long against its column's longest was broken for want of room


def _joined(parts: list[str], widest: int) -> str:
    """A cell's lines as one text: a full line that goes on with a word's rest ("Vollstän" / "digkeitsprüfung",
    "13.08.202" / "7: 64)") without a space; a short one ended with its word ("Nutzung" / "ausgesetzt seit")."""
    said, last = "", ""
    for part in parts:
        first = part.split()[0] if part.split() else ""
        broken = len(last) >= FULL * widest and (
            (last[-1:].isalpha() and first[:1].islower() and first.lower() not in _OWN_WORD)
            or (last[-1:].isdigit() and first[:1].isdigit())
        )
        said = f"{said}{part}" if broken or not said else f"{said} {part}"
        last = part
    return _BEFORE_MARK.sub(r"\1", said)
