"""Evaluation cases: YAML files naming an inquiry, a knowledge base and what the answers must contain.

Beyond the contract, an unanswerable question may say which abstention is right
(``status: needs_input`` for a political judgement; default ``no_information``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.drafting.demands import PURPOSE_LABELS
from assistant.errors import EvaluationError, UsageError

PER = ("year", "once")  # how often an amount a demand names is meant: every year of its years, or once

_ANSWER_KEYS = {"answerable", "facts", "sources", "forbidden", "status", "warnings", "amounts"}
_AMOUNT_KEYS = {"named", "per", "years", "purpose", "planned", "lines", "additional"}
_ABSTAIN = {"no_information", "needs_input"}


@dataclass(frozen=True)
class ExpectedAmount:
    """Extension for motions: an amount a demand names and its comparison with the budget data."""

    named: int
    per: str  # "year" | "once"
    years: tuple[int, ...]
    purposes: tuple[str, ...]
    planned: tuple[tuple[int, int], ...]  # (year, euros)
    lines: tuple[str, ...]
    additional: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Expectation:
    question_id: str
    answerable: bool
    facts: tuple[tuple[str, ...], ...] = ()  # each fact: alternatives, one must appear
    sources: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    status: str = "no_information"  # the right abstention when not answerable
    warnings: tuple[str, ...] = ()  # extension: each must appear in one of the answer's warnings
    amounts: tuple[ExpectedAmount, ...] = ()  # extension for motions


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    inquiry: Path
    kb: Path
    count: int | None
    expectations: tuple[Expectation, ...]
    group: str = ""  # the case's set ("tuned", "fresh", "holdout", "edge"): reported in separate columns

    def expected(self, question_id: str) -> Expectation | None:
        return next((e for e in self.expectations if e.question_id == question_id), None)


def _fail(path: Path, message: str, line: int | None = None) -> EvaluationError:
    return EvaluationError(message, path=path, line=line, hint="Format: shared/spec/eval-cases.md")


def _strings(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where} muss eine Liste von Texten sein")
    return tuple(value)


def _per_year(value: Any, path: Path, where: str) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, dict) or not all(isinstance(k, int) and isinstance(v, int) for k, v in value.items()):
        raise _fail(path, f"{where} muss ein Objekt Jahr: Betrag (ganze Zahlen) sein")
    return tuple(sorted(value.items()))


def _amount(data: Any, path: Path, where: str) -> ExpectedAmount:
    if not isinstance(data, dict) or set(data) - _AMOUNT_KEYS or not {"named", "years", "purpose"} <= set(data):
        raise _fail(path, f"{where}: erwartet named, per, years, purpose, planned, lines, additional")
    purpose = data["purpose"] if isinstance(data["purpose"], list) else [data["purpose"]]
    if unknown := [str(p) for p in purpose if p not in PURPOSE_LABELS]:
        allowed = ", ".join(PURPOSE_LABELS)
        raise _fail(path, f"{where}: unbekannter Zweck {', '.join(unknown)} (erlaubt: {allowed}; mehrere als Liste)")
    if (per := str(data.get("per") or "once")) not in PER:
        raise _fail(path, f"{where}: per muss {' oder '.join(PER)} sein, nicht {per!r}")
    years = data["years"]
    if not isinstance(data["named"], int) or not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        raise _fail(path, f"{where}: named muss eine ganze Zahl, years eine Liste von Jahren sein")
    return ExpectedAmount(
        named=data["named"],
        per=per,
        years=tuple(years),
        purposes=tuple(str(p) for p in purpose),
        planned=_per_year(data.get("planned") or {}, path, f"{where}: planned"),
        lines=_strings(data.get("lines") or None, path, f"{where}: lines"),
        additional=_per_year(data.get("additional") or {}, path, f"{where}: additional"),
    )


def _expectation(question_id: str, data: Any, path: Path) -> Expectation:
    if not isinstance(data, dict):
        raise _fail(path, f"Antwort {question_id!r} muss ein Objekt sein")
    unknown = sorted(set(data) - _ANSWER_KEYS)
    if unknown:
        raise _fail(path, f"Antwort {question_id!r}: unbekannte Schlüssel {unknown}")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise _fail(path, f"Antwort {question_id!r}: answerable muss true oder false sein")
    status = data.get("status", "no_information")
    if status not in _ABSTAIN:
        raise _fail(path, f"Antwort {question_id!r}: status muss no_information oder needs_input sein")
    facts = _strings(data.get("facts"), path, f"Antwort {question_id!r}: facts")
    return Expectation(
        question_id=question_id,
        answerable=answerable,
        facts=tuple(tuple(alt.strip() for alt in fact.split("|")) for fact in facts),
        sources=_strings(data.get("sources"), path, f"Antwort {question_id!r}: sources"),
        forbidden=_strings(data.get("forbidden"), path, f"Antwort {question_id!r}: forbidden"),
        status=status,
        warnings=_strings(data.get("warnings"), path, f"Antwort {question_id!r}: warnings"),
        amounts=tuple(
            _amount(a, path, f"Antwort {question_id!r}: amounts[{n}]") for n, a in enumerate(data.get("amounts") or [])
        ),
    )


def load_case(path: Path) -> Case:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"nicht lesbar ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, "kein gültiges YAML", mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict) or not {"name", "inquiry", "kb"} <= set(data):
        raise _fail(path, "name, inquiry und kb sind Pflicht")
    inquiry, kb = path.parent / str(data["inquiry"]), path.parent / str(data["kb"])
    if not inquiry.is_file():
        raise _fail(path, f"Anfrage {inquiry} nicht gefunden")
    if not kb.is_dir():
        raise _fail(path, f"Wissensbasis {kb} nicht gefunden")
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise _fail(path, "answers muss ein Objekt sein (Frage-Nummer: Erwartung)")
    questions = data.get("questions") or {}
    count = questions.get("count") if isinstance(questions, dict) else None
    if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 0):
        raise _fail(path, "questions.count muss eine ganze Zahl ≥ 0 sein")
    return Case(
        name=str(data["name"]),
        path=path,
        inquiry=inquiry.resolve(),
        kb=kb.resolve(),
        count=count,
        expectations=tuple(_expectation(str(qid), spec, path) for qid, spec in answers.items()),
        group=str(data.get("set") or ""),
    )


def load_cases(target: Path) -> list[Case]:
    """One case file, or every ``*.yaml`` in a directory (sorted)."""
    if target.is_file():
        return [load_case(target)]
    if not target.is_dir():
        raise UsageError(f"Evaluationsfälle nicht gefunden: {target}", hint="Verzeichnis mit *.yaml angeben")
    files = sorted(target.glob("*.yaml"))
    if not files:
        raise UsageError(f"Keine Evaluationsfälle (*.yaml) in {target}")
    return [load_case(f) for f in files]
