"""Load and validate a knowledge-base directory.

``validate`` returns every problem it finds; ``load`` raises one
``KnowledgeBaseError`` listing them when any would make drafting unreliable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import KnowledgeBaseError, os_reason
from assistant.kb import access, replaced, yamltext
from assistant.kb.documents import read_document
from assistant.kb.model import (
    Department,
    Document,
    EarlierAnswer,
    KnowledgeBase,
    Municipality,
    Problem,
    Record,
    Term,
)
from assistant.kb.replies import REPLY_SUFFIXES, read_reply
from assistant.kb.tables import BUDGET_COLUMNS, INVENTORY_COLUMNS, read_table

MUNICIPALITY_FILE = "municipality.yaml"
MAX_YAML = 1024 * 1024


def _yaml(root: Path, path: Path, rel: str, problems: list[Problem]) -> Any:
    data = access.read(root, path, rel, problems, limit=MAX_YAML)
    if data is None:
        return None
    try:
        return yamltext.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, "Datei ist nicht UTF-8-kodiert – als UTF-8 speichern"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            Problem(
                rel,
                f"kein gültiges YAML ({getattr(exc, 'problem', exc)})",
                mark.line + 1 if mark else None,
            )
        )
    return None


def _municipality(root: Path, problems: list[Problem]) -> Municipality | None:
    before = len(problems)
    data = _yaml(root, root / MUNICIPALITY_FILE, MUNICIPALITY_FILE, problems)
    if data is None:
        if len(problems) == before:
            problems.append(Problem(MUNICIPALITY_FILE, "Datei ist leer – name, kind und authority angeben", 1))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(MUNICIPALITY_FILE, "erwartet 'schlüssel: wert'-Einträge (name, kind, ...)", 1))
        return None
    for key in ("name", "kind", "authority"):
        if not data.get(key):
            problems.append(Problem(MUNICIPALITY_FILE, f"Pflichtangabe '{key}' fehlt"))
    departments = []
    entries = _typed(data, "departments", list, "eine Liste von Fachbereichen (- {id: …, name: …})", problems)
    for entry in entries or []:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            problems.append(Problem(MUNICIPALITY_FILE, f"Fachbereich braucht 'id' und 'name': {entry!r}"[:200]))
            continue
        departments.append(Department(id=str(entry["id"]), name=str(entry["name"])))
    signatory = _typed(data, "signatory", dict, "'name' und 'role' der unterzeichnenden Person", problems) or {}
    contact = _typed(data, "contact", dict, "'unit' und 'email' der Kontaktstelle", problems) or {}
    address = data.get("address") or []
    letterhead = data.get("letterhead") or []
    template = str(data.get("template") or "")
    template_path = access.confined_path(root, template) if template else None
    if template and template_path is None:
        problems.append(
            Problem(MUNICIPALITY_FILE, f"Briefvorlage '{template}' liegt außerhalb der Wissensbasis – hineinkopieren")
        )
        template = ""
    elif template_path is not None and not access.is_file(template_path):
        problems.append(
            Problem(MUNICIPALITY_FILE, f"Briefvorlage '{template}' nicht gefunden (Pfad relativ zur Wissensbasis)")
        )
    return Municipality(
        name=str(data.get("name", "")),
        kind=str(data.get("kind", "")),
        authority=str(data.get("authority", "")),
        departments=tuple(departments),
        address=tuple(str(a) for a in address) if isinstance(address, list) else (str(address),),
        signatory_name=str(signatory.get("name", "")),
        signatory_role=str(signatory.get("role", "")),
        contact_unit=str(contact.get("unit", "")),
        contact_email=str(contact.get("email", "")),
        letterhead=tuple(str(line) for line in letterhead) if isinstance(letterhead, list) else (str(letterhead),),
        template=template,
        terms=_terms(data, problems),
    )


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _terms(data: dict[str, Any], problems: list[Problem]) -> tuple[Term, ...]:
    """``terms: [{name: 2020–2025, start: 2020-11-01, end: 2025-10-31}, …]`` (Wahlperioden)."""
    found = []
    expected = "eine Liste von Wahlperioden (- {name: …, start: JJJJ-MM-TT, end: JJJJ-MM-TT})"
    for entry in _typed(data, "terms", list, expected, problems) or []:
        start, end = (_day(entry.get("start")), _day(entry.get("end"))) if isinstance(entry, dict) else (None, None)
        if not isinstance(entry, dict) or not entry.get("name") or start is None or end is None or end < start:
            message = f"Wahlperiode braucht 'name', 'start' und 'end' (JJJJ-MM-TT): {entry!r}"
            problems.append(Problem(MUNICIPALITY_FILE, message[:200]))
            continue
        found.append(Term(str(entry["name"]), start, end))
    return tuple(sorted(found, key=lambda t: t.start))


def _typed(data: dict[str, Any], key: str, kind: type, expected: str, problems: list[Problem]) -> Any:
    """``data[key]`` if it has the expected YAML shape (or is absent); otherwise a problem and None."""
    value = data.get(key)
    if value in (None, "") or isinstance(value, kind):
        return value
    problems.append(Problem(MUNICIPALITY_FILE, f"'{key}' hat die falsche Form – erwartet: {expected}"))
    return None


def _answers(root: Path, problems: list[Problem]) -> list[EarlierAnswer]:
    found: list[EarlierAnswer] = []
    folder = root / "answers"
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        rel = f"answers/{path.name}"
        if path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(Problem(rel, "ist ein Verzeichnis – frühere Antworten direkt in answers/ ablegen"))
            continue
        if path.suffix.lower() in REPLY_SUFFIXES:  # a released reply as its document: its pairs recovered
            found += read_reply(root, path, rel, problems)
            continue
        if path.suffix.lower() not in {".yaml", ".yml"}:
            known = ", ".join(sorted({".yaml", *REPLY_SUFFIXES}))
            problems.append(Problem(rel, f"unbekanntes Dateiformat '{path.suffix}' – erlaubt: {known}"))
            continue
        data = _yaml(root, path, rel, problems)
        if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
            problems.append(Problem(rel, "erwartet 'inquiry', 'released' und eine Liste 'answers'"))
            continue
        for index, item in enumerate(data["answers"], start=1):
            if not isinstance(item, dict) or not item.get("question") or not item.get("answer"):
                problems.append(Problem(rel, f"Antwort {index}: 'question' und 'answer' sind Pflicht"))
                continue
            found.append(
                EarlierAnswer(
                    file=rel,
                    index=index,
                    inquiry=str(data.get("inquiry", "")),
                    released=str(data.get("released", "")),
                    question=str(item["question"]).strip(),
                    answer=str(item["answer"]).strip(),
                )
            )
    return found


def _documents(root: Path, problems: list[Problem]) -> list[Document]:
    folder = root / "documents"
    if not folder.is_dir():
        return []
    documents = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = path.relative_to(root).as_posix()
        document = read_document(root, path, rel, problems)
        if document is not None:
            documents.append(document)
    return documents


def validate(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Read everything, collect every problem. The KB is None only when unusable."""
    try:
        return _validate(root)
    except OSError as exc:  # the directory itself: no permission, a name too long
        raise KnowledgeBaseError(
            f"Wissensbasis nicht lesbar ({os_reason(exc)})", path=root, hint="Pfad und Leserechte prüfen"
        ) from exc


def _validate(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    if not root.is_dir():
        raise KnowledgeBaseError(
            "Wissensbasis nicht gefunden",
            path=root,
            hint="Verzeichnis mit municipality.yaml angeben",
        )
    if not (root / MUNICIPALITY_FILE).is_file():
        raise KnowledgeBaseError(
            f"{MUNICIPALITY_FILE} fehlt",
            path=root,
            hint="siehe knowledge_base/README.md für das Format",
        )
    problems: list[Problem] = []
    municipality = _municipality(root, problems)
    inventory: list[Record] = []
    budget: list[Record] = []
    for name in ("inventory.csv", "budget.csv"):
        path = root / name
        if path.is_symlink() and not access.is_file(path):
            problems.append(Problem(name, "symbolischer Link ohne gültiges Ziel – durch die CSV-Datei ersetzen"))
        elif path.exists() and not path.is_file():
            problems.append(Problem(name, "ist keine Datei (ein Verzeichnis?) – durch eine CSV-Datei ersetzen"))
    if (root / "inventory.csv").is_file():
        inventory, found = read_table(root / "inventory.csv", "inventory.csv", INVENTORY_COLUMNS, lambda r: r.get("id"))
        problems += found
    if (root / "budget.csv").is_file():
        budget, found = read_table(
            root / "budget.csv",
            "budget.csv",
            BUDGET_COLUMNS,
            lambda r: f"{r.get('year')}:{r.get('budget_line')}",
        )
        problems += found
    documents, ended = replaced.apply(_documents(root, problems))
    problems += ended
    answers = _answers(root, problems)
    if municipality is None:
        return None, problems
    known = {d.id for d in municipality.departments}
    lines = {r.get("budget_line") for r in budget}
    for record in inventory:
        department = record.get("department")
        if department and department not in known:
            problems.append(
                Problem(
                    "inventory.csv",
                    f"Fachbereich '{department}' ist in municipality.yaml nicht definiert",
                    record.line,
                    "department",
                )
            )
        line = record.get("budget_line")
        if line and budget and line not in lines:
            problems.append(
                Problem(
                    "inventory.csv",
                    f"Haushaltsstelle '{line}' fehlt in budget.csv (z. B. aus dem Haushalt eines anderen Bereichs "
                    "finanziert); Antworten zu dieser Anwendung weisen darauf hin",
                    record.line,
                    "budget_line",
                    warning=True,
                )
            )
    kb = KnowledgeBase(
        root=root,
        municipality=municipality,
        inventory=tuple(inventory),
        budget=tuple(budget),
        documents=tuple(documents),
        answers=tuple(answers),
        has_inventory_file=(root / "inventory.csv").is_file(),
    )
    return kb, problems


def load(root: Path) -> KnowledgeBase:
    """Load a knowledge base; any problem is an error listing all of them."""
    kb, found = validate(root)
    problems = [p for p in found if not p.warning]
    if kb is None or problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise KnowledgeBaseError(
            f"Die Wissensbasis enthält {len(problems)} Fehler:\n{listing}",
            problems=[str(p) for p in problems],
            hint=f"Fehler beheben und mit 'assistant kb validate {root}' prüfen",
        )
    return kb
