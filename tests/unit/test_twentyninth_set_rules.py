"""Rules set 29's drafts showed missing (grading 51): a count the sources deny ("Eine Berechnung von
Stelleneinsparungen liegt nicht vor"), a unit the sources write short ("131 km"), a defect a report names in
its own words ("Straßenschäden": "Schlaglöcher, Risse und Flickstellen"), a speaker named before a colon."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.asked_figures import denies_figure, states_no_figure
from assistant.drafting.gaps import plain
from assistant.drafting.relevance import Coverage
from assistant.kb.chunk import chunks
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
REPORT = (
    "# Zwischenbericht StadtBlick\n\nBis zum 30.09.2026 wurden 171 km befahren. Die KI erkennt Schlaglöcher, Risse "
    "und Flickstellen.\n"
)


def test_a_source_that_says_there_is_no_figure_answers_a_count() -> None:
    said = "Eine Berechnung von Stelleneinsparungen liegt nicht vor; der Bericht weist Zeitgewinne aus."
    assert denies_figure(said, frozenset({"stell"}))
    assert not denies_figure("Die Stellen sind besetzt.", frozenset({"stell"}))
    assert not states_no_figure("Wie viele Stellen will die Verwaltung einsparen?", [said])


def test_a_speaker_named_before_a_colon_is_no_part_of_what_was_said() -> None:
    said = "Beigeordneter Brinkhoff: Eine Berechnung von Stelleneinsparungen liegt nicht vor."
    assert plain(said) == "Eine Berechnung von Stelleneinsparungen liegt nicht vor."
    assert plain("Herr Brandl berichtet: Die Schulung läuft.") == "Die Schulung läuft."


def test_a_unit_written_short_and_a_defect_named_otherwise_are_known(tmp_path: Path) -> None:
    coverage = Coverage(chunks(small_kb(tmp_path, HEAD, documents={"bericht.md": REPORT})))
    assert coverage.unknown_focus("Wie viele Kilometer wurden befahren?") == []
    assert coverage.unknown_focus("Wie zuverlässig erkennt das System Straßenschäden?", by_parts=True) == []
    assert coverage.unknown_focus("Wie viele Drohnen setzt die Stadt ein?") == ["Drohnen"]


def test_a_count_no_retrieved_passage_holds_is_found_in_the_documents_on_the_question_s_topic(tmp_path: Path) -> None:
    from assistant.inquiry.parse import parse_inquiry
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from tests.conftest import FIXED_TODAY, fake_services

    minutes = (
        "# Niederschrift\n\n## TOP 12: KI-Jahresbericht\n\nStand 31.10.2026 haben 2.018 von 2.950 Beschäftigten die "
        "KI-Basisschulung abgeschlossen (68,4 %). Im Bürgeramt arbeiten 120 Beschäftigte.\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = small_kb(tmp_path, HEAD, documents={"niederschrift.md": minutes})
    drafter = services.drafter(kb)
    inquiry = parse_inquiry(
        "Anfrage\n\n1. Zur KI-Schulung der Beschäftigten:\na) Bis wann?\nb) Wie viele Beschäftigte haben sie bisher "
        "abgeschlossen?\n",
        "anfrage.txt",
    )
    question = inquiry.question("1b")
    reading = drafter.read(inquiry)[question.id]
    found = drafter._counted(question, reading, [], [], inquiry)  # no passage retrieved
    assert [c.quote for c in found] == [
        "Stand 31.10.2026 haben 2.018 von 2.950 Beschäftigten die KI-Basisschulung abgeschlossen (68,4 %)."
    ]  # not the office's 120 staff: no word of the topic
