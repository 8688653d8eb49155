"""Run evaluation cases through the drafting pipeline (and optionally the plain RAG baseline)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from assistant.domain import Answer, Inquiry
from assistant.evaluation.baseline import PlainRag
from assistant.evaluation.cases import Case
from assistant.evaluation.metrics import score_case, summarize
from assistant.inquiry.parse import parse_inquiry
from assistant.inquiry.read import read_inquiry
from assistant.kb.chunk import source_texts
from assistant.kb.load import load
from assistant.services import Services

ASSISTANT = "assistant"
BASELINE = "baseline"
CaseProgress = Callable[[str, str, int, int], None]  # system, case, question number, total


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _draft(
    system: str, services: Services, case: Case, inquiry: Inquiry, tick: Callable[[int, int], None]
) -> list[Answer]:
    kb = load(case.kb)
    services.ensure_index(kb)
    if system == BASELINE:
        rag = PlainRag(services.llm, services.retriever(kb), services.prompts)
        answers = []
        questions = inquiry.answerable()
        for number, question in enumerate(questions, start=1):
            answers.append(rag.answer(question, inquiry))
            tick(number, len(questions))
        return answers
    return services.drafter(kb).run(inquiry, lambda n, total, q, a: tick(n, total) if a is not None else None)


def _ticker(progress: CaseProgress | None, system: str, case: str) -> Callable[[int, int], None]:
    def tick(number: int, total: int) -> None:
        if progress is not None:
            progress(system, case, number, total)

    return tick


def evaluate(
    cases: list[Case],
    services: Services,
    *,
    baseline: bool = False,
    progress: CaseProgress | None = None,
) -> dict[str, Any]:
    """Every case through every system; the result is what ``results.json`` holds."""
    systems = [ASSISTANT, BASELINE] if baseline else [ASSISTANT]
    results: dict[str, Any] = {"systems": {}, "cases": [c.name for c in cases]}
    for system in systems:
        started = time.perf_counter()
        per_case: dict[str, Any] = {}
        all_scores = []
        expected_ids: list[str] = []
        extracted: list[str] = []
        for case in cases:
            text = read_inquiry(case.inquiry)
            inquiry = parse_inquiry(text.text, text.name)
            answers = _draft(system, services, case, inquiry, _ticker(progress, system, case.name))
            scores, summary = score_case(case, answers, source_texts(load(case.kb)))
            per_case[case.name] = {
                "summary": asdict(summary),
                "questions": [asdict(s) for s in scores],
                "answers": [a.to_json() for a in answers],
                "question_count": {"expected": case.count, "extracted": len(answers)},
            }
            all_scores += scores
            expected_ids += [f"{case.name}/{e.question_id}" for e in case.expectations]
            extracted += [f"{case.name}/{a.question_id}" for a in answers]
        total = summarize(all_scores, expected_ids, extracted)
        results["systems"][system] = {
            "model": services.llm.name,
            "summary": {**asdict(total), "peak_rss_mb": _peak_rss_mb()},
            "seconds": round(time.perf_counter() - started, 1),
            "cases": per_case,
        }
    results["settings"] = services.settings.model_dump(mode="json")
    results["prompt_version"] = services.prompts.version()
    return results
