"""Rules found on the sixteenth set (Samtgemeinde Geestenbrook, Niedersachsen): a hard-wrapped paragraph is one
line again, so its sentences are quoted whole; a list of places that includes the whole administration asks about
all of it; a title wrapped over two lines is the Betreff; the one application a named department runs is what a
question about AI there asks about, and a figure names no department; an amount that refers back ("Hierfür …")
takes its kind from the sentence before; money a demand names for AI is compared with the AI rows of its kind, not
the whole staff's; an application's money in other years is not replaced by other applications' rows, and is named
with its line; money for AI applications adds up the AI rows only; tested without being introduced is
discontinued, and "jeweils" over them answers each; whatever is asked of a discontinued application says that it
ended and why; a table's next row is no note on a budget line; a paragraph that opens on another application is
no Sachstand of a demand on a department's work; "wie hoch" a consumption is no money, and names what it
measures; no costs gap beside a stated amount."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting import finance_sentences
from assistant.drafting.asked_figures import events
from assistant.drafting.citing import Register
from assistant.drafting.classify import Intent, columns, intents, statuses
from assistant.drafting.demands import amounts
from assistant.drafting.gaps import COST_GAP, Gaps
from assistant.drafting.subject import asked_units
from assistant.drafting.understand import Understanding
from assistant.formats.read import read_inquiry
from assistant.formats.unwrap import unwrap
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import ROOT, fake_services
from tests.unit.test_motions import compared, demand_of

GEESTENBROOK = ROOT / "eval" / "kbs" / "samtgemeinde-geestenbrook"


def test_a_hard_wrapped_paragraph_is_one_line_and_blocks_stay_apart() -> None:
    text = (
        "7.1 Die Verwaltung erarbeitet eine Digitalisierungsstrategie mit KI-Leitlinien und legt sie dem Rat\n"
        "bis zum 30.06.2027 vor. Für die Begleitung sind im Entwurf 2027 8.000 € veranschlagt.\n"
        "\n"
        "Stadt Musterstadt\n"
        "Datum: 24.11.2026\n"
        "Über die Erprobung und die Einführung neuer KI-Anwendungen entscheidet dabei jeweils\n"
        "a) die Amtsleitung,\n"
        "- Option: Erweiterung um weitere Wissensbereiche, je Wissensbereich einmalig 2.400 EUR brutto\n"
        "Nicht Gegenstand des Auftrags: eine Telefonie-Schnittstelle.\n"
        "(1) Daten, die bei der Nutzung von KI-Systemen entstehen, dürfen nicht zur Leistungs- und\n"
        "Verhaltenskontrolle der Beschäftigten verwendet werden.\n"
        "| Haushaltsstelle | Ansatz 2027 ohne Punkt am Ende und lang genug für eine Zeile |\n"
        "| 11140.443400 | 8.000 € |\n"
    )
    lines = unwrap(text).split("\n")
    assert lines[0].endswith(
        "legt sie dem Rat bis zum 30.06.2027 vor. Für die Begleitung sind im Entwurf 2027 8.000 € veranschlagt."
    )
    assert "Stadt Musterstadt" in lines and "Datum: 24.11.2026" in lines  # short lines end where they end
    assert "a) die Amtsleitung," in lines  # a list item starts its own line
    assert "Nicht Gegenstand des Auftrags: eine Telefonie-Schnittstelle." in lines  # a new paragraph after an item
    assert any(
        line.endswith("zur Leistungs- und Verhaltenskontrolle der Beschäftigten verwendet werden.") for line in lines
    )
    assert "| 11140.443400 | 8.000 € |" in lines


def test_the_whole_administration_among_the_places_asks_about_all_of_it() -> None:
    kb = load(GEESTENBROOK)
    everywhere = (
        "Welche KI-Anwendungen sind in der Samtgemeindeverwaltung, im Bauhof, in den Kindertagesstätten und im "
        "Eigenbetrieb Abwasser derzeit im Einsatz?"
    )
    assert asked_units(everywhere, kb) == ()
    assert asked_units("Welche KI-Anwendungen sind im Bauhof im Einsatz?", kb) == ("BH",)


def test_an_amount_that_refers_back_takes_its_kind_from_the_sentence_before() -> None:
    text = (
        "5. Zur Erarbeitung einer KI-Strategie für die Samtgemeinde wird ein externes Beratungsunternehmen "
        "beauftragt. Hierfür werden im Haushalt 2027 einmalig 15.000 EUR bereitgestellt."
    )
    assert [a.purposes for a in amounts(text, "", 2027)] == [("consulting",)]


def test_money_for_ai_training_is_not_the_whole_staffs_training_and_an_applications_money_stays_its_own() -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-geestenbrook-ki-assistenz.txt")
    inquiry = parse_inquiry(read.text, read.name)
    kb = load(GEESTENBROOK)
    today = date(2026, 12, 1)
    training = compared(demand_of(inquiry.question("2b"), inquiry, today), inquiry.question("2b"), inquiry, kb)
    assert [c.lines for c in training] == [("11120.442900",)]  # not "Allgemeine Aus- und Fortbildung"
    copilot = compared(demand_of(inquiry.question("1"), inquiry, today), inquiry.question("1"), inquiry, kb)
    assert [(c.planned, c.lines) for c in copilot] == [({2027: 0, 2028: 0, 2029: 0, 2030: 0}, ())]


def test_a_title_wrapped_over_two_lines_is_the_betreff() -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "holdout-geestenbrook-anfrage-ki.pdf")
    inquiry = parse_inquiry(read.text, read.name)
    assert inquiry.subject == "Künstliche Intelligenz in der Samtgemeindeverwaltung – Überblick, Kosten und Regeln"


def test_the_one_application_a_named_department_runs_is_asked_about_and_a_figure_names_no_department() -> None:
    kb = load(GEESTENBROOK)
    text = (
        "Anfrage\n\n1. Welche Ergebnisse hat der Probebetrieb der KI-gestützten Winterdienstplanung beim Bauhof "
        "gebracht?\n2. Wie lange warten Bürgerinnen und Bürger im Bauhof auf einen Termin?\n"
    )
    readings = Understanding(kb, today=date(2026, 12, 5)).read(parse_inquiry(text, "a.txt"))
    assert readings["1"].subject.applications == ("SGG-KI-05",)
    assert readings["2"].subject.applications == ()  # a department's work, not its AI
    falkenried = load(ROOT / "eval" / "kbs" / "holdout-falkenried")  # department "50", amount "50.000 Euro"
    assert asked_units("jährlich 50.000 Euro für externe Beratung", falkenried) == ()


def test_an_applications_money_only_in_other_years_is_named_with_its_line() -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-geestenbrook-ki-assistenz.txt")
    inquiry = parse_inquiry(read.text, read.name)
    kb = load(GEESTENBROOK)
    (copilot,) = compared(
        demand_of(inquiry.question("1"), inquiry, date(2026, 12, 1)), inquiry.question("1"), inquiry, kb
    )
    assert [r.get("budget_line") for r in copilot.elsewhere] == ["11140.442510"]
    said = " ".join(finance_sentences.sentences(copilot, Register()))
    assert "Auf der Haushaltsstelle 11140.442510" in said and "2026 2.600 Euro" in said
    assert "Ab 2027 sind dafür keine Mittel veranschlagt" in said and "2030" not in said


def test_money_for_ai_applications_adds_up_the_ai_rows_only(tmp_path: Path) -> None:
    text = "Anfrage\n\n1. Welche Mittel sind für KI-Anwendungen im Haushaltsjahr 2026 und im Entwurf 2027 vorgesehen?\n"
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 12, 5))
    (answer,) = draft_inquiry(services, parse_inquiry(text, "a.txt"), GEESTENBROOK).answers
    # not the IT levy, the general training or the staff costs whose title names AI only in brackets
    assert "Für KI-Anwendungen sind im Haushaltsjahr 2026 insgesamt 50.660 Euro veranschlagt" in answer.text
    assert "2027 insgesamt 113.780 Euro" in answer.text


def test_tested_without_introducing_is_discontinued_and_jeweils_answers_each() -> None:
    asked = "Welche KI-Anwendungen hat die Verwaltung getestet, ohne sie anschließend dauerhaft einzuführen?"
    assert statuses(asked) == ("discontinued",)
    assert columns("Was gab jeweils den Ausschlag, auf eine Einführung zu verzichten?") == ("discontinued_reason",)
    kb = load(GEESTENBROOK)
    text = (
        f"Anfrage\n\n1. Seit wann nutzt die Verwaltung KI?\n2. {asked}\na) Um welche Anwendungen handelt es sich?\n"
        "b) Was gab jeweils den Ausschlag, auf eine Einführung zu verzichten?\n"
    )
    readings = Understanding(kb, today=date(2026, 12, 5)).read(parse_inquiry(text, "a.txt"))
    assert readings["2b"].subject.applications == ("SGG-KI-02", "SGG-KI-10", "SGG-KI-11")


def test_whatever_is_asked_of_a_discontinued_application_says_it_ended_and_why(tmp_path: Path) -> None:
    text = (
        "Anfrage\n\n1. Soll Microsoft 365 Copilot allen Beschäftigten zur Verfügung gestellt werden, und mit "
        "welchen jährlichen Kosten wäre eine solche Ausstattung verbunden?\n2. Wer ist zuständig?\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 12, 5))
    answer = draft_inquiry(services, parse_inquiry(text, "a.txt"), GEESTENBROOK).answers[0]
    assert "wurde am 31.07.2026 eingestellt" in answer.text
    assert "rund 49.900 € jährlich" in answer.text  # the reason names the cost of equipping everyone
    # a table's next row is another budget line's, not a note on this one
    assert "11140.443400" not in answer.text


def test_a_word_split_at_a_lines_end_is_joined_and_a_shared_part_keeps_its_hyphen() -> None:
    text = (
        "Für die Beschaffung der Server und der Lizenzen für die Verwaltungs-\n"
        "software sind im Haushalt 2027 Mittel veranschlagt worden und werden ab Januar\n"
        "abgerufen. Die Mittel sind im Haushalt 2027 und im Entwurf für 2028 je für Hard-\n"
        "und Software vorgesehen.\n"
    )
    assert unwrap(text) == (
        "Für die Beschaffung der Server und der Lizenzen für die Verwaltungssoftware sind im Haushalt 2027 Mittel "
        "veranschlagt worden und werden ab Januar abgerufen. Die Mittel sind im Haushalt 2027 und im Entwurf für "
        "2028 je für Hard- und Software vorgesehen.\n"
    )


def test_a_minutes_paragraph_on_another_application_is_no_sachstand_of_a_departments_demand(tmp_path: Path) -> None:
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-geestenbrook-daseinsvorsorge.docx")
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=date(2026, 12, 5))
    answers = draft_inquiry(services, parse_inquiry(read.text, read.name), GEESTENBROOK).answers
    sewer = next(a for a in answers if a.question_id == "5").text  # the Eigenbetrieb's sewer inspection
    assert "KanalBlick" in sewer
    assert "Ortsfeuerwehren" not in sewer  # the minutes' paragraph on FeuerAssist's schedule


def test_how_high_a_consumption_is_no_money_and_names_what_is_measured() -> None:
    asked = "Wie hoch ist der jährliche Stromverbrauch, den der Betrieb von GeestChat im Rechenzentrum verursacht?"
    assert intents(asked)[0] is Intent.COUNT
    assert ("", "stromverbrauch") in events(asked)
    assert intents("Wie hoch sind die jährlichen Kosten?")[0] is Intent.AMOUNT
    assert events("Wie hoch sind die jährlichen Kosten") == []


def test_no_costs_gap_beside_a_stated_amount() -> None:
    said = ["Lizenzkosten für alle 148 Bildschirmarbeitsplätze rund 49.900 € jährlich [2]."]
    assert Gaps.data_gaps([COST_GAP], said) == []
    assert Gaps.data_gaps([COST_GAP], ["Die Anwendung wurde eingestellt [1]."]) == [
        "Angaben zu den Kosten sind im KI-Verzeichnis nicht erfasst."
    ]
