"""Run evaluation cases through the drafting pipeline (and optionally the plain RAG baseline)."""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.domain import Answer, Inquiry
from assistant.errors import AssistantError, UsageError
from assistant.evaluation.baseline import PlainRag
from assistant.evaluation.cases import Case
from assistant.evaluation.judge import Judge, judge_summary
from assistant.evaluation.metrics import QuestionScore, Summary, score_case, summarize
from assistant.evaluation.results import CaseResult, JudgedAnswer, Results, SystemResult
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
    return services.drafter(kb, inquiry).run(inquiry, lambda n, total, q, a: tick(n, total) if a is not None else None)


def _ticker(progress: CaseProgress | None, system: str, case: str) -> Callable[[int, int], None]:
    def tick(number: int, total: int) -> None:
        if progress is not None:
            progress(system, case, number, total)

    return tick


def _knowledge_bases(cases: list[Case]) -> dict[Path, KnowledgeBase]:
    """Each knowledge base the cases use, loaded once (cases usually share one)."""
    return {path: load(path) for path in {case.kb for case in cases}}


def _question_texts(case: Case) -> dict[str, str]:
    """Each question's text with its parent's (what a demand names counts as given), by id."""
    try:
        read = read_inquiry(case.inquiry)
        inquiry = parse_inquiry(read.text, read.name)
    except AssistantError:
        return {}
    parents = {q.id: q.text for q in inquiry.questions}
    return {q.id: f"{parents.get(q.parent or '', '')} {q.text}".strip() for q in inquiry.questions}


def _score_system(
    cases: list[Case], drafted: dict[str, list[Answer]], kbs: dict[Path, KnowledgeBase]
) -> tuple[dict[str, CaseResult], Summary, dict[str, Summary]]:
    """Per-case results, the overall summary and the summary per set of cases of one system's drafts."""
    sources = {path: source_texts(kb) for path, kb in kbs.items()}
    per_case: dict[str, CaseResult] = {}
    by_group: dict[str, tuple[list[QuestionScore], list[str], list[str]]] = {}
    everything: tuple[list[QuestionScore], list[str], list[str]] = ([], [], [])
    for case in cases:
        answers = drafted[case.name]
        scores, summary = score_case(case, answers, sources[case.kb], _question_texts(case))
        per_case[case.name] = CaseResult(summary, tuple(scores), tuple(answers), case.count)
        ids = [f"{case.name}/{e.question_id}" for e in case.expectations]
        found = [f"{case.name}/{a.question_id}" for a in answers]
        for group in (by_group.setdefault(case.group or "–", ([], [], [])), everything):
            group[0].extend(scores)
            group[1].extend(ids)
            group[2].extend(found)
    by_set = {name: summarize(*group) for name, group in sorted(by_group.items())} if len(by_group) > 1 else {}
    return per_case, summarize(*everything), by_set


def _stored(stored: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, list[Answer]], dict[str, Any]]]:
    """Per system of a stored ``results.json``: its entry, its drafts and its judge's verdicts per case."""
    try:
        found = {}
        for name, system in stored["systems"].items():
            drafted = {case: [Answer.from_json(a) for a in data["answers"]] for case, data in system["cases"].items()}
            judged = {
                case: tuple(JudgedAnswer.from_json(j) for j in data["judge"])
                for case, data in system["cases"].items()
                if data.get("judge") is not None
            }
            found[name] = (system, drafted, judged)
        return found
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UsageError("Die Datei ist keine results.json von 'assistant eval'", hint="--rescore prüfen") from exc


def rescore(stored: dict[str, Any], cases: list[Case]) -> Results:
    """Score the drafts of a stored ``results.json`` again (after a change to the cases or the metrics),
    without drafting; the judge's verdicts are kept, not asked again."""
    found = _stored(stored)
    kbs = _knowledge_bases(cases)
    systems = {}
    for name, (entry, drafted, judged) in found.items():
        per_case, summary, by_set = _score_system([c for c in cases if c.name in drafted], drafted, kbs)
        errors = {case: str(data.get("error", "")) for case, data in entry["cases"].items()}  # "Nicht gelesen"
        per_case = {case: replace(r, judged=judged.get(case), error=errors[case]) for case, r in per_case.items()}
        systems[name] = SystemResult(
            model=entry.get("model", ""),
            summary=summary,
            cases=per_case,
            by_set=by_set,
            peak_rss_mb=(entry.get("summary") or {}).get("peak_rss_mb"),
            judge=judge_summary(per_case) if judged else None,
            seconds=entry.get("seconds", 0.0),
            settings=entry.get("settings", {}),
            prompt_version=entry.get("prompt_version", ""),
        )
    return Results(
        cases=tuple(stored.get("cases", [c.name for c in cases])),
        systems=systems,
        settings=stored.get("settings", {}),
        prompt_version=stored.get("prompt_version", ""),
    )


def read_results(path: Path) -> dict[str, Any]:
    """A stored ``results.json`` as written, or a clear error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"Ergebnisdatei nicht lesbar: {path} ({exc})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path} ist keine results.json von 'assistant eval'", hint="--rescore prüfen")
    return data


def _judge_system(
    name: str,
    judge: Judge,
    cases: list[Case],
    inquiries: dict[str, Inquiry],
    per_case: dict[str, CaseResult],
    tick: CaseProgress | None,
) -> dict[str, CaseResult]:
    judged = {}
    for case in cases:
        result = per_case[case.name]
        verdicts = []
        for number, answer in enumerate(result.answers, start=1):
            verdict = judge.judge(inquiries[case.name].question(answer.question_id), answer)
            verdicts.append(JudgedAnswer(answer.question_id, verdict))
            if tick is not None:
                tick(f"{name} (Bewerter)", case.name, number, len(result.answers))
        judged[case.name] = replace(result, judged=tuple(verdicts))
    return judged


def _inquiries(cases: list[Case]) -> tuple[dict[str, Inquiry], dict[str, str]]:
    """Each case's inquiry, read and parsed, and by case the message of each that could not be: one unreadable
    inquiry costs its case's questions (scored as missing), not the run."""
    inquiries: dict[str, Inquiry] = {}
    unread: dict[str, str] = {}
    for case in cases:
        try:
            text = read_inquiry(case.inquiry)
            inquiries[case.name] = parse_inquiry(text.text, text.name)
        except AssistantError as exc:
            unread[case.name] = exc.message
    return inquiries, unread


def evaluate(
    cases: list[Case],
    services: Services | Mapping[str, Services],
    *,
    baseline: bool = False,
    progress: CaseProgress | None = None,
    judge_timeout: float | None = None,
) -> Results:
    """Every case through every configuration (and the baseline); the result is what ``results.json`` holds.

    ``services`` is one configuration or several by name (``--config A.toml --config B.toml``).
    With ``judge_timeout`` each drafted answer is also scored by the configuration's own model.
    """
    configured = {ASSISTANT: services} if isinstance(services, Services) else dict(services)
    first = next(iter(configured.values()))
    runs = [(name, ASSISTANT, s) for name, s in configured.items()]
    if baseline:
        runs.append((BASELINE, BASELINE, first))
    kbs = _knowledge_bases(cases)
    inquiries, unread = _inquiries(cases)
    systems = {}
    for name, kind, system_services in runs:
        for kb in kbs.values():
            system_services.ensure_index(kb)
        started = time.perf_counter()
        drafted: dict[str, list[Answer]] = {}
        for case in cases:
            tick = _ticker(progress, name, case.name)
            inquiry = inquiries.get(case.name)
            drafted[case.name] = [] if inquiry is None else _draft(kind, system_services, kbs[case.kb], inquiry, tick)
        seconds = round(time.perf_counter() - started, 1)
        per_case, summary, by_set = _score_system(cases, drafted, kbs)
        per_case = {case: replace(result, error=unread.get(case, "")) for case, result in per_case.items()}
        judge = None
        if judge_timeout is not None:
            judging = Judge(system_services.llm, system_services.prompts, judge_timeout)
            per_case = _judge_system(name, judging, cases, inquiries, per_case, progress)
            judge = judge_summary(per_case)
        systems[name] = SystemResult(
            model=system_services.llm.name,
            summary=summary,
            cases=per_case,
            by_set=by_set,
            peak_rss_mb=_peak_rss_mb(),
            judge=judge,
            seconds=seconds,
            settings=system_services.settings.model_dump(mode="json"),
            prompt_version=system_services.prompts.version(),
        )
    return Results(
        cases=tuple(c.name for c in cases),
        systems=systems,
        settings=first.settings.model_dump(mode="json"),
        prompt_version=first.prompts.version(),
    )
