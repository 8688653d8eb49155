"""Regression gate (`make eval`): every set of cases (tuned, fresh, held-out, edge) with the fake
model must not score worse than the committed baseline `eval/baseline-fake.json`.

The fake model copies the longest sentence of its first source, so the numbers measure
everything around the model: parsing, retrieval, the answer-kind decisions, tables from the
data, verification and the metrics themselves. After a deliberate change, rewrite the
baseline with `UPDATE_EVAL_BASELINE=1 make eval` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.evaluation.cases import load_cases
from assistant.evaluation.run import evaluate
from assistant.testing.fakes import FakeChatModel, copying_responder
from tests.conftest import FIXED_TODAY, ROOT, fake_services
from tests.unit.test_no_fragments import fragments

BASELINE = ROOT / "eval" / "baseline-fake.json"
# Per question: [citations, citations supporting, facts found, facts expected] – written with the baseline, so a
# failing gate names the questions whose drafts changed (CI runs on another machine than the one that wrote it).
QUESTIONS = ROOT / "eval" / "baseline-fake-questions.json"
HIGHER_IS_BETTER = (
    "question_recall",
    "question_precision",
    "fact_recall",
    "source_recall",
    "citation_precision",
    "abstention_accuracy",
    "warning_recall",
)
LOWER_IS_BETTER = ("unsupported_numbers", "forbidden_hits")
# Whether a citation "supports" its sentence is the metric's own word-overlap heuristic; CI once counted one
# citation of 117 differently from the machine that wrote the baseline (stop 53, not reproducible here with other
# hash seeds, paths, dates or locales). One citation in a set is let pass; the changed questions are named.
SLACK = {"citation_precision": 0.01}


def test_no_deterministic_metric_drops_below_the_committed_baseline(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY  # "aktuelles Haushaltsjahr", ended pilots: the same answer every year
    results = evaluate(load_cases(ROOT / "eval" / "cases"), services)
    by_set = results.systems["assistant"].by_set
    measured = {
        group: {key: getattr(summary, key) for key in HIGHER_IS_BETTER + LOWER_IS_BETTER}
        for group, summary in by_set.items()
    }
    questions = {
        f"{name}/{q.question_id}": [q.citations, q.citations_supporting, sum(q.fact_hits), len(q.fact_hits)]
        for name, case in results.systems["assistant"].cases.items()
        for q in case.questions
    }
    if os.environ.get("UPDATE_EVAL_BASELINE"):
        BASELINE.write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
        lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in sorted(questions.items())]
        QUESTIONS.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")  # one line per question
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert set(measured) == set(baseline), "case sets differ from eval/baseline-fake.json"
    worse = []
    for group, floor in baseline.items():
        now = measured[group]
        lower = [k for k in HIGHER_IS_BETTER if (now[k] or 0) < (floor[k] or 0) - SLACK.get(k, 0)]
        worse += [f"{group} {k}: {now[k]} < {floor[k]}" for k in lower]
        worse += [f"{group} {k}: {now[k]} > {floor[k]}" for k in LOWER_IS_BETTER if now[k] > floor[k]]
    assert worse == [], "Evaluation worse than eval/baseline-fake.json: " + "; ".join(worse) + _changed(questions)
    drafted = [a for case in results.systems["assistant"].cases.values() for a in case.answers]
    assert [f for a in drafted for f in fragments(a.text)] == []  # whole sentences only


def _changed(questions: dict[str, list[int]]) -> str:
    """The questions whose [citations, supporting, facts found, facts expected] differ from the committed ones."""
    if not QUESTIONS.exists():
        return ""
    before = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    changed = [f"{k}: {before.get(k)} -> {v}" for k, v in questions.items() if before.get(k) != v]
    return "\nchanged questions: " + "; ".join(changed[:40])
