"""Read and validate ``inventory.csv`` and ``budget.csv``.

Every finding names file, line and column and says how to fix it. A row
with errors is still kept when its id is usable, so one typo does not hide a
whole application from the assistant; ``kb validate`` reports it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.kb import access
from assistant.kb.model import Problem, Record

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

Check = Callable[[str], str | None]


def _enum(*allowed: str) -> Check:
    def check(value: str) -> str | None:
        if value in allowed:
            return None
        return f"unbekannter Wert '{value}' – erlaubt: {', '.join(allowed)}"

    return check


def _exists(value: str) -> bool:
    """The format is right and the date exists (no month 13, no 30 February)."""
    padded = value + "-01" * (2 - value.count("-"))
    try:
        date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def _date(value: str) -> str | None:
    if _DATE.match(value) and _exists(value):
        return None
    return f"ungültiges Datum '{value}' – Format JJJJ, JJJJ-MM oder JJJJ-MM-TT verwenden"


def _day(value: str) -> str | None:
    if _DAY.match(value) and _exists(value):
        return None
    return f"ungültiges Datum '{value}' – Format JJJJ-MM-TT verwenden"


def _number(value: str) -> str | None:
    if _NUMBER.match(value):
        return None
    return f"keine Zahl: '{value}' – nur Ziffern und Dezimalpunkt, ohne Tausendertrennzeichen und €"


def _integer(value: str) -> str | None:
    return None if value.isdigit() else f"keine ganze Zahl: '{value}'"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    check: Check | None = None


INVENTORY_COLUMNS = (
    Column("id", True),
    Column("name", True),
    Column("vendor"),
    Column("department", True),
    Column("purpose", True),
    Column("status", True, _enum("planned", "pilot", "test", "production", "discontinued")),
    Column("go_live", check=_date),
    Column("end_date", check=_date),
    Column("users", check=_integer),
    Column("personal_data", check=_enum("yes", "no")),
    Column("dpia", check=_enum("done", "planned", "not_required")),
    Column("legal_basis"),
    Column("ai_act_risk", check=_enum("minimal", "limited", "high", "prohibited", "unknown")),
    Column("human_oversight"),
    Column("cost_one_time_eur", check=_number),
    Column("cost_annual_eur", check=_number),
    Column("budget_line"),
    Column("evaluation"),
    Column("discontinued_reason"),
    Column("source"),
    Column("updated", True, _day),
)

BUDGET_COLUMNS = (
    Column("year", True, lambda v: None if re.fullmatch(r"\d{4}", v) else f"ungültiges Jahr '{v}'"),
    Column("budget_line", True),
    Column("title", True),
    Column(
        "category",
        check=_enum("personnel", "consulting", "licenses", "hardware", "training", "operations", "other"),
    ),
    Column("kind", check=_enum("consumptive", "investive")),
    Column("planned_eur", True, _number),
    Column("actual_eur", check=_number),
    Column("status", check=_enum("adopted", "draft", "proposed")),
    Column("note"),
    Column("source"),
)


def _decode(path: Path, rel: str, problems: list[Problem]) -> str | None:
    data = access.read(path.parent, path, rel, problems)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                rel,
                "Datei ist nicht UTF-8-kodiert – in der Tabellenkalkulation als 'CSV UTF-8' speichern",
                line,
            )
        )
        return None


def _rows(reader: Any, rel: str, problems: list[Problem]) -> Iterator[list[str]]:
    """The reader's rows; a row the csv module cannot read ends the file with a problem at its line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(
                Problem(
                    rel,
                    f"Zeile nicht lesbar: ein Feld ist länger als {csv.field_size_limit()} Zeichen oder ein "
                    "Anführungszeichen ist nicht geschlossen – Feld kürzen bzw. Anführungszeichen prüfen",
                    reader.line_num,
                )
            )
            return
        yield row


def read_table(
    path: Path, rel: str, columns: tuple[Column, ...], key: Callable[[Record], str]
) -> tuple[list[Record], list[Problem]]:
    """Read one CSV file, returning its records and every problem found."""
    problems: list[Problem] = []
    text = _decode(path, rel, problems)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(rel, "Datei ist leer – Kopfzeile mit den Spaltennamen angeben", 1)]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _rows(reader, rel, problems)
    header = [h.strip() for h in next(rows, [])]
    if not header:
        return [], problems
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "Semikolon" if ";" in header[0] else "Tabulator"
        return [], [Problem(rel, f"Trennzeichen ist {sep} – Datei mit Komma als Trennzeichen speichern", 1)]
    for column in columns:
        if column.required and column.name not in header:
            problems.append(Problem(rel, f"Pflichtspalte '{column.name}' fehlt in der Kopfzeile", 1))
    if any(p.line == 1 for p in problems):
        return [], problems
    records: list[Record] = []
    seen: dict[str, int] = {}
    by_name = {c.name: c for c in columns}
    for row in rows:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    rel,
                    f"{len(row)} Felder statt {len(header)} – Anführungszeichen und Kommas prüfen",
                    line,
                )
            )
            continue
        values = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        for name, value in values.items():
            if (spec := by_name.get(name)) is None:
                continue
            if not value:
                if spec.required:
                    problems.append(Problem(rel, "Pflichtfeld ist leer", line, name))
                continue
            if spec.check and (message := spec.check(value)):
                problems.append(Problem(rel, message, line, name))
        record = Record(file=rel, line=line, values=values)
        ident = key(record)
        if ident in seen:
            problems.append(Problem(rel, f"doppelte Kennung '{ident}' (schon in Zeile {seen[ident]})", line))
            continue
        seen[ident] = line
        records.append(record)
    return records, problems
