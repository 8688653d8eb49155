"""Rules found on the fifteenth set (Stadt Lauterbrück, Rheinland-Pfalz): a figure stated in a table under
its section heading is stated; a participle before a noun describes it and is not the counted event; a
figure question joined to a yes/no question asks more than the figure; a rule's sentence that a list
completes is quoted with its items; money for the measures of another demand is compared with the rows
that demand's object names; an amount for extending a system is not compared with its running costs
when the demand names those apart; a trial's original end and a pending decision give way to a later
decision; an earlier reply's statements under a rule since lapsed are left out; which application came first or
last into operation is compared in code; a sentence that names another application, and not the one a question is
about, does not answer it; a demand without money says where the motion names it; a question that opens a
new section does not take the application of the one before; "wie viele Stellen" retrieves the budget's posts;
"im Regelbetrieb" is regular operation, not a trial; "Welche Regelungen gelten?" gets every rule with its
validity; "Wie wird … genutzt?" is answered with the evaluation's counts; what a document says of a budget line
by its number stands beside the line's figures; "wie lange" is answered only by a span of time or an end; a
rule's clause number ("8.2 Die Nutzung …") states no figure; a training row naming an application is training money;
an earlier reply's further sentences say they are from it; what follows a trial is its status with the
recorded change; an application is named in full once per answer; a strong participle with its auxiliary
("sind … beschieden") is the counted event."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from assistant.domain import Answer, Chunk, Passage
from assistant.drafting.asked_figures import asks, events, states_figure
from assistant.drafting.citing import Register
from assistant.drafting.classify import statuses
from assistant.drafting.overtaken import Overtaken
from assistant.drafting.standing import lapsed_rules, listed, on_lapsed_rule
from assistant.drafting.verify import Checked
from assistant.drafting.wording import later_name
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.text import sentences_of
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import ROOT, fake_services
from tests.unit.test_motions import compared, demand_of

LAUTERBRUECK = ROOT / "eval" / "kbs" / "stadt-lauterbrueck"
TODAY = date(2026, 12, 5)


def _drafted(tmp_path: Path, text: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    kb = tmp_path / "kb"
    shutil.copytree(LAUTERBRUECK, kb)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    answers = draft_inquiry(services, parse_inquiry(text, "anfrage.txt"), kb).answers
    return {a.question_id: (a.status, a.text, a.warnings) for a in answers}


def _motion(tmp_path: Path, name: str) -> dict[str, Answer]:
    """The Stellungnahme to each demand of one of set 15's motions, drafted with the fake model."""
    read = read_inquiry(ROOT / "eval" / "inquiries" / name)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    answers = draft_inquiry(services, parse_inquiry(read.text, read.name), LAUTERBRUECK).answers
    return {a.question_id: a for a in answers}


def test_a_figure_in_a_table_under_its_heading_is_stated_and_a_participle_before_a_noun_is_no_event(
    tmp_path: Path,
) -> None:
    """ "| E-Learning … | 1.530 Beschäftigte |" under "5 Qualifizierung" counts the trained staff; the
    "vorgeschriebenen" of "die vorgeschriebenen KI-Schulungen" is not what was done."""
    assert events("Wie viele Beschäftigte haben die vorgeschriebenen KI-Schulungen absolviert") == []
    assert events("Wie viele Eigentümer haben Widerspruch eingelegt") == [("ein", "leg")]
    text = (
        "Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n"
        "1. Wie viele Beschäftigte haben die vorgeschriebenen KI-Schulungen absolviert?\n"
        "2. Wie viele Stellen wurden für KI-Aufgaben geschaffen, und sind weitere vorgesehen?\n"
    )
    drafts = _drafted(tmp_path, text)
    assert drafts["1"][0] != "no_information" and drafts["2"][0] != "no_information"


def test_a_rule_s_sentence_that_a_list_completes_is_quoted_with_its_items() -> None:
    rule = (
        "7.4 Über Erprobung und Einführung entscheidet\n"
        "a) die Amtsleitung bei KI-Systemen mit minimalem Risiko,\n"
        "b) der Oberbürgermeister bei KI-Systemen mit hohem Risiko.\n"
        "Die Zuständigkeit des Stadtrates bleibt unberührt."
    )
    chunk = Chunk("d#1", "documents/richtlinie.md", "document", "Richtlinie", rule, {})
    lead = "Über Erprobung und Einführung entscheidet"
    text, quote = listed(chunk, lead, lead)
    assert text == (
        "Über Erprobung und Einführung entscheidet a) die Amtsleitung bei KI-Systemen mit minimalem Risiko, "
        "b) der Oberbürgermeister bei KI-Systemen mit hohem Risiko."
    )
    assert quote in rule and quote.endswith("hohem Risiko.") and "unberührt" not in quote
    whole = "Die Zuständigkeit des Stadtrates bleibt unberührt."
    assert listed(chunk, whole, whole) == (whole, whole)  # a full sentence takes nothing along


def _motion_amounts(name: str, demand: str) -> list[tuple[int, list[str], dict[int, int]]]:
    read = read_inquiry(ROOT / "eval" / "inquiries" / name)
    inquiry = parse_inquiry(read.text, read.name)
    question = inquiry.question(demand)
    found = compared(demand_of(question, inquiry, TODAY), question, inquiry, load(LAUTERBRUECK))
    return [(c.amount.euros, sorted(c.lines), dict(c.planned)) for c in found]


def test_money_for_another_demand_s_measure_is_compared_with_the_rows_its_object_names() -> None:
    """ "Für die Veröffentlichung nach Nr. 1 … 40.000 € und ab 2028 jährlich 8.000 €, für die Fortbildung nach
    Nr. 3 … 120.000 €": Nr. 1 asks for "ein Verzeichnis", the budget's "KI-Register im Transparenzportal";
    "der Stadtverwaltung" in Nr. 1 does not name "Lotte – … der Stadtverwaltung"."""
    found = _motion_amounts("motion-lauterbrueck-transparenz-grenzen.txt", "4")
    assert found[0] == (40000, ["111400.527140"], {2027: 14000})
    assert found[1] == (8000, ["111400.527140"], {2028: 2400, 2029: 2400})
    assert found[2][1] == ["111300.526100", "111300.527130"]


def test_money_for_extending_a_system_is_not_compared_with_its_running_costs_named_apart() -> None:
    """ "Für den Ausbau … einmalig 75.000 € und für den Betrieb … jährlich 25.000 €": the extension's rows
    for the one, the row "Brücki – Betrieb …" for the other."""
    found = _motion_amounts("motion-lauterbrueck-bruecki-buergerservice.html", "3")
    assert found[0] == (75000, ["122300.527111", "122300.527112"], {2027: 4500})
    assert found[1][:2] == (25000, ["122300.527110"])


def test_a_trial_s_original_end_and_a_decision_pending_are_overtaken_by_a_later_decision() -> None:
    """The report of 12.10.2026 says the trial runs to 31.03.2027 and the decision comes "im April 2027";
    the memo of 24.11.2026 records the decision and calls 31.03.2027 the original end."""
    later = [
        "Pilot ursprünglich bis 31.03.2027; nach Beschluss des Stadtvorstands vom 24.11.2026 Regelbetrieb ab "
        "01.01.2027",
        "Der Stadtvorstand hat am 24.11.2026 beschlossen, ElterngeldCheck zum 01.01.2027 in den Regelbetrieb zu "
        "überführen.",
    ]
    check = Overtaken(later, TODAY)
    report = date(2026, 10, 12)
    assert check.overtaken("Die Erprobung läuft bis zum 31.03.2027.", report, plans_only=True)
    pending = "Über eine Überführung in den Regelbetrieb wird nach Abschluss der Pilotphase im April 2027 entschieden."
    assert check.overtaken(pending, report, plans_only=True)
    assert not check.overtaken("Über die Beschaffung wird im April 2027 entschieden.", report, plans_only=True)


def test_an_earlier_reply_s_statements_under_a_rule_since_lapsed_are_left_out(tmp_path: Path) -> None:
    """The reply of 09.12.2025: "Nach der Dienstanweisung Nr. 4/2024 dürfen Beschäftigte ChatGPT … nutzen.
    Derzeit sind 243 Beschäftigte registriert." The Dienstanweisung ended on 31.01.2026."""
    kb = load(LAUTERBRUECK)
    lapsed = lapsed_rules(kb, TODAY)
    assert lapsed == frozenset({"4/2024"})
    assert on_lapsed_rule("Nach der Dienstanweisung Nr. 4/2024 dürfen Beschäftigte ChatGPT nutzen.", lapsed)
    assert not on_lapsed_rule("Im Doppelhaushalt 2025/2026 sind 351.000 € veranschlagt.", lapsed)
    answers = _motion(tmp_path, "motion-lauterbrueck-transparenz-grenzen.txt").values()
    assert not any("243 Beschäftigte" in a.text or "dürfen Beschäftigte ChatGPT" in a.text for a in answers)


def test_which_application_came_first_and_which_last_is_compared_in_code(tmp_path: Path) -> None:
    text = (
        "Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n1. Welche der im Regelbetrieb befindlichen Anwendungen "
        "ist am längsten im Einsatz, und welche wurde zuletzt in den Regelbetrieb übernommen?\n"
        "2. Welche Anwendung wurde zuletzt eingestellt?\n"
    )
    drafts = _drafted(tmp_path, text)
    status, answer, _ = drafts["1"]
    assert status == "answered" and answer.startswith("Von den im KI-Verzeichnis im Regelbetrieb erfassten")
    assert "E-Mail-Schutz" in answer and "02.10.2023" in answer and "Lotte" in answer and "15.09.2025" in answer
    assert "Papierkörbe" not in answer  # a test, not in regular operation
    assert "Zuletzt in Betrieb genommen" not in drafts["2"][1]  # an end, not a start


def test_a_sentence_about_another_application_does_not_answer_a_question_about_this_one(tmp_path: Path) -> None:
    """The report's section names Lotte and ElterngeldCheck; "Wie geht es nach dem Ende der Erprobung
    weiter?" in a Kleine Anfrage on ElterngeldCheck is not answered with Lotte's trial."""
    text = (
        "Kleine Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\nBetreff: ElterngeldCheck\n\n"
        "1. Wie geht es nach dem Ende der Erprobung weiter?\n"
    )
    assert "Lotte" not in _drafted(tmp_path, text)["1"][1]


def test_a_demand_without_money_says_where_the_motion_names_it(tmp_path: Path) -> None:
    """Nr. 4 of the Grüne/Volt motion names the money for Nr. 1 and Nr. 3; the others none."""
    answers = {q: a.text for q, a in _motion(tmp_path, "motion-lauterbrueck-transparenz-grenzen.txt").items()}
    assert "Finanzielle Auswirkungen: Unter Nr. 4 beziffert der Antrag die Kosten hierfür." in answers["1"]
    assert "Der Antrag beziffert hierzu keine Kosten (Beträge nennt er unter Nr. 4)." in answers["5"]


def test_a_question_opening_a_new_section_does_not_take_the_application_of_the_one_before(tmp_path: Path) -> None:
    text = (
        "Große Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n"
        "I. Bürgerservice\n\n1. Plant die Verwaltung, den Bahnhofsvorplatz mit KI-gestützter Videoanalyse zu "
        "überwachen?\n\n"
        "II. Personal und Beteiligung\n\n2. Wie viele Beschäftigte haben die vorgeschriebenen KI-Schulungen "
        "absolviert?\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    readings = services.drafter(load(LAUTERBRUECK)).read(parse_inquiry(text, "anfrage.txt"))
    assert readings["1"].subject.applications == ("LB-KI-07",)
    assert readings["2"].subject.applications == ()


def test_in_regular_operation_is_not_on_trial() -> None:
    assert statuses("Welche KI-Anwendungen setzt die Stadtverwaltung derzeit im Regelbetrieb ein?") == ("production",)
    assert statuses("Welche Anwendungen sind im Einsatz?") == ("production", "pilot", "test")
    assert statuses("Wann wird ElterngeldCheck in den Regelbetrieb überführt?") == ()  # the step, not the state


def test_a_question_after_the_rules_in_general_gets_every_rule_with_its_validity(tmp_path: Path) -> None:
    text = (
        "Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n1. Welche verwaltungsinternen Regelungen gelten für den "
        "Einsatz von KI, seit wann gelten sie, und welche frühere Regelung wurde dadurch abgelöst?\n"
    )
    answer = _drafted(tmp_path, text)["1"][1]
    assert "(KI-Rahmenrichtlinie)“ gilt seit dem 01.02.2026" in answer and "(DV KI)“ gilt seit dem 01.07.2025" in answer
    lapsed = "„Dienstanweisung Nr. 4/2024 – Nutzung generativer KI-Dienste“ galt vom 01.05.2024 bis zum 31.01.2026"
    assert lapsed in answer


def test_how_an_application_is_used_is_answered_with_its_evaluation(tmp_path: Path) -> None:
    text = (
        "Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n1. Wie wird der Chatassistent „Brücki“ genutzt, zu "
        "welchen Themen gibt er Auskunft, und in wie vielen Sprachen antwortet er?\n"
    )
    assert "52.300 Dialoge, 69 %" in _drafted(tmp_path, text)["1"][1]


def test_what_a_later_memo_says_of_a_budget_line_stands_beside_the_draft_budget(tmp_path: Path) -> None:
    """The draft budget has 9.600 € a year; the memo of 24.11.2026 names the line and the need of 13.800 €."""
    text = (
        "Kleine Anfrage der Fraktion im Stadtrat vom 20.11.2026\n\n1. Welche Kosten sind für ElterngeldCheck bisher "
        "angefallen, und mit welchen jährlichen Kosten rechnet die Verwaltung künftig?\n"
    )
    answer = _drafted(tmp_path, text)["1"][1]
    assert (
        "Zur Haushaltsstelle 343100.527110 ist im Dokument „Aktenvermerk vom 24.11.2026 – ElterngeldCheck – " in answer
    )
    assert "„Bedarf ab 2027: 13.800 EUR jährlich -> Mehrbedarf 4.200 EUR in 2027 und 2028" in answer


def test_how_long_is_answered_only_by_a_span_of_time_or_an_end(tmp_path: Path) -> None:
    """ "…, wie lange Bürgerinnen und Bürger … auf einen Termin im Bürgerbüro warten": no source states a
    waiting time; "seit dem 04.11.2024 … Bürgerbüro" or "22 Termine" is no answer."""
    wait = "wie lange Bürgerinnen und Bürger derzeit durchschnittlich auf einen Termin im Bürgerbüro warten"
    assert asks(f"Die Verwaltung legt dar, {wait}.")[0].duration
    answers = _motion(tmp_path, "motion-lauterbrueck-bruecki-buergerservice.html")
    assert answers["6"].status == "no_information"
    assert any(w.startswith("Im Antrag erfragt, in keiner Quelle beziffert: wie lange") for w in answers["6"].warnings)


def test_a_rule_s_clause_number_states_no_figure() -> None:
    assert not states_figure("8.2 Die Nutzung öffentlich zugänglicher generativer KI-Dienste ist unzulässig.")
    assert states_figure("Zum 30.09.2026 waren 1.460 Nutzerkonten freigeschaltet.")


def test_a_training_row_naming_an_application_is_training_money_for_a_training_demand(tmp_path: Path) -> None:
    """2026's "Fortbildung KI-Kompetenz (Präsenzseminare „Lotte im Arbeitsalltag“, …)" is no row of Lotte's
    for "Alle Beschäftigten … absolvieren jährlich mindestens acht Stunden verpflichtende Fortbildung"."""
    answer = _motion(tmp_path, "motion-lauterbrueck-transparenz-grenzen.txt")["3"].text
    assert "2026 32.000 Euro für „Fortbildung KI-Kompetenz" in answer


def test_each_sentence_of_an_earlier_reply_says_it_is_from_that_reply(tmp_path: Path) -> None:
    """ "In ihrer Antwort vom 09.12.2025 …: Seit dem Start … 41.800 Dialoge …" and then "Brücki antwortet auf
    Deutsch, Englisch und Türkisch." alone read as today's languages (five since 01.03.2026)."""
    kb = load(LAUTERBRUECK)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    drafter = services.drafter(kb)
    chunk = next(c for c in chunks(kb) if c.kind == "answer" and "41.800 Dialoge" in c.text)
    first = next(s for s in sentences_of(chunk.text) if "41.800 Dialoge" in s)
    said = drafter._quoter.with_paragraph(Checked(text=first, passage=Passage(chunk, 1.0), quote=first), Register(), "")
    assert said[0].startswith("In ihrer Antwort vom 09.12.2025 hat die Verwaltung mitgeteilt:")
    languages = [s for s in said if "Englisch und Türkisch" in s]
    assert languages and all(s.startswith("Ferner hieß es dort:") for s in languages)


def test_what_follows_a_trial_is_its_status_with_the_recorded_change(tmp_path: Path) -> None:
    # "Wie geht es … weiter?" asks the status; a pilot's recorded change (the contract's
    # discontinued_reason: why it was changed or stopped) says what follows the trial.
    text = (
        "Anfrage zu ElterngeldCheck\n\n1. Seit wann wird ElterngeldCheck erprobt?\n"
        "2. Wie geht es mit ElterngeldCheck nach dem Ende der Erprobung weiter?\n"
    )
    _, answer, _ = _drafted(tmp_path, text)["2"]
    assert "Regelbetrieb ab 01.01.2027" in answer
    assert "Beschluss des Stadtvorstands vom 24.11.2026" in answer


def test_an_application_is_named_in_full_once_per_answer(tmp_path: Path) -> None:
    text = "Anfrage zu ElterngeldCheck\n\n1. Wer ist Anbieter von ElterngeldCheck, und seit wann wird es eingesetzt?\n"
    _, answer, _ = _drafted(tmp_path, text)["1"]
    full = "„ElterngeldCheck – KI-gestützte Vollständigkeitsprüfung von Elterngeldanträgen“"
    assert answer.count(full) == 1
    assert "Die Anwendung „ElterngeldCheck“ ist seit dem 01.04.2026" in answer


def test_a_short_name_drops_only_a_subtitle() -> None:
    assert later_name("BioScan – KI-gestützte Fehlwurferkennung (Pilot)") == "BioScan"
    assert later_name("Chatbot „Frag Falk“") == "Chatbot „Frag Falk“"
    assert later_name("Textassistenz MusterGPT") == "Textassistenz MusterGPT"
    assert later_name("KI – Assistent") == "KI – Assistent"  # too short a head to stand alone


def test_a_strong_participle_with_its_auxiliary_is_the_counted_event() -> None:
    assert events("Wie viele Elterngeldanträge sind derzeit noch nicht beschieden?") == [("", "beschied")]
    # at a subordinate clause's end without an auxiliary, "-en" is the finite verb
    assert events("wie die Beschäftigten die Qualität der Übersetzungen beurteilen.") == []
