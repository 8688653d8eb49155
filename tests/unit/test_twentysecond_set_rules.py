"""Rules found on set 22 (Bezirksamt Alsterhagen, Hamburg): a council information system's header field names a
paper's kind before anything in its text does, and a motion's "möge … beschließen" may name the body in between
(decision record 0035); a sub-demand's money is its lead-in's application's where the lead-in calls one by name
and the sub-demand none; money named for AI is never on a row that says it is no AI money; the town of the
postal address names no application; "Stellen bzw. Stellenanteile" and "Stellenabbau" are no unknown focus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting.finance import Comparison
from assistant.drafting.relevance import Coverage, focus
from assistant.drafting.stale import lapsed
from assistant.drafting.statement import compared, demand_of
from assistant.drafting.subject import SubjectFinder
from assistant.inquiry.metadata import kind
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.kb.model import KnowledgeBase
from tests.small_kb import small_kb


def test_a_header_field_names_the_paper_s_kind() -> None:
    assert kind("Drucksache-Art: | Antrag\nBetreff: KI im Bürgerservice") == "Antrag"
    assert kind("Vorlage-Art: Prüfantrag") == "Antrag"
    assert kind("Vorlagenart: Kleine Anfrage\nWie viele …?") == "Kleine Anfrage"
    # the field decides before a mention in the text: a motion that cites an earlier Kleine Anfrage
    assert kind("Drucksachenart: Antrag\nDie Antwort auf die Kleine Anfrage 22-0801 zeigt …") == "Antrag"


def test_a_motion_may_name_the_body_that_is_to_decide() -> None:
    assert kind("Vor diesem Hintergrund möge die Bezirksversammlung beschließen:\n1. …") == "Antrag"
    assert kind("Der Kreistag möge folgendes beschließen:") == "Antrag"
    assert kind("Wir möchten wissen, was die Verwaltung beschließen wird.") != "Antrag"


_INVENTORY = """id,name,vendor,department,purpose,status,updated,budget_line
A-1,Lotsa Eingang – KI-Zuordnung Posteingang Grundsicherung,Lotsa GmbH,FB3,Post,production,2026-10-01,30.5340
A-2,Lotsa Wohngeld – KI-Prüfung von Wohngeldanträgen (Pilot),Lotsa GmbH,FB3,Wohngeld,pilot,2026-10-01,30.5345
A-3,SprachBrücke – KI-Sofortübersetzung (Pilot beendet),Transvox,FB2,Übersetzung,discontinued,2026-10-01,20.5320
"""
_BUDGET = """year,budget_line,title,category,kind,planned_eur,status,note
2027,30.5340,Lotsa Eingang – KI-Zuordnung Posteingang Grundsicherung,licenses,consumptive,17400,draft,
2027,30.5345,Lotsa Wohngeld – Verlängerung des Pilotbetriebs,licenses,consumptive,4800,draft,
2025,20.5320,Lizenzen Kundenzentren (2025 mit Pilot SprachBrücke),licenses,consumptive,41000,adopted,
2027,20.5331,Dolmetschleistungen Kundenzentren – kein KI-Bezug,other,consumptive,26000,draft,Ersatz für den Pilot
"""
_MOTION = """Antrag der Fraktion

Die Bezirksversammlung möge beschließen:

Das Bezirksamt wird gebeten,

1. die KI-gestützte Vollständigkeitsprüfung von Wohngeldanträgen (Lotsa Wohngeld)
a) zum 01.01.2027 in den Regelbetrieb zu überführen,
b) auf die Grundsicherung auszuweiten und hierfür ab dem Haushaltsjahr 2027 jährlich 25.000 Euro bereitzustellen;

2. die KI-Sofortübersetzung in den Kundenzentren wieder einzuführen und hierfür 2027 12.000 Euro vorzusehen.
"""


def _kb(tmp_path: Path) -> KnowledgeBase:
    units = {"FB2": "Kundenzentren", "FB3": "Soziales"}
    return small_kb(tmp_path, _INVENTORY, _BUDGET, units, name="Bezirksamt Muster", kind="Bezirk")


def _compared(kb: KnowledgeBase, question_id: str) -> Comparison:
    inquiry = parse_inquiry(_MOTION, "antrag.txt")
    question = inquiry.question(question_id)
    (comparison,) = compared(demand_of(question, inquiry, date(2026, 12, 1)), question, inquiry, kb)
    return comparison


def test_a_sub_demand_s_money_is_its_lead_in_s_application_s_not_a_word_sharing_sibling_s(tmp_path: Path) -> None:
    comparison = _compared(_kb(tmp_path), "1b")
    assert comparison.lines == ("30.5345",)  # Lotsa Wohngeld's, not Lotsa Eingang's by "Grundsicherung"
    assert comparison.planned[2027] == 4800


def test_money_named_for_ai_is_never_on_a_row_that_says_it_is_no_ai_money(tmp_path: Path) -> None:
    comparison = _compared(_kb(tmp_path), "2")
    assert comparison.planned == {2027: 0}  # not the video interpreting line „kein KI-Bezug“
    assert "20.5331" not in comparison.lines


ALSTERHAGEN = Path(__file__).resolve().parents[2] / "eval" / "kbs" / "bezirksamt-alsterhagen"


def test_the_town_of_the_postal_address_names_no_application() -> None:
    finder = SubjectFinder(load(ALSTERHAGEN))  # "FleetAssist – KI-Textassistent der Hamburger Verwaltung"
    assert finder.find("gemeinsam mit der Hamburger Volkshochschule einen Kurs anzubieten") == ()
    assert finder.find("bis die Hamburgische Beauftragte für Datenschutz ihre Prüfung abgeschlossen hat") == ()
    assert finder.find("allen Beschäftigten ein Nutzerkonto für FleetAssist einzurichten") == ("KI-ALS-01",)


def test_a_variant_or_a_change_of_a_known_thing_is_no_unknown_focus() -> None:
    coverage = Coverage(chunks(load(ALSTERHAGEN)))
    assert focus("Welche Stellen bzw. Stellenanteile stehen für die Koordination zur Verfügung?") == ["Koordination"]
    assert coverage.unknown_focus("Was hat die Verwaltung gegen Stellenabbau durch KI geplant?") == []
    assert coverage.unknown_focus("Wie viele Drohnen setzt das Bezirksamt ein?") == ["Drohnen"]


def test_a_plan_for_a_quarter_or_a_run_s_end_that_has_passed_since_it_was_written_has_lapsed() -> None:
    march, today = date(2026, 3, 10), date(2026, 12, 1)
    assert lapsed("Die Veröffentlichung ist nun für das zweite Quartal 2026 vorgesehen.", march, today)
    assert lapsed("Der Pilot läuft bis zum 31.10.2026.", march, today)
    assert not lapsed("Die Veröffentlichung ist für das erste Halbjahr 2027 vorgesehen.", march, today)
    assert not lapsed("Der Pilot läuft seit dem 02.02.2026.", march, today)


def test_a_header_field_s_kind_is_named_canonically_however_it_is_written() -> None:
    assert kind("DRUCKSACHE-ART: KLEINE ANFRAGE") == "Kleine Anfrage"
    assert kind("Vorlagenart: große anfrage") == "Große Anfrage"
    assert kind("Drucksachenart: Anfrage") == "Anfrage"
