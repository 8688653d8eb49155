"""What a demand asks to be counted, and whether any source states such a figure."""

from __future__ import annotations

from pathlib import Path

from assistant.domain import Chunk
from assistant.drafting.asked_figures import AskedFigures, asks, events, states_figure
from assistant.drafting.relevance import Coverage
from assistant.inquiry.parse import parse_inquiry
from assistant.testing.fakes import FakeChatModel
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, fake_services
from tests.unit.test_motions import sections


def _figures(*texts: str) -> AskedFigures:
    chunks = [
        Chunk(f"documents/d{i}.md#1", f"documents/d{i}.md", "document", "Vermerk", t, {}) for i, t in enumerate(texts)
    ]
    chunks += [
        Chunk(f"documents/x{i}.md#1", f"documents/x{i}.md", "document", "Anderes", f"Der Bauhof mäht {i} Wiesen.", {})
        for i in range(12)
    ]  # a knowledge base of more than the demand's subject, so rarity weighs
    return AskedFigures(chunks, Coverage(chunks), 0.4)


def test_a_demand_is_split_into_what_it_asks_a_date_does_not_end_an_ask() -> None:
    found = asks(
        "Die Verwaltung berichtet, wie viele Widersprüche seit dem 01.01.2024 eingelegt wurden und wie vielen "
        "davon abgeholfen wurde, und welche Bereiche betroffen waren."
    )
    assert [(a.figure, a.text) for a in found] == [
        (True, "wie viele Widersprüche seit dem 01.01.2024 eingelegt wurden"),
        (True, "wie vielen davon abgeholfen wurde"),
        (False, "welche Bereiche betroffen waren"),
    ]
    assert asks("Die Verwaltung wird beauftragt, eine Strategie vorzulegen.") == []


def test_the_counted_event_is_read_from_the_participle_not_from_a_capitalised_noun() -> None:
    assert events("wie viele Bürgerinnen Widersprüche eingelegt und Termine nicht wahrgenommen haben") == [
        ("ein", "leg"),
        ("wahr", "nomm"),
    ]
    assert events("wie oft gemeldet oder verlangt wurde") == [("", "meld"), ("", "verlang")]


def test_dates_paragraphs_and_list_numbers_state_no_figure() -> None:
    assert not states_figure(
        "(3) Jedes Ratsmitglied kann verlangen, dass seine Redebeiträge nicht aufgezeichnet werden."
    )
    assert not states_figure("Seit dem 01.06.2023 gilt § 5 Abs. 2 der Dienstanweisung.")
    assert not states_figure("2. Voraussetzung für die Einleitung des Vergabeverfahrens")
    assert states_figure("Im Pilotzeitraum wurden 412 Dialoge geführt.")
    assert states_figure("Die Wortfehlerrate lag bei 7,8 %.")


def test_a_count_is_found_only_in_a_sentence_stating_a_number_about_the_counted_event() -> None:
    demand = "Die Verwaltung teilt mit, wie viele Widersprüche gegen Wohngeldbescheide 2025 eingelegt wurden."
    stated = _figures("Gegen Wohngeldbescheide wurden 2025 insgesamt 38 Widersprüche eingelegt.")
    assert stated.missing(demand) == []
    topic_only = _figures(
        "Über Widersprüche gegen Wohngeldbescheide entscheidet die Widerspruchsstelle.",
        "Die Wohngeldstelle bearbeitete 2025 rund 1.700 Anträge.",
    )
    assert topic_only.missing(demand) == ["wie viele Widersprüche gegen Wohngeldbescheide 2025 eingelegt wurden"]


def test_a_demand_with_another_question_the_sources_answer_is_not_silenced() -> None:
    figures = _figures("Die Schulungen zur KI-Verordnung bietet das Personalamt seit dem 01.03.2026 an.")
    assert figures.missing("Die Verwaltung berichtet, wie viele Beschäftigte geschult wurden.") != []
    both = (
        "Die Verwaltung berichtet, welche Schulungen zur KI-Verordnung das Personalamt anbietet und wie viele "
        "Beschäftigte geschult wurden."
    )
    assert figures.missing(both) == []  # the first ask is answered; the count is the clerk's to add
    assert figures.missing("Die Verwaltung legt eine Schulungsplanung vor.") == []  # no figure asked


COUNT_ABSENT = """Antrag der Fraktion XY vom 10.11.2026

Der Rat möge beschließen:

1. Die Verwaltung teilt dem Rat bis zum 31.03.2027 mit, wie viele Beschwerden über den Chatbot „Frag Musterstadt“ in
den Jahren 2025 und 2026 eingegangen sind.
2. Die Verwaltung wird beauftragt, bis zum 30.06.2027 für alle Beschäftigten eine Schulung zum Umgang mit KI
anzubieten.

Begründung:
Der Chatbot antwortet oft falsch.
"""


def test_a_count_of_a_known_subject_that_no_source_states_has_no_findings(tmp_path: Path) -> None:
    answers = draft_inquiry(
        fake_services(FakeChatModel(), tmp_path), parse_inquiry(COUNT_ABSENT, "antrag.txt"), DEMO_KB
    )
    count, known = answers.answers
    assert sections(count.text)["Sachstand"] == "Hierzu liegen der Verwaltung keine Erkenntnisse vor."
    assert count.status == "no_information" and count.citations == ()
    assert any(
        w.startswith("Im Antrag erfragt, in keiner Quelle beziffert: wie viele Beschwerden") for w in count.warnings
    )
    assert known.status == "answered"
