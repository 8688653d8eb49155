"""Number citations while an answer is assembled, and quote records by their lines.

Answers from data and answers the model composed share one numbering: the
register hands out ``[1]``, ``[2]``, … in order of first use, and the same
source line cited twice keeps its number.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.domain import Chunk, Citation, Table


class Register:
    def __init__(self) -> None:
        self._items: list[Citation] = []

    def cite(self, source_id: str, title: str, quote: str) -> str:
        for item in self._items:
            if item.source_id == source_id and item.quote == quote:
                return item.marker
        marker = f"[{len(self._items) + 1}]"
        self._items.append(Citation(marker, source_id, title, quote))
        return marker

    def cite_chunk(self, chunk: Chunk, quote: str) -> str:
        return self.cite(chunk.source_id, chunk.title, quote)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)


_MARKER = re.compile(r"\[(\d+)\]")


def compacted(
    text: str, citations: tuple[Citation, ...], table: Table | None = None
) -> tuple[str, tuple[Citation, ...], Table | None]:
    """The text, citations and table without a citation neither cites (a sentence said twice and left out once
    kept its source's number), the rest numbered anew in order: "[2]" becomes "[1]" where "[1]" went."""
    cells = [cell for row in table.rows for cell in row] if table is not None else []
    used = {m.group(0) for part in (text, *cells) for m in _MARKER.finditer(part)}
    kept = [c for c in citations if c.marker in used]
    if len(kept) == len(citations):
        return text, citations, table
    new = {c.marker: f"[{number}]" for number, c in enumerate(kept, 1)}

    def renumbered(part: str) -> str:
        return _MARKER.sub(lambda m: new.get(m.group(0), m.group(0)), part)

    if table is not None:
        table = replace(table, rows=tuple(tuple(renumbered(cell) for cell in row) for row in table.rows))
    return renumbered(text), tuple(replace(c, marker=new[c.marker]) for c in kept), table


def with_markers(sentence: str, markers: str) -> str:
    """``"Die Stadt nutzt X."`` + ``"[1]"`` -> ``"Die Stadt nutzt X [1]."``"""
    sentence = _balanced(sentence.rstrip())
    if not markers:
        return sentence if sentence.endswith((".", "!", "?")) else f"{sentence}."
    if sentence and sentence[-1] in ".!?":
        return f"{sentence[:-1]} {markers}{sentence[-1]}"
    if sentence.endswith((".“", '."', ".”")):  # a quote that ends its sentence: „… durchgeführt wurde“ [2].
        return f"{sentence[:-2]}{sentence[-1]} {markers}."
    return f"{sentence} {markers}."


def line_of(chunk: Chunk, label: str) -> str:
    """The record line that starts with ``label`` ("Rechtsgrundlage: …"), else the record's first line."""
    lines = chunk.text.split("\n")
    return next((line for line in lines if line.startswith(f"{label}:") or line.startswith(f"{label} ")), lines[0])


def _balanced(sentence: str) -> str:
    """A sentence without the half of a source's quotation that spans sentences (an amendment's „§ 7 … vor.
    / Das Verzeichnis nennt … wurde.“): the opening mark it starts with, the closing mark it ends with."""
    if sentence.startswith("„") and sentence.count("„") > sentence.count("“"):
        sentence = sentence[1:]
    if sentence.count("“") > sentence.count("„") and (end := sentence.rstrip(".!?")).endswith("“"):
        sentence = end[:-1] + sentence[len(end) :]
    return sentence
