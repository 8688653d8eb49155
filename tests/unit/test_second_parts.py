"""The second half of a two-part question ("Welche Einsparungen hat die KI-gestützte Belüftungssteuerung der
Kläranlage gebracht, und wie lange läuft der Vertrag?", set 28): an application called by its description in
one compound, a saving said as "weniger", and the rest of a report's section cut into another chunk."""

from __future__ import annotations

from pathlib import Path

from assistant.domain import Passage
from assistant.drafting.relevance import Coverage
from assistant.drafting.subject import SubjectFinder
from assistant.kb.chunk import chunks
from assistant.testing.fakes import FakeChatModel, copying_responder
from tests.conftest import FIXED_TODAY, fake_services
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
ROWS = (
    "KI-1,AQUAVENT KI – KI-gestützte Steuerung der Belüftung der Kläranlage,AquaSense GmbH,FB1,Belüftung,production,"
    "2025-06-02,,2,no,not_required,,minimal,Prüfung,0,9000,7000.5400,,,Vermerk,2026-10-01\n"
    "KI-2,Rathaus-KI Auskunft – KI-Chatbot,Hollerau GmbH,FB1,Auskünfte,production,2026-07-01,,,no,done,,limited,"
    "Prüfung,0,5400,0200.6361,,,Vermerk,2026-10-01\n"
)
REPORT = (
    "# Niederschrift\n\n## TOP 4: Jahresbericht KI\n\n"
    + "".join(f"Die Rathaus-KI Auskunft führte im Monat {n} genau {1000 + n} Chats mit Bürgern. " for n in range(1, 13))
    + " "
    + "".join(
        f"Zur Schulung am Termin {n} meldeten sich {10 + n} Beschäftigte der Verwaltung an. " for n in range(1, 9)
    )
    + "Klärwärter Weinzierl berichtet über AQUAVENT KI: Die Kläranlage habe 241.600 kWh Strom verbraucht. "
    "Das seien 15,2 % weniger und rund 10.400 € geringere Stromkosten.\n"
)
SAVINGS = "Welche Einsparungen hat die KI-gestützte Belüftungssteuerung der Kläranlage gebracht"


def _kb(tmp_path: Path):  # type: ignore[no-untyped-def]
    return small_kb(tmp_path, HEAD + ROWS, name="Markt Thannried", documents={"niederschrift.md": REPORT})


def test_a_compound_that_puts_together_words_of_an_application_s_name_calls_it(tmp_path: Path) -> None:
    finder = SubjectFinder(_kb(tmp_path), None)
    assert finder.find(f"{SAVINGS}, und wie lange läuft der Vertrag?") == ("KI-1",)
    assert finder.find("Wie wird die Steuerung der Ampeln geregelt?") == ()  # one word of its name is not it


def test_a_saving_is_held_by_a_sentence_that_says_less(tmp_path: Path) -> None:
    coverage = Coverage(chunks(_kb(tmp_path)))
    said = "Das seien 15,2 % weniger und rund 10.400 € geringere Stromkosten."
    name = "AQUAVENT KI – KI-gestützte Steuerung der Belüftung der Kläranlage Belüftungssteuerung"
    assert coverage.share(SAVINGS, [said], ignore=[name], acts=True) == 1.0
    assert coverage.share(SAVINGS, ["Die Kläranlage läuft seit 2025."], ignore=[name], acts=True) == 0.0


def test_the_rest_of_a_section_cut_into_chunks_is_looked_at_for_a_part(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    services.today = FIXED_TODAY
    kb = _kb(tmp_path)
    cut = [c for c in chunks(kb) if c.source_id != c.chunk_id]
    assert len(cut) >= 2  # the section is longer than a chunk
    rest = services.drafter(kb)._rest_of_sections([Passage(cut[0], 1.0)])
    assert [p.chunk.chunk_id for p in rest] == [c.chunk_id for c in cut[1:]]
    assert any("15,2 %" in p.chunk.text for p in rest)


def test_a_feminine_plural_is_its_word_not_a_compound_with_a_part_inn() -> None:
    from assistant.kb.keyword import analyze

    assert analyze("Bürgerinnen und Bürger") == ["burg", "burg"]  # was "burg", "burg", "inn", "burg"
    assert "inn" not in analyze("Empfängerinnen Einwohnerinnen Antragstellerinnen")
    assert "stadt" in analyze("Innenstadt")  # a real compound is still split


def test_a_participle_holds_the_noun_of_its_verb(tmp_path: Path) -> None:
    coverage = Coverage(chunks(_kb(tmp_path)))
    demand = "Schreiben, an deren Erstellung KI beteiligt war, erhalten eine Kennzeichnung."
    assert coverage.share(demand, ["Gekennzeichnet werden Texte ohne Prüfung."]) > 0.0
