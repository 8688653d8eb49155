"""Hostile inputs: over a thousand inquiry files and over a hundred broken knowledge bases.

Each input is read in a worker process with a hard limit of five seconds (``tests/hostile.py``).
Whatever the input, the reader ends in a result or in our own error naming the file: no hang,
no foreign exception (RecursionError and MemoryError included), no "Unerwarteter Fehler", and a
plain numbered list keeps every one of its questions. All results are also written as JSON
(path in the failure message) for a closer look.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from pathlib import Path

import pytest

from tests import hostile
from tests.hostile import Case, Result

MAX_LISTED = 30
WORKERS = max(1, min(2, os.cpu_count() or 1))
Run = tuple[list[Case], list[Result], Path]


def _run(cases: list[Case], folder: Path, kind: str) -> Run:
    results = hostile.run(cases, folder / "arbeit", workers=WORKERS)
    report = folder / f"ergebnisse-{kind}.json"
    hostile.save_report(results, report)
    return cases, results, report


@pytest.fixture(scope="module")
def inquiries(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("hostile-inquiries")
    return _run(hostile.inquiry_cases(folder / "dateien"), folder, "anfragen")


@pytest.fixture(scope="module")
def knowledge_bases(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("hostile-kb")
    return _run(hostile.knowledge_base_cases(folder / "wissensbasen"), folder, "wissensbasen")


@pytest.fixture(params=["inquiries", "knowledge_bases"])
def each(request: pytest.FixtureRequest) -> Run:
    run: Run = request.getfixturevalue(request.param)
    return run


def _fail_listing(title: str, offenders: list[Result], run: Run) -> None:
    """Fail with one compact line per offending input (name, outcome, exception, place, message)."""
    if not offenders:
        return
    _, results, report = run
    lines = [f"{title}: {len(offenders)} von {len(results)} Eingaben ({_summary(results)}); alle Ergebnisse: {report}"]
    lines += [f"  {r.line()}" for r in offenders[:MAX_LISTED]]
    if len(offenders) > MAX_LISTED:
        lines.append(f"  … und {len(offenders) - MAX_LISTED} weitere")
    pytest.fail("\n".join(lines), pytrace=False)


def _summary(results: list[Result]) -> str:
    counts = Counter(r.outcome for r in results)
    seconds = sum(r.seconds for r in results)
    return ", ".join(f"{outcome} {count}" for outcome, count in sorted(counts.items())) + f"; {seconds:.0f} s"


def test_there_are_enough_hostile_inputs(inquiries: Run, knowledge_bases: Run) -> None:
    assert len(inquiries[0]) >= 1000
    assert len(knowledge_bases[0]) >= 100
    assert len({c.name for c in inquiries[0]}) == len(inquiries[0])


def test_nothing_hangs(each: Run) -> None:
    offenders = [r for r in each[1] if r.outcome == "hang"]
    _fail_listing(f"länger als {hostile.LIMIT_SECONDS:.0f} s", offenders, each)


def test_no_foreign_exceptions(each: Run) -> None:
    offenders = [r for r in each[1] if r.outcome == "crash"]
    _fail_listing("Absturz mit einer anderen Ausnahme als AssistantError", offenders, each)


def test_no_unexpected_error_messages(each: Run) -> None:
    def texts(result: Result) -> list[str]:
        return [result.message] + [p["message"] for p in result.problems]

    offenders = [r for r in each[1] if any("Unerwarteter Fehler" in text for text in texts(r))]
    _fail_listing("'Unerwarteter Fehler' in der Meldung", offenders, each)


def test_every_refusal_names_its_file(each: Run) -> None:
    offenders = [r for r in each[1] if r.outcome == "refused" and not r.named]
    _fail_listing("Ablehnung ohne Dateiname", offenders, each)


def test_numbered_lists_keep_every_question(inquiries: Run) -> None:
    cases, results, _ = inquiries
    by_name = {r.name: r for r in results}
    checked = [(c, by_name[c.name]) for c in cases if c.questions is not None]
    assert any(c.questions == 150 for c, _ in checked)

    def kept(case: Case, result: Result) -> bool:
        return result.questions == case.questions or (case.may_refuse and result.outcome == "refused" and result.named)

    def explained(case: Case, result: Result) -> Result:
        wanted = f"erwartet {case.questions} Fragen" + (" oder Ablehnung" if case.may_refuse else "")
        return dataclasses.replace(result, message=f"{wanted}; {result.message}")

    offenders = [explained(c, r) for c, r in checked if not kept(c, r)]
    _fail_listing("Fragenzahl falsch", offenders, inquiries)


def _reported(case: Case, result: Result) -> bool:
    """Whether validate reported what ``case`` broke, with the right severity."""
    about = [p for p in result.problems if p["file"] == case.target or p["file"].startswith(case.target + "/")]
    errors = [p for p in result.problems if not p["warning"]]
    if case.expect == "ok":
        return result.outcome == "ok" and not errors
    if case.expect == "warning":
        return not errors and any(p["warning"] for p in about)
    if case.expect == "error":
        raised = result.outcome == "refused" and not result.problems and result.error_type != ""
        return raised or any(not p["warning"] for p in about)
    return case.expect != "problem" or bool(about)


def test_broken_knowledge_bases_are_reported(knowledge_bases: Run) -> None:
    cases, results, _ = knowledge_bases
    by_name = {r.name: r for r in results}
    offenders = []
    for case in cases:
        result = by_name[case.name]
        if result.outcome in ("ok", "refused") and not _reported(case, result):
            reported = " | ".join(
                f"{p['file']}:{p['line']}: {'Warnung: ' if p['warning'] else ''}{p['message']}"
                for p in result.problems[:4]
            )
            message = f"erwartet {case.expect} zu {case.target or 'nichts'}; gemeldet: {reported or result.message}"
            offenders.append(dataclasses.replace(result, message=message))
    _fail_listing("Defekt nicht (oder falsch) gemeldet", offenders, knowledge_bases)


def test_nothing_outside_the_knowledge_base_is_read(knowledge_bases: Run) -> None:
    offenders = [r for r in knowledge_bases[1] if r.leaked]
    _fail_listing("Inhalt von außerhalb der Wissensbasis gelesen", offenders, knowledge_bases)
