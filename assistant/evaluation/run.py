"""Run evaluation cases through the drafting pipeline (and optionally the plain RAG baseline)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.domain import Answer, Inquiry
from assistant.errors import UsageError
from assistant.evaluation.baseline import PlainRag
from assistant.evaluation.cases import Case
from assistant.evaluation.metrics import score_case, summarize
from assistant.inquiry.parse import parse_inquiry
from assistant.inquiry.read import read_inquiry
from assistant.kb.chunk import source_texts
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.services import Services

ASSISTANT = "assistant"
BASELINE = "baseline"
CaseProgress = Callable[[str, str, int, int], None]  # system, case, question number, total


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _draft(
    system: str, services: Services, kb: KnowledgeBase, inquiry: Inquiry, tick: Callable[[int, int], None]
) -> list[Answer]:
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


def _knowledge_bases(cases: list[Case]) -> dict[Path, KnowledgeBase]:
    """Each knowledge base the cases use, loaded once (cases usually share one)."""
    return {path: load(path) for path in {case.kb for case in cases}}


def _score_system(
    cases: list[Case], drafted: dict[str, list[Answer]], kbs: dict[Path, KnowledgeBase]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Per-case scores and the overall summary of one system's drafts."""
    sources = {path: source_texts(kb) for path, kb in kbs.items()}
    per_case: dict[str, Any] = {}
    all_scores = []
    expected_ids: list[str] = []
    extracted: list[str] = []
    for case in cases:
        answers = drafted[case.name]
        scores, summary = score_case(case, answers, sources[case.kb])
        per_case[case.name] = {
            "summary": asdict(summary),
            "questions": [asdict(s) for s in scores],
            "answers": [a.to_json() for a in answers],
            "question_count": {"expected": case.count, "extracted": len(answers)},
        }
        all_scores += scores
        expected_ids += [f"{case.name}/{e.question_id}" for e in case.expectations]
        extracted += [f"{case.name}/{a.question_id}" for a in answers]
    return per_case, asdict(summarize(all_scores, expected_ids, extracted))


def rescore(results: dict[str, Any], cases: list[Case]) -> dict[str, Any]:
    """Score stored drafts again (after a change to the cases or the metrics), without drafting."""
    try:
        systems = list(results["systems"].values())
        stored = [{case: data["answers"] for case, data in system["cases"].items()} for system in systems]
    except (KeyError, TypeError, AttributeError) as exc:
        raise UsageError("Die Datei ist keine results.json von 'assistant eval'", hint="--rescore prüfen") from exc
    kbs = _knowledge_bases(cases)
    for system, answers in zip(systems, stored, strict=True):
        drafted = {
            case.name: [Answer.from_json(a) for a in answers[case.name]] for case in cases if case.name in answers
        }
        per_case, summary = _score_system([c for c in cases if c.name in drafted], drafted, kbs)
        system["cases"] = per_case
        system["summary"] = {**summary, "peak_rss_mb": system["summary"].get("peak_rss_mb")}
    return results


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
    kbs = _knowledge_bases(cases)
    for kb in kbs.values():
        services.ensure_index(kb)
    for system in systems:
        started = time.perf_counter()
        drafted: dict[str, list[Answer]] = {}
        for case in cases:
            text = read_inquiry(case.inquiry)
            inquiry = parse_inquiry(text.text, text.name)
            tick = _ticker(progress, system, case.name)
            drafted[case.name] = _draft(system, services, kbs[case.kb], inquiry, tick)
        per_case, summary = _score_system(cases, drafted, kbs)
        results["systems"][system] = {
            "model": services.llm.name,
            "summary": {**summary, "peak_rss_mb": _peak_rss_mb()},
            "seconds": round(time.perf_counter() - started, 1),
            "cases": per_case,
        }
    results["settings"] = services.settings.model_dump(mode="json")
    results["prompt_version"] = services.prompts.version()
    return results
