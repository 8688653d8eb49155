"""Rules clerk grading 40 asked for, built before the twenty-fourth set was read: a year's AI total counts the
AI part of a shared row and a payment made to a partner; a colon inside a bracket ends no wrapped line; a
motion's Sachverhalt is read for claims, and a claim on an application gets the register's state of it; money
for something in place of an application is not its money."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting.claims import LEAD, argued, claims_of
from assistant.drafting.lexicon import INSTEAD, is_income
from assistant.drafting.relevance import Coverage
from assistant.figures import table_figures
from assistant.formats.unwrap import unwrap
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from assistant.testing.fakes import FakeChatModel
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, fake_services
from tests.small_kb import small_kb
from tests.unit.test_motions import sections
from tests.unit.test_structured import data_answer

HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
ROWS = (
    "KI-1,Belegwerk KI-Kontierung,Belegwerk GmbH,FB1,Kontierung,production,2025-03-01,,10,no,done,,minimal,"
    "Prüfung,0,8400,0720.511 58-2,,,Vermerk,2026-10-01\n"
    "KI-2,Servicebot 115,Land Bremen,FB1,Auskünfte,production,2026-06-15,,,no,done,,limited,Prüfung,0,21600,"
    "0320.632 15-0,,,Vereinbarung,2026-10-01\n"
)
BUDGET = (
    "year,budget_line,title,category,kind,planned_eur,status,note\n"
    "2026,0720.511 58-2,Lizenzen Finanzverfahren (einschließlich KI-Modul Belegwerk),licenses,consumptive,98000,"
    "adopted,darin Belegwerk 8.400 € (12 × 700 €); übrige Mittel ohne KI-Bezug\n"
    "2026,0320.632 15-0,Servicebot 115 – Kostenbeteiligung (Erstattung an die Freie Hansestadt Bremen),operations,"
    "consumptive,27900,adopted,\n"
    "2026,0210.525 10-8,Fortbildung KI-Kompetenz,training,consumptive,18000,adopted,\n"
    "2026,0100.543 00-1,KI-Lizenzen und Cloud-Dienste (zentral),licenses,consumptive,62000,adopted,"
    "Belegwerk 48.000 €; Servicebot 9.600 €; sonstige 4.400 €\n"
    "2026,0210.525 00-2,Aus- und Fortbildung allgemein – kein KI-Bezug,training,consumptive,425000,adopted,\n"
)


def _kb(tmp_path: Path) -> KnowledgeBase:
    return small_kb(tmp_path, HEAD + ROWS, BUDGET, name="Stadt Ochtumhaven")


def test_a_year_s_ai_total_counts_a_shared_row_s_ai_part_and_a_payment_to_a_partner(tmp_path: Path) -> None:
    answer, _ = data_answer("Welche Mittel sind für 2026 für KI veranschlagt?", _kb(tmp_path))
    assert answer is not None and answer.table is not None
    # 8.400 (of 98.000) + 27.900 + 18.000 + 62.000 (AI money as a whole, however broken down); never the
    # 425.000 "kein KI-Bezug", never the whole 98.000
    assert "im Haushaltsjahr 2026 insgesamt 116.300 Euro veranschlagt" in answer.text
    counted = answer.table.columns.index("davon KI")  # the column adds up to the sum the sentence gives
    shared = next(row for row in answer.table.rows if row[1] == "0720.511 58-2")
    assert (shared[3], shared[counted]) == ("98.000 Euro", "8.400 Euro")
    assert "116300" in table_figures(answer.table)
    assert not any("Haushaltsstelle 0720.511 58-2 ist nur teilweise" in x for x in answer.warnings)


def test_a_refund_paid_to_someone_is_spending_a_refund_received_is_income() -> None:
    assert not is_income("Kostenbeteiligung (Erstattung an die Freie Hansestadt Bremen)")
    assert not is_income("Erstattungen an das Land")
    assert is_income("Erstattung des Bundes für Bildung und Teilhabe")
    assert is_income("Erstattungen vom Land")


def test_a_colon_inside_an_open_bracket_ends_no_wrapped_line() -> None:
    text = (
        "Belegwerk: Die Lizenz (700 € monatlich) ist Teil des Ansatzes für die Finanzverfahren (2026:\n"
        "98.000 €; Entwurf 2027: 101.000 €); die übrigen Mittel haben keinen KI-Bezug.\n"
        "Zu den Anwendungen im Einzelnen gilt Folgendes, soweit nichts anderes bestimmt ist:\n"
        "Geoblick Straße: 2027 sind 4.800 € vorgesehen.\n"
    )
    lines = unwrap(text).split("\n")
    assert lines[0].endswith("(2026: 98.000 €; Entwurf 2027: 101.000 €); die übrigen Mittel haben keinen KI-Bezug.")
    assert lines[1].endswith("bestimmt ist:")  # a label's colon outside brackets still ends its line


SACHVERHALT_MOTION = """Antrag der Fraktion XY vom 10.11.2026

Sachverhalt:
Der Terminchatbot der Ausländerbehörde beantwortet nach unseren Informationen noch immer Fragen zu Terminen und
Aufenthaltstiteln, obwohl er viele Beschwerden verursacht.

Der Rat möge beschließen:

1. Die Verwaltung wird beauftragt, allen Beschäftigten bis zum 30.06.2027 eine Schulung zu MusterGPT anzubieten.
"""


def test_a_motion_s_sachverhalt_is_read_for_claims_and_its_lead_in_to_the_demands_is_none() -> None:
    inquiry = parse_inquiry(SACHVERHALT_MOTION, "antrag.txt")
    text = argued(inquiry)
    assert "noch immer Fragen zu Terminen und Aufenthaltstiteln, obwohl" in text  # the wrapped lines joined
    coverage = Coverage(chunks(load(DEMO_KB)))
    lead_in = "Der Rat möge beschließen, die Schulungen zu MusterGPT auszuweiten:"
    condition = "Wenn alle Beschäftigten MusterGPT nutzen, gewinnt die Verwaltung Zeit für die Bürgerinnen und Bürger."
    found = claims_of(f"{text}\n{lead_in}\n{condition}", coverage)
    assert any(c.startswith("Der Terminchatbot der Ausländerbehörde beantwortet") for c in found)
    assert not any("möge" in c or c.startswith("Wenn") for c in found)


def test_a_claim_on_an_application_gets_its_register_state_led_in_as_a_reply_to_the_motion(tmp_path: Path) -> None:
    (answer,) = draft_inquiry(
        fake_services(FakeChatModel(), tmp_path), parse_inquiry(SACHVERHALT_MOTION, "antrag.txt"), DEMO_KB
    ).answers
    sachstand = sections(answer.text)["Sachstand"]
    assert LEAD + "Die Anwendung „Terminchatbot der Ausländerbehörde“" in sachstand  # it was stopped
    assert "eingestellt" in sachstand.split(LEAD)[1]
    assert "noch immer Fragen" not in answer.text  # the claim's own wording stays out of the letter
    assert any(w.startswith("Ausführung im Antrag: „Der Terminchatbot") for w in answer.warnings)


def test_money_for_something_in_place_of_an_application_is_not_that_application_s() -> None:
    assert INSTEAD.search("b) stattdessen durch den Eigenbetrieb einen eigenen Chatbot entwickeln zu lassen")
    assert INSTEAD.search("an dessen Stelle ein eigenes System beschaffen")
    assert not INSTEAD.search("den Servicebot um Auskünfte zu Terminen erweitern")
