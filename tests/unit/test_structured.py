"""Listing and money questions are answered from the data, with a source for every row."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.domain import Question
from assistant.kb.chunk import source_texts
from assistant.kb.model import KnowledgeBase
from assistant.structured import answer_from_data, recognise

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "kind", "statuses", "years"),
    [
        ("Welche konkreten Anwendungen von KI werden aktuell in der Verwaltung genutzt oder pilotiert?",
         "applications", ("production", "pilot", "test"), ()),
        ("In welchen Fachbereichen werden derzeit KI‑gestützte Systeme eingesetzt? Es wird um eine Aufstellung gebeten",
         "applications", ("production", "pilot", "test"), ()),
        ("Welche konkreten KI‑Anwendungen werden aktuell vorbereitet oder geprüft (inklusive laufender Pilotvorhaben)?",
         "applications", ("planned", "pilot", "test"), ()),
        ("Welche KI‑Anwendungen wurden bereits aufgrund unzureichender Ergebnisse wieder eingestellt?",
         "applications", ("discontinued",), ()),
        ("Welche finanziellen Mittel sind im Haushalt 2026/2027 für KI-Systeme vorgesehen?", "budget", (),
         ("2026", "2027")),
        ("Welche zusätzlichen Mittel sind im aktuellen und im nächsten Haushaltsplan vorgesehen?", "budget", (),
         ("2026", "2027")),
    ],
)  # fmt: skip
def test_recognised(text: str, kind: str, statuses: tuple[str, ...], years: tuple[str, ...]) -> None:
    intent = recognise(Question("1", "1.", text), TODAY)
    assert intent is not None
    assert (intent.kind, intent.statuses, intent.years) == (kind, statuses, years)


@pytest.mark.parametrize(
    "text",
    [
        "Ist die Nutzung von ChatGPT durch die Beschäftigten erlaubt?",
        "Welche Fördermittel zur Erprobung von KI-Lösungen wurden beantragt?",
        "In welcher Art und Weise beabsichtigt die Verwaltung KI zur Unterstützung der Mitarbeitenden einzusetzen?",
    ],
)
def test_other_questions_go_to_the_text_pipeline(text: str) -> None:
    assert recognise(Question("1", "1.", text), TODAY) is None


def test_application_table_comes_from_the_inventory(demo_kb: KnowledgeBase) -> None:
    question = Question("5", "5)", "Welche KI-Anwendungen werden derzeit eingesetzt?")
    answer = answer_from_data(question, demo_kb, TODAY)
    assert answer is not None and answer.status == "answered" and answer.table is not None
    names = [row[0] for row in answer.table.rows]
    assert "Textassistenz MusterGPT" in names and "Terminchatbot der Ausländerbehörde" not in names
    assert "Im KI-Verzeichnis der Verwaltung sind 8 Anwendungen im Einsatz" in answer.text
    # pilots and tests whose end date has passed are not "currently in use"; the reviewer is told
    assert len(answer.warnings) == 3 and answer.warnings[0].startswith(
        "KI-004 (Transkription von Sitzungsmitschnitten)"
    )
    texts = source_texts(demo_kb)
    for citation, row in zip(answer.citations, answer.table.rows, strict=True):
        assert row[-1] == citation.marker and citation.quote in texts[citation.source_id]


def test_discontinued_table_has_reason(demo_kb: KnowledgeBase) -> None:
    question = Question("13", "13)", "Welche KI-Anwendungen wurden wieder eingestellt?")
    answer = answer_from_data(question, demo_kb, TODAY)
    assert answer is not None and answer.table is not None
    assert answer.table.columns[-3:] == ("Ende", "Grund", "Quelle")
    assert answer.table.rows[0][-2].startswith("Wegen fehlerhafter Auskünfte")


def test_budget_sums_are_computed_in_code(demo_kb: KnowledgeBase) -> None:
    question = Question("3a", "a)", "Welche finanziellen Mittel sind im Haushalt 2026/2027 für KI vorgesehen?")
    answer = answer_from_data(question, demo_kb, TODAY)
    assert answer is not None and answer.table is not None
    assert "2026 insgesamt 729.000 Euro" in answer.text
    assert "2027 insgesamt 511.000 Euro (zusätzlich 55.000 Euro angemeldet, aber noch nicht beschlossen)" in answer.text
    assert {row[0] for row in answer.table.rows} == {"2026", "2027"}
    texts = source_texts(demo_kb)
    assert all(c.quote in texts[c.source_id] for c in answer.citations)


@pytest.mark.parametrize(
    "text",
    [
        "Welche Fördermittel zur Erprobung oder Einführung von KI-Lösungen könnten genutzt werden?",
        "Welche Maßnahmen ergreift die Verwaltung, um bestehende oder geplante KI-Systeme abzusichern?",
        "Existiert ein Verzeichnis aller eingesetzten KI‑Anwendungen? Wenn nein, aus welchen Gründen nicht?",
        "Welche personellen Ressourcen sind mittel‑ und langfristig für KI vorgesehen?",
    ],
)
def test_near_misses_from_the_samples_are_not_tables(text: str) -> None:
    assert recognise(Question("1", "1.", text), TODAY) is None


def test_an_empty_inventory_and_a_missing_budget_are_answered_from_the_data() -> None:
    from assistant.kb.load import load
    from tests.conftest import FIXED_TODAY, ROOT

    empty = load(ROOT / "eval" / "kbs" / "leeres-verzeichnis")
    listing = answer_from_data(
        Question("1", "1.", "Welche KI-Anwendungen setzt die Verwaltung derzeit ein?"), empty, FIXED_TODAY
    )
    assert listing is not None and listing.status == "answered"
    assert listing.text.startswith("Im KI-Verzeichnis der Verwaltung ist derzeit keine Anwendung im Einsatz")
    money = answer_from_data(Question("2", "2.", "Wie viel Geld gibt die Stadt für KI aus?"), empty, FIXED_TODAY)
    assert money is not None and money.status == "no_information"
    assert "keine Haushaltsdaten" in money.text and "Finanzverwaltung" in money.text


def test_without_budget_data_inventory_costs_still_go_to_retrieval(demo_kb: KnowledgeBase) -> None:
    from dataclasses import replace

    from tests.conftest import FIXED_TODAY

    without_budget = replace(demo_kb, budget=())
    question = Question("1", "1.", "Welche Kosten entstehen jährlich für die KI-Anwendungen?")
    assert answer_from_data(question, without_budget, FIXED_TODAY) is None  # cost_annual_eur is in the inventory
