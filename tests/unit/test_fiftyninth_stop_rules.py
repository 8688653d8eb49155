"""Rules of stop 59: from grading 65 (set 36), built before set 37 was read – a question's measured results, tables
laid out with blank lines, a multi-part question answered part by part – and from set 37's formats after its first
run – a cover sheet's numbered lists, a "Begründung:" after each question, a form's "Antwort:" placeholder, a
Haushaltsantrag's change table, a Betreff whose name stands on the next line."""

from __future__ import annotations

from datetime import date

from assistant.domain import Chunk, Passage
from assistant.drafting import lexicon as lx
from assistant.drafting.demands import deadlines
from assistant.drafting.ended import Decided
from assistant.drafting.gaps import table_statement
from assistant.drafting.outcomes import measured
from assistant.drafting.owned import share_of
from assistant.drafting.parts import asked_for
from assistant.inquiry import metadata
from assistant.inquiry.parse import find_questions, parse_inquiry
from assistant.kb.load import load
from assistant.text import sentences_of, table_rows
from tests.conftest import ROOT

REPORT_TABLE = (
    "Ergebnisse bis 30.09.2027:\n\nKennzahl | Wert\n\nMit ProtoKI protokollierte Sitzungen | 11\n\n"
    "Redaktionell geänderter Anteil des Entwurfs | 23 %\n\nFalsch zugeordnete Redebeiträge | 38 von 412\n\n"
    "Über einen Regelbetrieb entscheidet der Hauptausschuss am 19.01.2028."
)


def test_a_table_with_a_blank_line_between_its_rows_is_read_as_a_table() -> None:
    rows = table_rows(REPORT_TABLE)
    assert rows["Falsch zugeordnete Redebeiträge | 38 von 412"] == ("Falsch zugeordnete Redebeiträge", "38 von 412")
    assert len(rows) == 3  # the head "Kennzahl | Wert" is no row
    # a Markdown table's head above its rule starts a new table even after a blank line
    two = "| A | B |\n|---|---|\n| x | 1 |\n\n| C | D |\n|---|---|\n| y | 2 |"
    assert table_rows(two)["| y | 2 |"] == ("y", "D – 2")


def test_a_short_table_is_said_whole_with_its_column_heads_and_source() -> None:
    chunk = Chunk("documents/bericht.html#6", "documents/bericht.html", "document", "Sachstandsbericht", REPORT_TABLE)
    said = table_statement(Passage(chunk, 0.0))
    assert said is not None
    assert said.text.startswith("Im „Sachstandsbericht“ ist festgehalten: „Mit ProtoKI protokollierte Sitzungen (11)")
    assert "|" not in said.text and said.quote in chunk.text


def test_measured_results_are_changes_rates_and_samples_not_dates() -> None:
    assert measured("Die Dauer sank von 14,2 Arbeitstagen (2025, vor der Einführung) auf 6,5 Arbeitstage.")
    assert measured("Korrekt übertragene Angaben: 92,3 %")
    assert not measured("Der Pilot hat am 04.01.2027 begonnen und sollte am 30.06.2027 enden.")


def test_the_noun_a_part_asks_which_of_is_what_it_asks_for() -> None:
    assert asked_for("in welchen Ausschüssen wird ProtoKI eingesetzt") == {"ausschuss"}
    assert asked_for("Seit wann") == set()


def test_a_question_on_another_organisation_and_a_source_that_has_nothing() -> None:
    assert lx.OTHER_ORG.search("Welche KI-Anwendungen setzt das Jobcenter Region Hollerwede ein?")
    assert lx.OTHER_ORG.search("Welche KI-Anwendungen setzen die städtischen Gesellschaften ein?")
    assert not lx.OTHER_ORG.search("Welche KI-Anwendungen setzt die Regionsverwaltung ein?")
    assert lx.NO_DATA.search("Frau Brinkmann antwortet, dazu lägen der Verwaltung keine Angaben vor.")
    assert not lx.NO_DATA.search("Dazu liegen Angaben für 2026 vor.")


def test_titles_before_a_name_and_millions_end_no_sentence() -> None:
    text = "Leiter ist Ltd. Branddirektor Stefan Wöhler. Das kostet 5 Mio. Euro. Prof. Dr. Meier spricht."
    assert sentences_of(text) == [
        "Leiter ist Ltd. Branddirektor Stefan Wöhler.",
        "Das kostet 5 Mio. Euro.",
        "Prof. Dr. Meier spricht.",
    ]


COVERED = """Drucksache Nr. 2027/1042
Anlagen
1. Schreiben der Fraktion vom 02.11.2027 (3 Seiten)
2. Antwort der Verwaltung vom 22.03.2027
Verteiler
1. Vorsitzender der Versammlung
2. Präsidentin (Büro)
3. Fraktionen und Gruppen
Wir fragen daher:
1. Welche KI-Anwendungen setzt die Verwaltung ein?
Begründung: Das zuletzt mitgeteilte Bild dürfte überholt sein.
2. Zum Textassistenten:
a) Wie viele Beschäftigte haben Zugang?
b) Welche Kosten sind angefallen?
Begründung: Ein Werkzeug für alle ist nur wirtschaftlich, wenn es genutzt wird.
3. Trifft es zu, dass er in den USA betrieben wird?
Antwort:
(wird von der Verwaltung ausgefüllt)
4. Wer entscheidet über die Freigabe?
"""


def test_a_cover_sheets_lists_are_no_questions_and_a_begruendung_is_no_part_of_one() -> None:
    found = {q.id: q.text for q in find_questions(COVERED)}
    assert found == {
        "1": "Welche KI-Anwendungen setzt die Verwaltung ein?",
        "2": "Zum Textassistenten:",
        "2a": "Wie viele Beschäftigte haben Zugang?",
        "2b": "Welche Kosten sind angefallen?",
        "3": "Trifft es zu, dass er in den USA betrieben wird?",
        "4": "Wer entscheidet über die Freigabe?",
    }


_ROWS = [
    "1 | 11104.4421000 | KI-Schulungen | 46.000 | +30.000 | 76.000 | Der Ansatz wird um 30.000 € erhöht. Die Mittel "
    "sind für Workshops zu verwenden.",
    "2 a) | 11104.4315000 (neu) | KI-Kooperationsfonds (neu) | – | +80.000 | 80.000 | Es wird eine neue "
    "Haushaltsposition für Zuschüsse an die Gemeinden eingerichtet.",
    "2 b) | – | +80.000 je Jahr | – | In der Finanzplanung werden für 2029 und 2030 jeweils 80.000 € vorgesehen.",
    "Deckungsvorschläge (Nr. 3):",
    "3 a) | 11101.4431100 | SitzungsSuche KI | 14.400 | −14.400 | 0 | Der Ansatz wird gestrichen; die Einführung "
    "wird zurückgestellt.",
    "3 b) | 11107.4431100 | KLARA | 10.680 | −8.900 | 1.780 | Der Ansatz wird auf die Pilotphase bis 29.02.2028 "
    "begrenzt.",
]
CHANGE_TABLE = "\n\n".join(
    [
        "Haushaltsantrag der FDP-Fraktion zum Entwurf des Haushaltsplans 2028\nDie Regionsversammlung beschließt, "
        "den Entwurf des Haushaltsplans 2028 wie folgt zu ändern.",
        "Lfd. Nr. | Produkt.Sachkonto | Bezeichnung | Ansatz (€) | Veränderung (€) | neuer Ansatz (€) | Änderung",
        *_ROWS,
        "Begründung:",
        "Zu Nr. 1: Die Beschäftigten brauchen praktische Übung.",
    ]
)


def test_a_change_tables_numbered_rows_are_the_demands_with_their_budget_lines() -> None:
    found = {q.id: q.text for q in parse_inquiry(CHANGE_TABLE).questions}
    assert found["1"].startswith("Haushaltsstelle 11104.4421000 (KI-Schulungen): Der Ansatz wird um 30.000 € erhöht.")
    # a row whose sentence names no money: its change column, said as the change it is
    assert found["2a"].startswith(
        "Haushaltsstelle 11104.4315000 (KI-Kooperationsfonds (neu)): Der Ansatz wird um 80.000 € erhöht (Spalte"
    )
    assert found["2b"] == "In der Finanzplanung werden für 2029 und 2030 jeweils 80.000 € vorgesehen."
    assert found["3"] == "Deckungsvorschläge (Nr. 3):"
    assert found["3a"].startswith("Haushaltsstelle 11101.4431100 (SitzungsSuche KI): Der Ansatz wird um 14.400 €")
    # a Beratungsfolge's numbered row ends in no sentence: no item
    assert find_questions("Beratungsfolge\n1 | Regionsversammlung | 14.12.2027 | Beantwortung (Ö)") == []


def test_a_betreff_s_aside_on_the_next_line_and_an_art_field_belong_to_the_head() -> None:
    lines = [
        "Art:           Anfrage gemäß § 15 GO-RV",
        "Betreff: KI-gestützte Posteingangsbearbeitung in der Ausländerbehörde",
        "(„MigraDoc Eingang“)",
        "",
    ]
    assert metadata.kind("\n".join(lines)) == "Anfrage"
    assert "MigraDoc Eingang" in (metadata.subject(lines) or "")


def test_what_holds_until_a_decision_is_stale_once_a_later_source_has_it_in_regular_operation() -> None:
    decided = Decided([(date(2027, 10, 31), ["MigraDoc Eingang"])])
    clause = "Bis zur Entscheidung wird der Pilot im bisherigen Umfang weitergeführt."
    title = "Evaluationsbericht Pilotbetrieb „MigraDoc Eingang“"
    assert decided.interim(clause, date(2027, 6, 11), title)
    assert decided.interim(clause, None, title)  # an undated report: the later source's regular operation decides
    assert not decided.interim(clause, date(2027, 11, 5), title)  # said after the decision
    assert not decided.interim(clause, date(2027, 6, 11), "Evaluationsbericht „RegioBot“")
    assert not decided.interim("Der Pilot wird im bisherigen Umfang weitergeführt.", date(2027, 6, 11), title)


def test_a_notes_breakdown_into_two_amounts_gives_the_applications_part_of_a_mixed_line() -> None:
    kb = load(ROOT / "eval" / "kbs" / "region-hollerwede")
    eingang = next(r for r in kb.inventory if r.get("id") == "HOL-KI-03")
    rows = {r.get("year"): r for r in kb.budget if r.get("budget_line") == "12203.4431100"}
    # "Fachverfahren 101.000 €; MigraDoc Eingang 38.400 € (12 × 3.200 €); keine Mittel für MigraDoc Bescheid; …"
    assert share_of(eingang, rows["2028"], kb) == 38400
    # "… MigraDoc Eingang: Einrichtung 38.000 € und Pilotentgelt 2 × 2.800 €": its part runs over two amounts
    assert share_of(eingang, rows["2026"], kb) is None


def test_a_report_due_at_a_sitting_in_a_month_is_a_deadline() -> None:
    text = "Die Regionspräsidentin legt jährlich, erstmals zu ihrer Sitzung im März 2028, einen KI-Bericht vor."
    assert [d.day for d in deadlines(text)] == [date(2028, 3, 31)]


def test_a_shared_rows_part_is_the_planned_one_not_a_unit_price_or_what_was_spent() -> None:
    kb = load(ROOT / "eval" / "kbs" / "region-hollerwede")
    holli = next(r for r in kb.inventory if r.get("id") == "HOL-KI-01")
    row = next(r for r in kb.budget if r.get("budget_line") == "11106.4429100" and r.get("year") == "2027")
    # "darin HOLLI-Regelbetrieb ab 01.09.2027 54.400 € (…); Ist HOLLI September 2027: 1.640 Konten × 4,00 € = …"
    assert share_of(holli, row, kb) == 54400
