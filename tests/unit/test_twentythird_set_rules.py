"""Rules the twenty-third set (Stadt Ochtumhaven, Bremen) showed missing on its first run: an abbreviated
authority, a name's closing remark, a sibling's subject beside applications in the plural, a shared row's
part, a row without AI money, the municipality's name in a demand."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.finance import named_by_words
from assistant.drafting.owned import own_rows, share_of
from assistant.drafting.relevance import Coverage, _abbreviations
from assistant.drafting.subject import SubjectFinder
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from tests.small_kb import small_kb

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
ROWS = (
    "KI-1,Belegwerk KI-Kontierung – Kontierungsvorschläge für E-Rechnungen,Belegwerk GmbH,FB1,Kontierung,production,"
    "2025-03-01,,10,no,done,,minimal,Prüfung,12800,8400,0720.511 58-2,,,Vermerk,2026-10-01\n"
    "KI-2,Servicebot 115 – KI-Chatbot der Behördennummer 115 (gemeinsames Angebot mit der Stadtgemeinde Bremen),"
    "Land Bremen,FB1,Auskünfte zu Leistungen,production,2026-06-15,,,no,done,,limited,Prüfung,0,21600,0320.632 15-0,,,"
    "Vereinbarung,2026-10-01\n"
    "KI-3,TalentMatch – KI-Vorauswahl von Bewerbungen (Test beendet),Talentum GmbH,FB1,Vorauswahl von Bewerbungen,"
    "discontinued,2025-10-06,2026-01-31,5,yes,done,,high,Prüfung,0,7500,0210.511 58-7,,Alterseffekt,Vermerk,"
    "2026-02-01\n"
)
BUDGET = (
    "year,budget_line,title,category,kind,planned_eur,status,note\n"
    "2026,0720.511 58-2,Lizenzen Finanzverfahren (einschließlich KI-Modul Belegwerk),licenses,consumptive,98000,"
    "adopted,darin Belegwerk 8.400 € (12 × 700 €); übrige Mittel ohne KI-Bezug\n"
    "2025,0210.511 58-7,Lizenzen Bewerbermanagement (2025 einschließlich Testlizenz TalentMatch),licenses,consumptive,"
    "64000,adopted,darin Testlizenz TalentMatch 7.500 €\n"
    "2026,0210.511 58-7,Lizenzen Bewerbermanagement – kein KI-Bezug,licenses,consumptive,59000,adopted,\n"
)


def _kb(tmp_path: Path, documents: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return small_kb(tmp_path, HEAD + ROWS, BUDGET, name="Stadt Ochtumhaven", documents=documents)


def test_an_authority_s_long_name_is_known_by_its_abbreviation(tmp_path: Path) -> None:
    asked = "Wann wurde die Landesbeauftragte für Datenschutz und Informationsfreiheit unterrichtet?"
    assert "LfDI" in _abbreviations(asked, "Landesbeauftragte")
    assert _abbreviations("Wie viele Drohnen setzt die Stadt ein?", "Drohnen") == []  # verbs end a name
    kb = _kb(tmp_path, {"vermerk.md": "# Vermerk\n\nDie LfDI wurde am 04.07.2026 nach Art. 33 DSGVO unterrichtet.\n"})
    coverage = Coverage(chunks(kb))
    assert coverage.unknown_focus(asked) == []
    assert coverage.unknown_focus("Welche Angaben enthält das Verzeichnis?") == []  # what is said, of anything


def test_a_name_s_closing_remark_in_brackets_names_nothing(tmp_path: Path) -> None:
    finder = SubjectFinder(_kb(tmp_path), None)
    assert finder.find("Welches Angebot gibt es für Beschäftigte ohne PC-Arbeitsplatz?") == ()
    assert finder.find("Seit wann ist der Servicebot 115 in Betrieb?") == ("KI-2",)


def test_a_shared_row_s_note_gives_the_application_its_part_and_a_row_without_ai_is_none_s(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    beleg, _, talent = kb.inventory
    row = own_rows(beleg, kb)[0]
    assert share_of(beleg, row, kb) == 8400  # "darin Belegwerk 8.400 €" of 98.000 €
    assert [r.get("year") for r in own_rows(talent, kb)] == ["2025"]  # 2026: "kein KI-Bezug"
    assert share_of(talent, own_rows(talent, kb)[0], kb) == 7500


def test_the_municipality_s_name_in_a_demand_names_no_application(tmp_path: Path) -> None:
    kb = small_kb(
        tmp_path,
        HEAD + "KI-9,KIRA – KI-Schreibassistenz der Stadtverwaltung Ochtumhaven,ITO,FB1,Texte,production,2025-03-01,"
        ",100,no,done,,minimal,Prüfung,0,0,0210.525 10-8,,,Vermerk,2026-10-01\n",
        name="Stadt Ochtumhaven",
    )
    demand = "auf alle Abfallsammelfahrzeuge der Entsorgungsbetriebe Ochtumhaven GmbH auszuweiten"
    assert named_by_words(demand, kb) == []


def test_a_sub_question_does_not_go_on_with_an_application_named_beside_applications_in_the_plural(
    tmp_path: Path,
) -> None:
    from assistant.drafting.understand import Understanding

    kb = _kb(tmp_path)
    text = (
        "Anfrage: KI in der Verwaltung\n\n1. Zu den Kosten:\n"
        "a) Welche Mittel wurden 2025 für KI-Anwendungen ausgegeben, und wie viel entfiel davon auf den Test "
        "TalentMatch?\n"
        "b) Welche Stellen stehen für KI-Aufgaben zur Verfügung?\n"
    )
    inquiry = parse_inquiry(text, "anfrage.txt")
    readings = Understanding(kb).read(inquiry)
    assert readings["1b"].subject.applications == ()
