"""Rules the twenty-fourth set (Stadt Vilsreuth, Bayern) showed missing on its first run: questions in a table
nested in a council system's table, demands as rows of a Word table, compounds wrapped after a hyphen, an
application shared with the county, a plan a later source gave up, a share of costs refunded to the county, the
Ist of a year beside a shared row, a sub-demand's application named by its lead-in, a model sentence's day
outside its quote's paragraph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.domain import Chunk, Passage
from assistant.drafting.compose import DraftSentence
from assistant.drafting.lexicon import is_income
from assistant.drafting.named import named_applications
from assistant.drafting.stale import Dropped
from assistant.drafting.standing import ReplacedRules
from assistant.drafting.understand import Understanding
from assistant.drafting.verify import days_elsewhere, verify
from assistant.figures import table_figures
from assistant.formats.html import read_html
from assistant.inquiry.parse import parse_inquiry
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.text import sentences_of
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import fake_services
from tests.small_kb import small_kb
from tests.unit.test_structured import data_answer

NESTED = """<html><body><div id="inhalt"><p>Wir bitten um Beantwortung der folgenden Fragen:</p>
<table class="fragen"><tr><td>
  <table class="fragenliste">
    <tr><td class="frnr">1.</td><td><p>Welche KI-Anwendungen setzt die Stadt ein?</p></td></tr>
    <tr><td class="frnr">2.</td><td><p>Zur KI-Schreibassistenz VilsAssist:</p>
      <table class="unterfragen">
        <tr><td>a)</td><td>Seit wann ist sie im Regelbetrieb?</td></tr>
        <tr><td>b)</td><td>Wo wird sie betrieben?</td></tr>
      </table></td></tr>
    <tr><td class="frnr">3.</td><td><p>Welche Kosten entstehen?</p></td></tr>
  </table>
</td></tr></table>
<table><tr><td>Haushaltsstelle</td><td>0620.6361</td><td>43.680 €</td></tr></table>
</div></body></html>"""


def test_questions_in_a_table_nested_in_a_table_cell_are_read_one_by_one() -> None:
    text = read_html(NESTED.encode(), "anfrage.html")
    assert "2. Zur KI-Schreibassistenz VilsAssist:" in text  # the label before its cell's opening paragraph
    assert "Haushaltsstelle | 0620.6361 | 43.680 €" in text  # a flat table row stays a row
    inquiry = parse_inquiry(text, "anfrage.html")
    assert [(q.id, q.text) for q in inquiry.answerable()] == [
        ("1", "Welche KI-Anwendungen setzt die Stadt ein?"),
        ("2a", "Seit wann ist sie im Regelbetrieb?"),
        ("2b", "Wo wird sie betrieben?"),
        ("3", "Welche Kosten entstehen?"),
    ]


def test_demands_as_rows_of_a_table_beside_their_number_are_demands() -> None:
    motion = (
        "Antrag der CSU-Fraktion\n\nDer Stadtrat möge beschließen:\n"
        "1. | Die Verwaltung richtet bis zum 31.12.2026 für alle Beschäftigten ein Nutzerkonto ein.\n"
        "2 | Der Pilot wird wieder aufgenommen:\n"
        "a) | Die Verwaltung nimmt den Pilot zum 01.01.2027 wieder auf; hierfür werden 25.000 Euro eingestellt.\n"
        "b) | Die Verwaltung legt dem Bauausschuss bis zum 31.01.2027 die Ergebnisse vor.\n"
        "| 3. | Die Verwaltung berichtet jährlich. |\n"
        "\nBegründung\nSo geht es schneller.\n"
    )
    inquiry = parse_inquiry(motion, "antrag.docx")
    assert [q.id for q in inquiry.answerable()] == ["1", "2a", "2b", "3"]
    assert inquiry.question("3").text == "Die Verwaltung berichtet jährlich."
    # a data table's row is no demand: "2026 | 43.680 €" has no label cell
    assert [q.id for q in parse_inquiry("1. Was kostet es?\n2026 | 43.680 €\n", "x.txt").answerable()] == ["1"]


def test_a_demand_wrapped_after_a_hyphen_keeps_its_compounds() -> None:
    motion = (
        "Antrag der SPD-Fraktion\n\nDer Stadtrat möge beschließen:\n"
        "1. Die Verwaltung berichtet, ob und welche KI-\nAnwendungen die freien Träger der Kinder-\n"
        "und Jugendhilfe in der Fallarbeit nutzen, und welche Schulungs-\nmaßnahmen es gibt.\n"
    )
    (demand,) = parse_inquiry(motion, "antrag.eml").answerable()
    assert "welche KI-Anwendungen die freien Träger der Kinder- und Jugendhilfe" in demand.text
    assert "Schulungsmaßnahmen" in demand.text


HEAD = (
    "id,name,vendor,department,purpose,status,go_live,end_date,users,personal_data,dpia,legal_basis,ai_act_risk,"
    "human_oversight,cost_one_time_eur,cost_annual_eur,budget_line,evaluation,discontinued_reason,source,updated\n"
)
SHARED = (
    "KI-2,VilsBot – gemeinsamer KI-Chatbot von Stadt Vilsreuth und Landkreis Vilstal,AKDB (Vertragspartner ist der "
    "Landkreis Vilstal),FB1,Auskünfte,production,2026-07-01,,,no,done,,limited,Prüfung,13600,25200,1110.6720,,,"
    "Zweckvereinbarung,2026-10-01\n"
)


def test_a_question_on_an_application_shared_with_the_county_is_about_the_town_s_own(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD + SHARED, name="Stadt Vilsreuth")
    inquiry = parse_inquiry(
        "Anfrage\n\n1. Seit wann ist der gemeinsame Chatbot VilsBot online, und wie teilen sich Stadt und Landkreis "
        "Vilstal die Kosten?\n2. Nutzt der Landkreis Vilstal KI in der Kfz-Zulassung?\n",
        "anfrage.txt",
    )
    shared, county = draft_inquiry(
        fake_services(FakeChatModel(responder=copying_responder), tmp_path), inquiry, kb.root
    ).answers
    assert shared.status != "no_information" and "seit dem 01.07.2026" in shared.text
    assert county.status == "no_information"  # the county's own use: another administration's


def test_a_plan_a_later_source_gave_up_is_no_longer_quoted_as_planned() -> None:
    minutes = Chunk(
        "documents/niederschrift.html#2", "documents/niederschrift.html", "document", "Niederschrift HPDA",
        "Stadtrat Gruber fragt nach der im März angekündigten Stelle Data Scientist. Stadtkämmerin Wimmer antwortet, "
        "die Stelle sei wegen der Haushaltslage nicht in den Entwurf des Stellenplans 2027 aufgenommen worden.",
        {},
    )  # fmt: skip
    dropped = Dropped([(minutes, date(2026, 10, 20))], date(2026, 12, 1), ignore="Stadt Vilsreuth")
    plan = "Für den Stellenplan 2027 ist zusätzlich eine Stelle Data Scientist (E 13 TVöD) im Sachgebiet IT vorgesehen."
    assert dropped.dropped(plan, date(2026, 3, 4))
    assert not dropped.dropped(plan, date(2026, 11, 2))  # a plan made after the minutes
    assert not dropped.dropped("Für den Stellenplan 2027 ist eine Stelle KI-Koordination vorgesehen.", date(2026, 3, 4))


def test_a_share_of_costs_refunded_to_the_county_is_spending() -> None:
    assert not is_income("VilsBot – Erstattung des Kostenanteils der Stadt (40 %) an den Landkreis Vilstal")
    assert not is_income("Erstattung an Dataport")
    assert is_income("Erstattung des Landes an die Stadt für Schulbegleitung")  # to the municipality itself
    assert is_income("Erstattung des Landes an den Landkreis für Digitalisierung")  # a public payer: a county's income


BUDGET = (
    "year,budget_line,title,category,kind,planned_eur,actual_eur,status,note\n"
    "2025,0200.5620,Fortbildung KI-Kompetenz,training,consumptive,8000,7350,adopted,\n"
    "2025,6130.6550,PlanPrüf KI – Pilot,licenses,consumptive,24000,19400,adopted,\n"
    "2025,1100.6550,Dolmetschleistungen (einschließlich KI-Übersetzung SprachBrücke),other,consumptive,52000,49870,"
    "adopted,darin SprachBrücke 5.400 €; übrige Mittel Dolmetscherkosten ohne KI-Bezug\n"
)
SPRACHBRUECKE = (
    "KI-3,SprachBrücke – KI-Übersetzung,Anbieter,FB1,Übersetzung,production,2025-09-01,,,no,done,,limited,Prüfung,"
    "2200,9600,1100.6550,,,Vermerk,2026-10-01\n"
)


def test_the_ist_of_a_year_with_a_shared_row_says_its_ai_part_is_not_in_it(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD + SPRACHBRUECKE, BUDGET, name="Stadt Vilsreuth")
    answer, _ = data_answer("Welche Ist-Ausgaben für KI fielen im Jahr 2025 an?", kb)
    assert answer is not None and answer.table is not None
    assert (
        "insgesamt 37.400 Euro veranschlagt; ausgegeben wurden 26.750 Euro (ohne den KI-Anteil auf der "
        "Haushaltsstelle 1100.6550, dessen Ist nicht gesondert ausgewiesen ist)" in answer.text
    )
    assert {"37400", "26750"} <= table_figures(answer.table)  # both sums derive from the table


PILOTS = (
    "KI-4,PlanPrüf KI – Vollständigkeitsprüfung von Bauanträgen (Pilot; beendet),Baudigital,FB1,Prüfung von "
    "Bauanträgen,discontinued,2025-06-02,2025-12-15,9,no,,,minimal,Prüfung,0,24000,6130.6550,,Trefferquote,Vermerk,"
    "2026-01-10\n"
    "KI-3,KiDoku – KI-gestützte Dokumentationshilfe im Sozialdienst (Pilot),Sozialwerk,FB1,Dokumentation,pilot,"
    "2026-10-01,2027-03-31,12,yes,done,,limited,Prüfung,0,18000,4070.6550,,,Vermerk,2026-10-01\n"
)


def test_a_sub_demand_goes_on_with_the_application_its_lead_in_names_not_the_one_running(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD + PILOTS, name="Stadt Vilsreuth")
    finder = Understanding(kb, today=date(2026, 12, 1)).finder
    lead = "Der Pilot PlanPrüf KI im Bauordnungsamt wird wieder aufgenommen:"
    demand = "Die Verwaltung nimmt den Pilot zum 01.01.2027 wieder auf."
    assert named_applications(demand, kb, finder, lead=lead) == ["KI-4"]
    assert "KI-4" not in named_applications("stattdessen einen eigenen Pilot aufsetzen", kb, finder, lead=lead)


def test_a_statement_a_later_source_says_was_abandoned_and_a_plan_it_did_not_take_up_are_dropped() -> None:
    dsfa = Chunk(
        "documents/dsfa.html#1", "documents/dsfa.html", "document", "DSFA KiDoku",
        "Verarbeitung von Sozialdaten | Die ursprünglich geplante Verarbeitung in der Cloud des Anbieters "
        "(Rechenzentrum Frankfurt am Main) wird verworfen.",
        {},
    )  # fmt: skip
    vermerk = Chunk(
        "documents/vermerk.txt#2", "documents/vermerk.txt", "document", "Vermerk Pilot PlanPrüf KI",
        "4. Entscheidung\nDie im Oktober 2025 erwogene Verlängerung bis zum 31.03.2026 wird nicht umgesetzt.",
        {},
    )  # fmt: skip
    dropped = Dropped([(dsfa, date(2026, 9, 10)), (vermerk, date(2025, 12, 12))], date(2026, 12, 1))
    march = date(2026, 3, 4)
    assert dropped.dropped("Die Verarbeitung erfolgt in der Cloud des Anbieters in Frankfurt am Main.", march)
    assert not dropped.dropped("Die Verarbeitung erfolgt auf Servern des KUVIT.", march)
    assert dropped.dropped("Der Pilot wird bis zum 31.03.2026 verlängert.", date(2025, 10, 22))  # the day twice
    assert not dropped.dropped("Der Pilot wurde am 15.12.2025 beendet.", date(2025, 10, 22))  # told, not planned


RULES = {
    "da-2025.md": "---\ntitle: Dienstanweisung KI (DA KI) vom 15.07.2025 – Ursprungsfassung\ntype: guideline\n"
    "valid_from: 2025-08-01\nvalid_until: 2026-08-31\n---\n# DA KI\n\n## § 5\n\nKeine personenbezogenen Daten.\n",
    "da-2026.md": "---\ntitle: Dienstanweisung KI (DA KI) – Neufassung\ntype: guideline\nvalid_from: 2026-09-01\n"
    "---\n# DA KI\n\n## § 5\n\nPersonenbezogene Daten nur pseudonymisiert.\n",
}


def test_a_report_s_sentence_on_a_provision_of_a_replaced_rule_is_not_quoted(tmp_path: Path) -> None:
    kb = small_kb(tmp_path, HEAD + SHARED, name="Stadt Vilsreuth", documents=RULES)
    rules = ReplacedRules(kb, date(2026, 12, 1))
    said = "In VilsAssist dürfen nach § 5 der Dienstanweisung KI keine personenbezogenen Daten eingegeben werden."
    assert rules.replaced(said, date(2026, 3, 4))  # the version of March lapsed; the Neufassung is in force
    assert not rules.replaced(said, date(2026, 10, 1))  # said of the Neufassung
    assert not rules.replaced("Nach § 5 der Dienstvereinbarung gilt …", date(2026, 3, 4))  # no later version
    undated = {**RULES, "da-2026.md": RULES["da-2026.md"].replace("valid_from: 2026-09-01\n", "")}
    kb = small_kb(tmp_path / "undated", HEAD + SHARED, name="Stadt Vilsreuth", documents=undated)
    assert ReplacedRules(kb, date(2026, 12, 1)).replaced(said, date(2026, 3, 4))  # a Neufassung of no known day


def test_a_table_row_s_label_and_its_cell_of_sentences_are_quoted_apart() -> None:
    row = "Verarbeitung von Sozialdaten | Die geplante Verarbeitung in der Cloud wird verworfen. Betrieb beim KUVIT."
    assert sentences_of(row) == [
        "Verarbeitung von Sozialdaten",
        "Die geplante Verarbeitung in der Cloud wird verworfen.",
        "Betrieb beim KUVIT.",
    ]
    assert sentences_of("2026 | 0620.6361 | 43.680 €") == ["2026 | 0620.6361 | 43.680 €"]  # a row of data stays


def test_a_model_sentence_s_day_must_stand_in_the_paragraph_of_its_quote() -> None:
    agreement = Passage(
        Chunk(
            "documents/dv.pdf#2", "documents/dv.pdf", "document", "Dienstvereinbarung KI",
            "§ 9 Geltungsdauer\nDie Dienstvereinbarung gilt unbefristet. Sie kann mit einer Frist von sechs Monaten "
            "gekündigt werden.\nVilsreuth, 11.03.2026 – Oberbürgermeister – Vorsitzende des Gesamtpersonalrats",
            {},
        ),
        0.8,
    )  # fmt: skip
    wrong = DraftSentence("Die Dienstvereinbarung gilt seit dem 11.03.2026 unbefristet.", 1)
    result = verify([wrong], [agreement], date(2026, 12, 1))
    assert result.kept == () and any("Datum 11.03.2026 nicht im zitierten Absatz" in w for w in result.warnings)
    assert days_elsewhere("Sie tritt am 01.04.2026 in Kraft.", "Sie tritt am 01.04.2026 in Kraft.", "Sie tritt") == ""


def test_another_rule_of_the_same_kind_is_no_version_of_the_cited_one(tmp_path: Path) -> None:
    other = {
        "da-akten.md": "---\ntitle: Dienstanweisung Aktenführung\ntype: guideline\nvalid_from: 2020-01-01\n"
        "valid_until: 2026-08-31\n---\n# DA Aktenführung\n\n## § 5\n\nAkten werden elektronisch geführt.\n",
        "da-ki.md": RULES["da-2026.md"],
    }
    kb = small_kb(tmp_path, HEAD + SHARED, name="Stadt Vilsreuth", documents=other)
    said = "In VilsAssist dürfen nach § 5 der Dienstanweisung KI keine personenbezogenen Daten eingegeben werden."
    assert not ReplacedRules(kb, date(2026, 12, 1)).replaced(said, date(2026, 3, 4))
