"""A motion's Begründung states things about the administration; the Sachstand sets the sources beside them."""

from __future__ import annotations

from pathlib import Path

from assistant.domain import Chunk, Question
from assistant.drafting.claims import LEAD, assign, claims_of
from assistant.drafting.relevance import Coverage
from assistant.inquiry.parse import parse_inquiry
from assistant.testing.fakes import FakeChatModel
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_motions import sections


def _coverage(*texts: str) -> Coverage:
    chunks = [
        Chunk(f"documents/d{i}.md#1", f"documents/d{i}.md", "document", "Vermerk", t, {}) for i, t in enumerate(texts)
    ]
    chunks += [
        Chunk(f"documents/x{i}.md#1", f"documents/x{i}.md", "document", "Anderes", f"Der Bauhof mäht {i} Wiesen.", {})
        for i in range(12)
    ]
    return Coverage(chunks)


def test_a_claim_states_what_the_knowledge_base_knows_an_opinion_or_request_is_none() -> None:
    coverage = _coverage(
        "Die Dienstvereinbarung mit dem Personalrat schließt die Leistungskontrolle durch Protokolldaten aus.",
    )
    found = claims_of(
        "Künstliche Intelligenz verändert alles. Bis heute gibt es keine Dienstvereinbarung mit dem Personalrat, "
        "die Protokolldaten schützt. Der Personalrat sollte endlich eine Dienstvereinbarung bekommen. "
        "Gibt es eine Dienstvereinbarung mit dem Personalrat? Wir bitten um Zustimmung zur Dienstvereinbarung.",
        coverage,
    )
    assert found == ["Bis heute gibt es keine Dienstvereinbarung mit dem Personalrat, die Protokolldaten schützt."]


def test_a_maxim_is_no_claim_but_a_sentence_opening_with_aber_may_be_one() -> None:
    coverage = _coverage("Die Dienstvereinbarung mit dem Personalrat schließt Protokolldaten aus.")
    found = claims_of(
        "Wer eine Dienstvereinbarung mit dem Personalrat hat, schützt Protokolldaten. "
        "Aber eine Dienstvereinbarung mit dem Personalrat gibt es bis heute nicht.",
        coverage,
    )
    assert found == ["Aber eine Dienstvereinbarung mit dem Personalrat gibt es bis heute nicht."]


def test_a_claim_belongs_to_the_demand_that_shares_most_of_its_words() -> None:
    coverage = _coverage("Die Dienstvereinbarung mit dem Personalrat.", "Das Schulungskonzept für alle Beschäftigten.")
    demands = [
        Question("1", "1", "Die Verwaltung legt ein Schulungskonzept vor."),
        Question("2", "2", "Die Verwaltung schließt mit dem Personalrat eine Dienstvereinbarung."),
    ]
    claim = "Bis heute gibt es keine Dienstvereinbarung mit dem Personalrat."
    assert [(c.text, c.demand) for c in assign([claim], demands, coverage, 0.2)] == [(claim, "2")]
    assert assign(["Der Mond ist aus grünem Käse gemacht, sagt der Personalrat."], demands, coverage, 0.9) == []


FALSE_CLAIM = """Antrag der Fraktion XY vom 10.11.2026

Der Rat möge beschließen:

1. Die Verwaltung wird beauftragt, allen Beschäftigten bis zum 30.06.2027 eine Schulung zu MusterGPT anzubieten.

Begründung:
Bis heute werden die Protokolldaten von MusterGPT zur Leistungskontrolle der Beschäftigten ausgewertet. Eine
Schulung zu MusterGPT ist überfällig.
"""


def test_the_sources_on_a_begruendung_claim_stand_in_the_sachstand_and_the_claim_in_a_note(tmp_path: Path) -> None:
    (answer,) = draft_inquiry(
        fake_services(FakeChatModel(), tmp_path), parse_inquiry(FALSE_CLAIM, "antrag.txt"), DEMO_KB
    ).answers
    sachstand = sections(answer.text)["Sachstand"]
    counterpart = LEAD + "Protokolldaten der KI-Anwendungen werden nicht zur Leistungs- oder Verhaltenskontrolle"
    assert counterpart in sachstand  # the demand asks for training: only the claim brings the agreement in
    assert "zur Leistungskontrolle der Beschäftigten ausgewertet" not in answer.text  # the claim's wording
    note = next(w for w in answer.warnings if w.startswith("Ausführung im Antrag:"))
    marker = sachstand.split(counterpart)[1].split("[")[1].split("]")[0]
    assert "„Bis heute werden die Protokolldaten von MusterGPT zur Leistungskontrolle" in note
    assert f"dazu in den Quellen [{marker}]" in note


def test_a_counterpart_the_sachstand_quotes_already_is_not_said_twice(tmp_path: Path) -> None:
    motion = FALSE_CLAIM.replace(
        "allen Beschäftigten bis zum 30.06.2027 eine Schulung zu MusterGPT anzubieten",
        "sicherzustellen, dass Protokolldaten der KI-Anwendungen nicht zur Leistungs- oder Verhaltenskontrolle "
        "verwendet werden",
    )
    (answer,) = draft_inquiry(
        fake_services(FakeChatModel(), tmp_path), parse_inquiry(motion, "antrag.txt"), DEMO_KB
    ).answers
    sachstand = sections(answer.text)["Sachstand"]
    assert sachstand.count("nicht zur Leistungs- oder Verhaltenskontrolle verwendet") == 1
    assert any(w.startswith("Ausführung im Antrag: „Bis heute werden") for w in answer.warnings)
