"""An evaluation run as a job: the cases drafted by a worker with its loaded models (and the model
server it is configured for) and scored; the report written to a directory the workers can reach.

``assistant eval CASES --job`` submits it and follows the job's progress; the worker measures its own
configuration (``--config`` A/B runs stay in the CLI process).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.errors import UsageError
from assistant.jobs.model import JobKind, JobRequest
from assistant.services import Services

EVALUATOR_ROLES = frozenset({"evaluation"})


def request(actor: str, cases: Path, report: Path, sets: Sequence[str] = ()) -> JobRequest:
    """The job for ``cases`` (a folder or one file), its report into ``report`` (absolute paths: the worker
    may run elsewhere, with the same paths mounted)."""
    payload = {"cases": str(cases.resolve()), "report": str(report.resolve()), "sets": list(sets)}
    return JobRequest(JobKind.EVALUATION, actor, EVALUATOR_ROLES, None, payload=payload)


def run(
    services: Services, cases: Path, report: Path, sets: Sequence[str], progress: Callable[[int, int], None]
) -> str:
    """Draft and score the cases with ``services``; the report's path and the headline figures."""
    from assistant.evaluation import report as report_
    from assistant.evaluation.cases import load_cases
    from assistant.evaluation.run import evaluate

    loaded = [case for case in load_cases(cases) if not sets or case.group in sets]
    if not loaded:
        raise UsageError(f"Keine Evaluationsfälle in {cases}", hint="Pfad und 'set:' der Fälle prüfen")
    total = sum(case.count or 1 for case in loaded)
    done: dict[str, int] = {}

    def tick(system: str, case: str, number: int, count: int) -> None:
        done[case] = number
        progress(min(sum(done.values()), total), total)

    results = evaluate(loaded, services, progress=tick)
    _, _, page = report_.write(results, report)
    summary = next(iter(results.systems.values())).summary
    return f"{len(loaded)} Fälle, Faktenquote {summary.fact_recall}, Enthaltungen {summary.abstention_accuracy}; {page}"
