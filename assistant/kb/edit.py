"""Changing the knowledge base: validate a change on a copy, then write it atomically.

Role checks and the audit entry are the use case's (``usecases.knowledge``); this module only
edits files.

A change that the validator rejects is not written; the editor sees the validator's messages
(file, line, column) instead.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from assistant.files import atomic_write
from assistant.kb.chunk import DPIA, INVENTORY_LINES, STATUS, YES_NO, source_texts
from assistant.kb.documents import KNOWN
from assistant.kb.load import load, validate
from assistant.kb.model import Problem

# The inventory as the editors see it: German headings and value labels; stored as the CSV codes.
HEADINGS = {"id": "ID", "name": "KI-Anwendung", **{column: label for column, label, _ in INVENTORY_LINES}}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": STATUS,
    "personal_data": YES_NO,
    "dpia": DPIA,
    "ai_act_risk": {"minimal": "minimal", "limited": "begrenzt", "high": "hoch", "prohibited": "verboten",
                    "unknown": "nicht eingestuft"},
}  # fmt: skip


def shown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[list[str], list[list[str]]]:
    """The inventory with German headings and value labels (``stored`` is the inverse)."""
    labels = [VALUE_LABELS.get(column, {}) for column in header]
    return [HEADINGS.get(c, c) for c in header], [
        [labels[i].get(cell, cell) if i < len(labels) else cell for i, cell in enumerate(row)] for row in rows
    ]


def stored(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """Rows as typed in the table, back to the CSV's codes ("Regelbetrieb" -> "production"); a value that
    is no label is kept as typed, so the validator names it."""
    codes = [{label.lower(): code for code, label in VALUE_LABELS.get(c, {}).items()} for c in header]
    return [
        [codes[i].get(str(cell or "").strip().lower(), str(cell or "")) if i < len(codes) else str(cell or "")
         for i, cell in enumerate(row)]
        for row in rows
    ]  # fmt: skip


def explained(problem: Problem, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A problem of inventory.csv as the editor sees it: the row's id and the column's German heading."""
    if problem.file != "inventory.csv" or problem.line is None:
        return str(problem)
    index = problem.line - 2  # line 1 is the header
    ident = rows[index][0] if 0 <= index < len(rows) and rows[index] and rows[index][0] else f"Zeile {index + 1}"
    column = HEADINGS.get(problem.column or "", problem.column or "")
    message = problem.message
    for code, label in VALUE_LABELS.get(problem.column or "", {}).items():
        message = message.replace(code, label)
    return f"{ident}{' · ' + column if column else ''}: {message}"


def read_inventory(root: Path) -> tuple[list[str], list[list[str]]]:
    path = root / "inventory.csv"
    if not path.is_file():
        return [], []
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    return (rows[0], rows[1:]) if rows else ([], [])


def _csv(original: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The inventory as CSV; a row the editor left unchanged keeps its original text, so a change of one
    row is a one-line diff (no requoting, no reordering)."""
    kept = _raw_records(original)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = tuple(str(c) if c is not None else "" for c in row)
        if not any(c.strip() for c in cells):
            continue
        if cells in kept:
            out.write(kept[cells])
        else:
            writer.writerow(cells)
    return out.getvalue()


def _raw_records(text: str) -> dict[tuple[str, ...], str]:
    """Each data record of a CSV text by its cells, with its exact original text (newline included)."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    found: dict[tuple[str, ...], str] = {}
    start = 0
    for index, row in enumerate(reader):
        end = reader.line_num
        raw = "".join(lines[start:end])
        if index > 0:
            found.setdefault(tuple(row), raw if raw.endswith("\n") else raw + "\n")
        start = end
    return found


def _trial(root: Path, relative: str, data: bytes) -> list[Problem]:
    """Validate the knowledge base as it would be with ``relative`` replaced by ``data``."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / root.name
        shutil.copytree(root, copy)
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_bytes(data)
        kb, found = validate(copy)
        problems = [p for p in found if not p.warning]
        return problems if kb is not None else problems or [Problem(relative, "Wissensbasis unbrauchbar")]


def save_inventory(root: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Problem]:
    """Write inventory.csv if the result validates; otherwise return the problems and write nothing."""
    path = root / "inventory.csv"
    original = path.read_text(encoding="utf-8") if path.is_file() else ""
    data = _csv(original, header, rows).encode("utf-8")
    problems = _trial(root, "inventory.csv", data)
    if not problems:
        atomic_write(root / "inventory.csv", data)
    return problems


def add_document(root: Path, upload: Path) -> tuple[str, list[Problem]]:
    """Copy an uploaded document into documents/ if the knowledge base stays valid."""
    name = upload.name
    if upload.suffix.lower() not in KNOWN:
        return name, [
            Problem(name, f"Dateityp {upload.suffix or '(ohne Endung)'} wird nicht gelesen (.md .txt .pdf .docx .html)")
        ]
    relative = f"documents/{name}"
    data = upload.read_bytes()
    problems = _trial(root, relative, data)
    if not problems:
        (root / "documents").mkdir(exist_ok=True)
        atomic_write(root / relative, data)
    return relative, problems


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Which files the knowledge base has and when they changed (one stat per file, no reading;
    hidden paths such as .git are skipped, as the loader skips them)."""
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            stat = path.stat()
            found.append((str(relative), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@lru_cache(maxsize=4)
def _texts(root: str, signature: tuple[tuple[str, int, int], ...]) -> dict[str, str]:
    return source_texts(load(Path(root)))


def texts_of(root: Path) -> dict[str, str]:
    """The full text behind every source id, re-read only when a file of the knowledge base changed.

    The review screen asks for it on every click; parsing every PDF and Word file each time would not scale.
    """
    return _texts(str(root), _signature(root))
