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


def test_no_deterministic_metric_drops_below_the_committed_baseline(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY  # "aktuelles Haushaltsjahr", ended pilots: the same answer every year
    results = evaluate(load_cases(ROOT / "eval" / "cases"), services)
    by_set = results.systems["assistant"].by_set
    measured = {
        group: {key: getattr(summary, key) for key in HIGHER_IS_BETTER + LOWER_IS_BETTER}
        for group, summary in by_set.items()
    }
    if os.environ.get("UPDATE_EVAL_BASELINE"):
        BASELINE.write_text(json.dumps(measured, indent=2) + "\n", encoding="utf-8")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert set(measured) == set(baseline), "case sets differ from eval/baseline-fake.json"
    worse = []
    for group, floor in baseline.items():
        now = measured[group]
        worse += [f"{group} {k}: {now[k]} < {floor[k]}" for k in HIGHER_IS_BETTER if (now[k] or 0) < (floor[k] or 0)]
        worse += [f"{group} {k}: {now[k]} > {floor[k]}" for k in LOWER_IS_BETTER if now[k] > floor[k]]
    assert worse == [], "Evaluation worse than eval/baseline-fake.json: " + "; ".join(worse)
    drafted = [a for case in results.systems["assistant"].cases.values() for a in case.answers]
    assert [f for a in drafted for f in fragments(a.text)] == []  # whole sentences only
