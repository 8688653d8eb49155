"""An optional local judge: the configured LLM scores faithfulness and relevance (1–5).

The JSON-schema grammar makes the output parseable with llama.cpp; anything that still is not
(a server without grammar support, a cut-off reply) becomes an error entry for that question,
never an exception. Each call has a timeout; a timed-out question is reported as such.
The judge is kept apart from the deterministic metrics and is never part of the gate.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from assistant.backends.llm import ChatModel, Message, parse_json
from assistant.domain import Answer, Question
from assistant.evaluation.results import CaseResult, JudgeSummary, Verdict
from assistant.prompts import Prompts

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "treue": {"type": "integer", "minimum": 1, "maximum": 5},
        "relevanz": {"type": "integer", "minimum": 1, "maximum": 5},
        "begruendung": {"type": "string", "maxLength": 300},
    },
    "required": ["treue", "relevanz", "begruendung"],
}
SKIPPED = ("no_information", "needs_input")


def _score(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None


def parse_verdict(text: str) -> Verdict:
    data = parse_json(text)
    if not isinstance(data, dict):
        return Verdict(error=f"ungültige Ausgabe (kein JSON): {text[:80]!r}")
    faithfulness, relevance = _score(data.get("treue")), _score(data.get("relevanz"))
    if faithfulness is None or relevance is None:
        return Verdict(error=f"ungültige Ausgabe (Werte außerhalb 1–5): {text[:80]!r}")
    return Verdict(faithfulness, relevance, str(data.get("begruendung", ""))[:300])


class Judge:
    def __init__(self, llm: ChatModel, prompts: Prompts, timeout_s: float = 60.0) -> None:
        self._llm = llm
        self._prompts = prompts
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="judge")  # one model, one call at a time

    def messages(self, question: Question, answer: Answer) -> list[Message]:
        sources = [c.quote for c in answer.citations] or ["(keine Quelle angegeben)"]
        text = answer.text
        if answer.table is not None:
            text += "\n" + "\n".join(" | ".join(row) for row in answer.table.rows)
        return [
            Message("system", self._prompts.render("judge.system.txt")),
            Message(
                "user", self._prompts.render("judge.user.txt", question=question.text, sources=sources, answer=text)
            ),
        ]

    def _call(self, messages: list[Message]) -> str:
        return self._llm.complete(messages, json_schema=SCHEMA).text

    def judge(self, question: Question, answer: Answer) -> Verdict:
        if answer.status in SKIPPED:
            return Verdict(error="nicht bewertet: Enthaltung")
        started = time.perf_counter()
        future = self._pool.submit(self._call, self.messages(question, answer))
        try:
            text = future.result(timeout=self.timeout_s)
        except FutureTimeout:
            # The call cannot be interrupted (llama.cpp); let it finish so the next question is timed fairly.
            wait([future])
            return Verdict(error=f"Zeitüberschreitung nach {self.timeout_s:g} s", seconds=time.perf_counter() - started)
        except Exception as exc:  # a backend failure is this question's problem, not the run's
            return Verdict(error=f"Fehler des Modells: {exc}"[:200], seconds=time.perf_counter() - started)
        verdict = parse_verdict(text)
        return Verdict(
            verdict.faithfulness, verdict.relevance, verdict.reason, verdict.error, time.perf_counter() - started
        )


def judge_summary(per_case: dict[str, CaseResult]) -> JudgeSummary:
    """Mean judge scores, failures, and how far the judge agrees with the deterministic metrics
    (Spearman's rho per question: faithfulness vs. citation precision, relevance vs. fact recall)."""
    from assistant.evaluation.agreement import spearman

    faithful: list[tuple[float, float]] = []
    relevant: list[tuple[float, float]] = []
    scored: list[Verdict] = []
    errors = timeouts = skipped = 0
    for case in per_case.values():
        questions = {q.question_id: q for q in case.questions}
        for judged in case.judged or ():
            verdict = judged.verdict
            if verdict.faithfulness is None or verdict.relevance is None:
                skipped += verdict.error.startswith("nicht bewertet")
                timeouts += verdict.error.startswith("Zeitüberschreitung")
                errors += not verdict.error.startswith(("nicht bewertet", "Zeitüberschreitung"))
                continue
            scored.append(verdict)
            q = questions[judged.question_id]
            if q.citations:
                faithful.append((verdict.faithfulness, q.citations_supporting / q.citations))
            if q.fact_hits:
                relevant.append((verdict.relevance, sum(q.fact_hits) / len(q.fact_hits)))

    def mean(values: list[int]) -> float | None:
        return round(sum(values) / len(values), 2) if values else None

    def rho(pairs: list[tuple[float, float]]) -> float | None:
        value = spearman([a for a, _ in pairs], [b for _, b in pairs])
        return None if value is None else round(value, 3)

    return JudgeSummary(
        seconds=round(sum(j.verdict.seconds for case in per_case.values() for j in case.judged or ()), 1),
        scored=len(scored),
        faithfulness=mean([v.faithfulness for v in scored if v.faithfulness is not None]),
        relevance=mean([v.relevance for v in scored if v.relevance is not None]),
        errors=errors,
        timeouts=timeouts,
        skipped=skipped,
        rho_faithfulness_citation_precision=rho(faithful),
        rho_relevance_fact_recall=rho(relevant),
        pairs={"faithfulness": len(faithful), "relevance": len(relevant)},
    )
