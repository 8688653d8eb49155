"""Who supplies missing facts, and figures that contradict an earlier reply."""

from __future__ import annotations

from assistant.domain import Chunk, Passage
from assistant.drafting.consistency import contradictions, figures
from assistant.drafting.departments import responsible
from assistant.kb.model import KnowledgeBase


def test_missing_money_facts_go_to_finance_and_unclear_ones_to_coordination(demo_kb: KnowledgeBase) -> None:
    finance = responsible("Wie hoch sind die Kosten für den Chatbot im Jahr 2030?", demo_kb)
    assert finance is not None and finance.id == "FB20"
    planning = responsible("Wie viele Bauanträge wurden mit KI geprüft?", demo_kb)
    assert planning is not None and planning.id == "FB61"
    assert responsible("Welche Erfahrungen haben andere Kommunen gemacht?", demo_kb) is None


EARLIER = Passage(
    Chunk(
        "answers/2025-06-02.yaml#4",
        "answers/2025-06-02.yaml#4",
        "answer",
        "Frühere Antwort vom 2025-06-02",
        "Frage: Welche Mittel sind für KI im Haushalt 2025 vorgesehen?\n"
        "Antwort: Im Haushalt 2025 sind für Fortbildung 15.000 Euro veranschlagt.",
        {},
    ),
    0.8,
)


def test_a_different_figure_for_the_same_year_is_flagged() -> None:
    (warning,) = contradictions("Im Haushalt 2025 sind für Fortbildung 18.000 € veranschlagt [1].", [EARLIER])
    assert "15.000 Euro" in warning and "18.000 €" in warning and "answers/2025-06-02.yaml#4" in warning


def test_same_figure_other_year_or_dissimilar_question_is_not_flagged() -> None:
    assert contradictions("Im Haushalt 2025 sind für Fortbildung 15.000 Euro veranschlagt.", [EARLIER]) == []
    assert contradictions("Im Haushalt 2026 sind für Fortbildung 25.000 Euro veranschlagt.", [EARLIER]) == []
    far = Passage(EARLIER.chunk, 0.3)
    assert contradictions("Im Haushalt 2025 sind 18.000 Euro veranschlagt.", [far]) == []


def test_figures_normalise_units_and_thousands() -> None:
    assert {(f.unit, f.value) for f in figures("150.000 Euro, 28 %, 2,0 Stellen, 640 Beschäftigte")} == {
        ("Euro", "150000"),
        ("Prozent", "28"),
        ("Stellen", "2.0"),
        ("Beschäftigte", "640"),
    }
