"""Rules found on set 21 (Stadt Selkeleben): an application's budget rows are those of its own words, not of the
product family it shares a budget line with; a row that names an application after "ohne" leaves it out; a row
that says it is no AI money never covers money a demand names for AI; a user account is a seat paid for
(decision record 0034). The e-mail reader has its tests in test_inquiry_formats.py."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.demands import amounts, purposes_of
from assistant.drafting.finance import Comparison, compare
from assistant.drafting.owned import names, own_rows
from assistant.kb.model import KnowledgeBase
from tests.small_kb import small_kb

_INVENTORY = """id,name,vendor,department,purpose,status,updated,budget_line
A-1,Lotse Post – KI-Klassifizierung des Posteingangs,Beispiel GmbH,FB2,Posteingang,production,2026-10-01,11.5430
A-2,Lotse Widerspruch – KI-Vorprüfung von Widersprüchen (Pilot),Beispiel GmbH,FB2,Widersprüche,pilot,2026-10-01,11.5430
A-3,Schreibhilfe – generativer KI-Assistent,Zweckverband,FB1,Texte,production,2026-10-01,10.5431
A-4,Wassersensor – Stufe 1,Beispiel GmbH,FB1,Leckagen,production,2026-10-01,20.5432
A-5,Wassersensor – Stufe 2,Beispiel GmbH,FB1,Leckagen,planned,2026-10-01,20.5432
"""
_BUDGET = """year,budget_line,title,category,kind,planned_eur,status
2026,11.5430,Lotse – KI-Module (Lotse Post; 2026 mit Pilot Lotse Widerspruch),licenses,consumptive,19500,adopted
2027,11.5430,Lotse – KI-Modul Lotse Post (Posteingang),licenses,consumptive,7800,draft
2027,11.5431,Lotse Widerspruch – Verlängerung des Pilotbetriebs,licenses,consumptive,5400,draft
2027,10.5431,Schreibhilfe – Nutzungsentgelt je Nutzerkonto,licenses,consumptive,22500,draft
2027,10.5270,Entgelte an den Zweckverband (Netz) – ohne Schreibhilfe,operations,consumptive,452000,draft
2027,10.7831,IT-Hardware und Arbeitsplatzausstattung – kein KI-Bezug,hardware,investive,70000,draft
2027,20.5432,Wassernetz: Wassersensor – Auswertungsplattform,operations,consumptive,9600,draft
"""


def _kb(tmp_path: Path) -> KnowledgeBase:
    return small_kb(tmp_path, _INVENTORY, _BUDGET, {"FB1": "Zentrale Dienste", "FB2": "Finanzen"})


def _compared(kb: KnowledgeBase, demand: str) -> Comparison:
    (amount,) = amounts(demand, "", 2027)
    return compare(amount, kb, demand)


def _app(kb: KnowledgeBase, key: str):  # type: ignore[no-untyped-def]
    return next(a for a in kb.inventory if a.get("id") == key)


def test_a_sibling_owns_the_rows_of_its_own_words_not_those_of_the_family_name(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    rows = {(r.get("year"), r.get("budget_line")) for r in own_rows(_app(kb, "A-2"), kb)}
    assert rows == {("2026", "11.5430"), ("2027", "11.5431")}  # not 2027's "KI-Modul Lotse Post"
    assert ("2027", "11.5430") in {(r.get("year"), r.get("budget_line")) for r in own_rows(_app(kb, "A-1"), kb)}


def test_two_stages_of_one_system_keep_the_rows_that_name_neither_stage(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert [r.get("budget_line") for r in own_rows(_app(kb, "A-4"), kb)] == ["20.5432"]


def test_a_row_naming_an_application_after_ohne_leaves_it_out(tmp_path: Path) -> None:
    assert not names("Schreibhilfe", "Entgelte an den Zweckverband (Netz) – ohne Schreibhilfe")
    assert names("Schreibhilfe", "Fortbildung (Präsenzschulungen Schreibhilfe)")
    kb = _kb(tmp_path)
    assert "10.5270" not in {r.get("budget_line") for r in own_rows(_app(kb, "A-3"), kb)}


def test_user_accounts_are_licences_and_are_compared_with_the_application_s_own_line(tmp_path: Path) -> None:
    assert purposes_of("allen Beschäftigten ein Nutzerkonto für die Schreibhilfe bereitzustellen") == ("licenses",)
    found = _compared(
        _kb(tmp_path),
        "Die Bürgermeisterin wird beauftragt, allen Beschäftigten bis zum 31.12.2026 ein Nutzerkonto für die "
        "Schreibhilfe bereitzustellen. Hierfür sind ab dem Haushaltsjahr 2027 jährlich 30.000 € bereitzustellen.",
    )
    assert [r.get("budget_line") for r in found.rows] == ["10.5431"]
    assert found.additional[2027] == 7500


def test_money_for_ai_hardware_is_not_covered_by_a_row_that_says_it_is_no_ai_money(tmp_path: Path) -> None:
    found = _compared(
        _kb(tmp_path),
        "Für den Aufbau einer eigenen KI-Rechenkapazität (KI-Server) werden im Finanzhaushalt 2027 einmalig "
        "60.000 € bereitgestellt.",
    )
    assert not found.rows and found.additional[2027] == 60000


def test_a_document_s_plan_for_days_that_have_all_passed_reads_as_ahead_and_is_not_quoted() -> None:
    from datetime import date

    from assistant.drafting.stale import lapsed

    march, december = date(2026, 3, 10), date(2026, 12, 5)
    assert lapsed("Ein Evaluationsbericht für das erste Betriebsjahr folgt im April 2026.", march, december)
    assert lapsed("Über einen Regelbetrieb soll der Finanzausschuss am 19.11.2026 entscheiden.", march, december)
    assert not lapsed("Der Pilot endet am 31.12.2026.", march, december)  # still ahead
    assert not lapsed("Der Bericht wurde am 15.04.2026 vorgelegt.", march, december)  # told as done
    assert not lapsed("Am 28.02.2026 bestanden 142 Nutzerkonten.", march, december)  # before its source's day
    assert not lapsed("Die Verlängerung bis zum 30.06.2026 ist vorgesehen; danach bis 30.06.2027.", march, december)


def test_a_row_that_names_ai_only_as_what_it_leaves_out_is_no_ai_money() -> None:
    from assistant.drafting.finance import ai_money
    from assistant.kb.model import Record

    def row(title: str) -> Record:
        return Record(file="budget.csv", line=2, values={"title": title, "note": ""})

    assert not ai_money(
        row("Personalaufwand Stabsstelle (5,0 VZÄ) – ohne neue Stelle KI- und Prozessmanagement"), set()
    )
    assert ai_money(row("Fortbildung KI-Kompetenz (E-Learning)"), set())
    # an application's own line after its AI module ended is no AI money either
    ended = row("Bewerbermanagement Talento – Lizenz (ohne KI-Modul)")
    assert not ai_money(ended, {id(ended)})


def test_a_plan_ruled_out_for_a_reason_is_still_ruled_out() -> None:
    from assistant.drafting.stale import _RULED_OUT

    assert _RULED_OUT.search("Eine eigene Stelle für KI ist wegen der Haushaltskonsolidierung derzeit nicht vorgesehen")


def test_a_register_row_giving_up_a_start_day_overtakes_a_report_s_plan_for_that_day() -> None:
    from datetime import date

    from assistant.drafting.overtaken import Overtaken

    row = "Status: geplant.\nStart verschoben: ursprünglich zum 01.01.2027 vorgesehen; Start frühestens 2028."
    check = Overtaken([(row, "KI-Verzeichnis: KI-Dolmetschassistent für Elterngespräche")], date(2026, 12, 5))
    plan = "Der KI-Dolmetschassistent für Elterngespräche ist ab dem 01.01.2027 vorgesehen"
    assert check.overtaken(plan, date(2026, 3, 10), plans_only=True)
    assert not Overtaken([row], date(2026, 12, 5)).overtaken(plan, date(2026, 3, 10), plans_only=True)


def test_a_later_plan_of_the_same_act_for_a_later_day_reschedules_the_earlier() -> None:
    from datetime import date

    from assistant.domain import Chunk
    from assistant.drafting.stale import Rescheduled

    def chunk(name: str, text: str) -> Chunk:
        return Chunk(chunk_id=name, source_id=name, kind="document", title=name, text=text, metadata={})

    minutes = chunk("ns", "Das KI-Verzeichnis der Stadtverwaltung wird bis zum 31.03.2027 im Portal veröffentlicht.")
    check = Rescheduled([(minutes, date(2026, 9, 24))], date(2026, 12, 5))
    before = "Die Veröffentlichung des KI-Verzeichnisses zum 30.06.2026 ist nicht zu halten."
    assert check.rescheduled("Die Veröffentlichung ist nun bis zum 31.12.2026 vorgesehen.", date(2026, 3, 10), before)
    assert not check.rescheduled("Die Schulung ist bis zum 31.12.2026 vorgesehen.", date(2026, 3, 10), "Schulungen.")


def test_a_vote_count_is_procedure_not_what_was_decided() -> None:
    from assistant.drafting.gaps import PROCEDURAL

    assert PROCEDURAL.search("Abstimmungsergebnis: 29 Ja-Stimmen, 5 Nein-Stimmen, 2 Enthaltungen")
    assert not PROCEDURAL.search("Der Pilotbetrieb wird bis zum 30.06.2027 verlängert.")


def test_a_sachstand_says_a_fact_once_whether_or_not_the_name_carries_its_status_note() -> None:
    from assistant.drafting.sachstand import _once

    named = "Zum Stand der Anwendung „KI-Dolmetschassistent{}“ ist festgehalten: Start verschoben [3]."
    other = "Zum Ansatz 2026 ist vermerkt: „nicht fortgeführt“ [4]."
    assert _once([named.format(""), named.format(" (geplant)"), other]) == [named.format(""), other]


def test_a_pilot_s_end_day_is_a_deadline_a_later_extension_moves() -> None:
    from datetime import date

    from assistant.domain import Chunk
    from assistant.drafting.stale import Rescheduled

    text = (
        "1. Der Stadtrat nimmt den Zwischenbericht zum Pilot Fidelis Widerspruch zur Kenntnis. "
        "Der Pilotbetrieb wird bis zum 30.06.2027 verlängert."
    )
    minutes = Chunk(chunk_id="ns", source_id="ns", kind="document", title="ns", text=text, metadata={})
    check = Rescheduled([(minutes, date(2026, 9, 24))], date(2026, 12, 5))
    before = "Am 02.03.2026 hat der Pilot Fidelis Widerspruch begonnen."
    assert check.rescheduled("Der Pilot endet am 31.12.2026.", date(2026, 3, 10), before)
