"""What an evaluation run produces, as types: per question, per case, per configuration, per run.

``Results.to_json`` is what ``results.json`` holds (its shape is unchanged from the
dictionaries earlier versions wrote), ``Results.from_json`` reads it back for ``--rescore``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from assistant.domain import Answer
from assistant.evaluation.metrics import QuestionScore, Summary

_TUPLES = ("fact_hits", "unsupported_numbers", "forbidden_hits", "warning_hits")


def score_from_json(data: dict[str, Any]) -> QuestionScore:
    values: dict[str, Any] = {k: tuple(v) if k in _TUPLES else v for k, v in data.items()}
    return QuestionScore(**values)


def summary_from_json(data: dict[str, Any]) -> Summary:
    names = {f.name for f in fields(Summary)}
    return Summary(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Verdict:
    """The local judge's scores for one answer (1–5), or why there are none."""

    faithfulness: int | None = None
    relevance: int | None = None
    reason: str = ""
    error: str = ""  # "Zeitüberschreitung nach 60 s", "ungültige Ausgabe: …", "nicht bewertet: Enthaltung"
    seconds: float = 0.0


@dataclass(frozen=True)
class JudgedAnswer:
    question_id: str
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        return {"question_id": self.question_id, **asdict(self.verdict)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JudgedAnswer:
        rest = {k: v for k, v in data.items() if k != "question_id"}
        return cls(data["question_id"], Verdict(**rest))


@dataclass(frozen=True)
class JudgeSummary:
    """Mean judge scores, failures, and Spearman's rho against the deterministic metrics."""

    seconds: float
    scored: int
    faithfulness: float | None
    relevance: float | None
    errors: int
    timeouts: int
    skipped: int
    rho_faithfulness_citation_precision: float | None
    rho_relevance_fact_recall: float | None
    pairs: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CaseResult:
    summary: Summary
    questions: tuple[QuestionScore, ...]
    answers: tuple[Answer, ...]
    expected: int | None  # questions the case expects (None: the case does not say)
    judged: tuple[JudgedAnswer, ...] | None = None  # None: the judge did not run
    error: str = ""  # why the inquiry could not be read (then no answers, every expected question missing)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "summary": asdict(self.summary),
            "questions": [asdict(q) for q in self.questions],
            "answers": [a.to_json() for a in self.answers],
            "question_count": {"expected": self.expected, "extracted": len(self.answers)},
        }
        if self.judged is not None:
            data["judge"] = [j.to_json() for j in self.judged]
        if self.error:
            data["error"] = self.error
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CaseResult:
        judged = data.get("judge")
        return cls(
            summary=summary_from_json(data["summary"]),
            questions=tuple(score_from_json(q) for q in data["questions"]),
            answers=tuple(Answer.from_json(a) for a in data["answers"]),
            expected=data.get("question_count", {}).get("expected"),
            judged=None if judged is None else tuple(JudgedAnswer.from_json(j) for j in judged),
            error=str(data.get("error", "")),
        )


@dataclass(frozen=True)
class SystemResult:
    """One configuration (or the baseline) over all cases."""

    model: str
    summary: Summary
    cases: dict[str, CaseResult]
    by_set: dict[str, Summary] = field(default_factory=dict)  # tuned / fresh / holdout / edge, when mixed
    peak_rss_mb: int | None = None
    judge: JudgeSummary | None = None
    seconds: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)
    prompt_version: str = ""

    def metric(self, key: str) -> Any:
        """A summary metric by its name in ``metrics.METRICS``."""
        return self.peak_rss_mb if key == "peak_rss_mb" else getattr(self.summary, key)

    def to_json(self) -> dict[str, Any]:
        summary: dict[str, Any] = asdict(self.summary)
        if self.by_set:
            summary["by_set"] = {name: asdict(s) for name, s in self.by_set.items()}
        summary["peak_rss_mb"] = self.peak_rss_mb
        if self.judge is not None:
            summary["judge"] = self.judge.to_json()
        return {
            "model": self.model,
            "summary": summary,
            "seconds": self.seconds,
            "settings": self.settings,
            "prompt_version": self.prompt_version,
            "cases": {name: case.to_json() for name, case in self.cases.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SystemResult:
        summary = data["summary"]
        judge = summary.get("judge")
        return cls(
            model=data.get("model", ""),
            summary=summary_from_json(summary),
            cases={name: CaseResult.from_json(case) for name, case in data["cases"].items()},
            by_set={name: summary_from_json(s) for name, s in summary.get("by_set", {}).items()},
            peak_rss_mb=summary.get("peak_rss_mb"),
            judge=JudgeSummary(**judge) if judge else None,
            seconds=data.get("seconds", 0.0),
            settings=data.get("settings", {}),
            prompt_version=data.get("prompt_version", ""),
        )


@dataclass(frozen=True)
class Results:
    """One evaluation run: every configuration over the same cases."""

    cases: tuple[str, ...]
    systems: dict[str, SystemResult]
    settings: dict[str, Any] = field(default_factory=dict)
    prompt_version: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "systems": {name: system.to_json() for name, system in self.systems.items()},
            "cases": list(self.cases),
            "settings": self.settings,
            "prompt_version": self.prompt_version,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Results:
        return cls(
            cases=tuple(data.get("cases", ())),
            systems={name: SystemResult.from_json(system) for name, system in data["systems"].items()},
            settings=data.get("settings", {}),
            prompt_version=data.get("prompt_version", ""),
        )
