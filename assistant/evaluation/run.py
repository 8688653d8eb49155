"""Run evaluation cases through the drafting pipeline (and optionally the plain RAG baseline)."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.domain import Answer, Inquiry
from assistant.errors import UsageError
from assistant.evaluation.baseline import PlainRag
from assistant.evaluation.cases import Case
from assistant.evaluation.judge import Judge, judge_summary
from assistant.evaluation.metrics import score_case, summarize
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import source_texts
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.services import Services
from assistant.settings import Settings

ASSISTANT = "assistant"
BASELINE = "baseline"
CaseProgress = Callable[[str, str, int, int], None]  # system, case, question number, total


def services_for(configs: list[Path], default: Settings) -> Services | dict[str, Services]:
    """One ``Services`` per ``--config`` file, named by the file (``hybrid.toml`` → ``hybrid``).

    Configurations with the same language model and embedding settings share the loaded models.
    """
    if not configs:
        return Services(default)
    from assistant.settings import load_settings

    configured: dict[str, Services] = {}
    for path in configs:
        settings = load_settings(path)
        name = path.stem if path.stem not in configured else str(path)
        same = next(
            (
                s
                for s in configured.values()
                if s.settings.llm == settings.llm and s.settings.embedding == settings.embedding
            ),
            None,
        )
        configured[name] = Services(
            settings,
            llm=same.llm if same else None,
            embedder=same.embedder if same else None,
        )
    return configured


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
    by_group: dict[str, tuple[list[Any], list[str], list[str]]] = {}
    for case in cases:
        answers = drafted[case.name]
        scores, summary = score_case(case, answers, sources[case.kb])
        per_case[case.name] = {
            "summary": asdict(summary),
            "questions": [asdict(s) for s in scores],
            "answers": [a.to_json() for a in answers],
            "question_count": {"expected": case.count, "extracted": len(answers)},
        }
        ids = [f"{case.name}/{e.question_id}" for e in case.expectations]
        found = [f"{case.name}/{a.question_id}" for a in answers]
        group = by_group.setdefault(case.group or "–", ([], [], []))
        group[0].extend(scores)
        group[1].extend(ids)
        group[2].extend(found)
        all_scores += scores
        expected_ids += ids
        extracted += found
    overall = asdict(summarize(all_scores, expected_ids, extracted))
    if len(by_group) > 1:
        overall["by_set"] = {name: asdict(summarize(*group)) for name, group in sorted(by_group.items())}
    return per_case, overall


def rescore(results: dict[str, Any], cases: list[Case]) -> dict[str, Any]:
    """Score stored drafts again (after a change to the cases or the metrics), without drafting."""
    try:
        systems = list(results["systems"].values())
        stored = [{case: data["answers"] for case, data in system["cases"].items()} for system in systems]
        verdicts = [{case: data.get("judge") for case, data in system["cases"].items()} for system in systems]
    except (KeyError, TypeError, AttributeError) as exc:
        raise UsageError("Die Datei ist keine results.json von 'assistant eval'", hint="--rescore prüfen") from exc
    kbs = _knowledge_bases(cases)
    for system, answers, judged in zip(systems, stored, verdicts, strict=True):
        drafted = {
            case.name: [Answer.from_json(a) for a in answers[case.name]] for case in cases if case.name in answers
        }
        per_case, summary = _score_system([c for c in cases if c.name in drafted], drafted, kbs)
        for name, verdict in judged.items():  # the judge's verdicts are kept, not asked again
            if verdict is not None and name in per_case:
                per_case[name]["judge"] = verdict
        system["cases"] = per_case
        system["summary"] = {**summary, "peak_rss_mb": system["summary"].get("peak_rss_mb")}
        if any(v is not None for v in judged.values()):
            system["summary"]["judge"] = judge_summary(per_case)
    return results


def _judge_system(
    name: str,
    judge: Judge,
    cases: list[Case],
    inquiries: dict[str, Inquiry],
    drafted: dict[str, list[Answer]],
    per_case: dict[str, Any],
    tick: CaseProgress | None,
) -> None:
    for case in cases:
        answers = drafted[case.name]
        verdicts = []
        for number, answer in enumerate(answers, start=1):
            verdict = judge.judge(inquiries[case.name].question(answer.question_id), answer)
            verdicts.append({"question_id": answer.question_id, **asdict(verdict)})
            if tick is not None:
                tick(f"{name} (Bewerter)", case.name, number, len(answers))
        per_case[case.name]["judge"] = verdicts


def evaluate(
    cases: list[Case],
    services: Services | Mapping[str, Services],
    *,
    baseline: bool = False,
    progress: CaseProgress | None = None,
    judge_timeout: float | None = None,
) -> dict[str, Any]:
    """Every case through every configuration (and the baseline); the result is what ``results.json`` holds.

    ``services`` is one configuration or several by name (``--config A.toml --config B.toml``).
    With ``judge_timeout`` each drafted answer is also scored by the configuration's own model.
    """
    configured = {ASSISTANT: services} if isinstance(services, Services) else dict(services)
    first = next(iter(configured.values()))
    runs = [(name, ASSISTANT, s) for name, s in configured.items()]
    if baseline:
        runs.append((BASELINE, BASELINE, first))
    results: dict[str, Any] = {"systems": {}, "cases": [c.name for c in cases]}
    kbs = _knowledge_bases(cases)
    inquiries = {}
    for case in cases:
        text = read_inquiry(case.inquiry)
        inquiries[case.name] = parse_inquiry(text.text, text.name)
    for name, kind, system_services in runs:
        for kb in kbs.values():
            system_services.ensure_index(kb)
        started = time.perf_counter()
        drafted: dict[str, list[Answer]] = {}
        for case in cases:
            tick = _ticker(progress, name, case.name)
            drafted[case.name] = _draft(kind, system_services, kbs[case.kb], inquiries[case.name], tick)
        seconds = round(time.perf_counter() - started, 1)
        per_case, summary = _score_system(cases, drafted, kbs)
        entry: dict[str, Any] = {
            "model": system_services.llm.name,
            "summary": {**summary, "peak_rss_mb": _peak_rss_mb()},
            "seconds": seconds,
            "settings": system_services.settings.model_dump(mode="json"),
            "prompt_version": system_services.prompts.version(),
            "cases": per_case,
        }
        if judge_timeout is not None:
            judge = Judge(system_services.llm, system_services.prompts, judge_timeout)
            _judge_system(name, judge, cases, inquiries, drafted, per_case, progress)
            entry["summary"]["judge"] = judge_summary(per_case)
        results["systems"][name] = entry
    results["settings"] = first.settings.model_dump(mode="json")
    results["prompt_version"] = first.prompts.version()
    return results
