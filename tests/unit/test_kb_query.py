from decimal import Decimal

from assistant.kb.model import KnowledgeBase
from assistant.kb.query import applications, budget_lines, budget_sums


def test_applications_by_status_and_department(demo_kb: KnowledgeBase) -> None:
    in_use = applications(demo_kb, status=("production", "pilot", "test"))
    assert {r.source_id for r in in_use} >= {"inventory:KI-001", "inventory:KI-004", "inventory:KI-007"}
    assert all(r.get("status") != "discontinued" for r in in_use)
    assert [r.source_id for r in applications(demo_kb, status="discontinued")] == ["inventory:KI-009"]
    assert [r.get("name") for r in applications(demo_kb, department="FB20")] == ["Rechnungseingang mit KI-Auslesung"]
    assert [r.source_id for r in applications(demo_kb, year="2022")] == ["inventory:KI-010"]


def test_budget_sums_per_year_and_category(demo_kb: KnowledgeBase) -> None:
    per_year = {s.key: s for s in budget_sums(budget_lines(demo_kb))}
    assert per_year[("2026",)].planned_eur == Decimal(729000)
    assert per_year[("2026",)].actual_eur is None
    assert per_year[("2025",)].actual_eur == Decimal(346900)
    assert "budget:2026:11.12.01.542100" in per_year[("2026",)].source_ids
    training = budget_sums(budget_lines(demo_kb, category="training"), by=("year", "category"))
    assert [(s.key, s.planned_eur) for s in training] == [
        (("2025", "training"), Decimal(15000)),
        (("2026", "training"), Decimal(25000)),
        (("2027", "training"), Decimal(25000)),
    ]
    adopted_2027 = budget_lines(demo_kb, year="2027", status="adopted")
    assert all(r.source_id != "budget:2027:11.12.01.542200" for r in adopted_2027)  # only proposed
