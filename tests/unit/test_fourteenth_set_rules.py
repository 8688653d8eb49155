"""Rules found on the fourteenth set (Landkreis Trebelland, Mecklenburg-Vorpommern): a question that asks
only for a figure no source states is answered "keine Erkenntnisse", not with the nearest figures; under a
heading without a subject, "diese Vorhaben" are the ones the question before listed; "seit Anfang 2025" is
a time, not what is asked; a year's Ist is said only when every line has one."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from assistant.inquiry.parse import parse_inquiry
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import ROOT, fake_services

TREBELLAND = ROOT / "eval" / "kbs" / "landkreis-trebelland"
TODAY = date(2026, 12, 4)


def _drafted(tmp_path: Path, text: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    kb = tmp_path / "kb"
    shutil.copytree(TREBELLAND, kb)
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path, today=TODAY)
    answers = draft_inquiry(services, parse_inquiry(text, "anfrage.txt"), kb).answers
    return {a.question_id: (a.status, a.text, a.warnings) for a in answers}


def _one(tmp_path: Path, question: str) -> str:
    """The draft of an inquiry that asks only ``question``."""
    return _drafted(tmp_path, f"Anfrage der Fraktion im Kreistag vom 20.11.2026\n\n1. {question}\n")["1"][1]


FIGURES = """Kleine Anfrage der Fraktion im Kreistag vom 20.11.2026

Betreff: Luftbildauswertung mit OrthoScout Kataster

1. Wie viele Grundstückseigentümer haben gegen diese Fortführungen Widerspruch erhoben?

2. Wie viele Veränderungshinweise hat OrthoScout Kataster bisher erzeugt?

3. Welche Mehreinnahmen bei der Grundsteuer haben die Gemeinden infolge dieser Fortführungen erzielt?

4. Bitte die Zahl der seit Inbetriebnahme erzeugten und der bestätigten Hinweise aufschlüsseln.

5. Wie hat sich die Zahl der Widersprüche gegen Fortführungen seit Beginn entwickelt?
"""


def test_a_question_asking_only_for_a_figure_no_source_states_gets_no_nearby_figures(tmp_path: Path) -> None:
    drafts = _drafted(tmp_path, FIGURES)
    status, text, warnings = drafts["1"]
    assert status == "no_information" and "keine Erkenntnisse" in text and "5.870" not in text
    # the clerk is told what no source holds: the figure, or the word for what it counts
    assert any(w.startswith("In der Anfrage erfragt, in keiner Quelle") for w in warnings), warnings
    assert "5.870" in drafts["2"][1]  # what the evaluation does count is still answered
    assert drafts["3"][0] == "no_information"  # "welche Mehreinnahmen" asks an amount as "wie hoch" does
    assert "5.870" in drafts["4"][1]  # "die Zahl der … Hinweise": the evaluation counts them ("seit" is no date asked)
    assert drafts["5"][0] == "no_information"  # "Wie hat sich die Zahl der Widersprüche entwickelt?": none counted


ENDED = """Anfrage der Fraktion im Kreistag vom 20.11.2026

Betreff: KI in der Kreisverwaltung

1. Beendete Vorhaben
   a) Welche KI-Vorhaben wurden seit Anfang 2025 beendet oder nach einer Erprobung nicht weitergeführt?
   b) Aus welchen Gründen, und welche Kosten sind für diese Vorhaben jeweils angefallen?

2. Welche Mittel sind im Haushalt 2026 für KI veranschlagt?
"""


def test_ended_projects_under_a_heading_are_listed_and_only_their_costs_given(tmp_path: Path) -> None:
    drafts = _drafted(tmp_path, ENDED)
    listed = drafts["1a"]
    assert listed[0] == "answered" and "2 Anwendungen als eingestellt" in listed[1]  # not "keine Erkenntnisse"
    costs = drafts["1b"][1]
    assert "OrthoScout Bau" in costs and "Sprachbot Zulassungshotline" in costs
    assert "für 11 Anwendungen" not in costs  # not the whole inventory's sum
    assert "Als Grund für die Einstellung der Anwendung „OrthoScout Bau" in costs and "61 von 1.126" in costs
    budget = drafts["2"][1]
    assert "274.150 Euro" in budget and "bisher ausgegeben sind 0 Euro" not in budget  # one line of many has an Ist


MOTION = """SPD-Fraktion im Kreistag

ANTRAG
zur Sitzung des Kreistages am 17.12.2026 (Haushaltsberatungen 2027)
Federführend: Ausschuss für Organisation, Personal und Digitales

Rund um die Uhr erreichbar – die digitale Kreisauskunft „Kranich“ ausbauen

Der Kreistag möge beschließen:

1. Für die Erweiterung werden im Haushalt 2027 einmalig 60.000 € und ab 2028 für den Betrieb jährlich 20.000 €
bereitgestellt.

2. Das KI-Labor wird verstetigt:
   a) Es wird bis zum 31.12.2028 fortgeführt.
   b) Für seinen Betrieb werden in den Jahren 2027 und 2028 jeweils 30.000 € bereitgestellt.

Begründung: Die Bürgerinnen und Bürger erwarten einen besseren Service.
"""


def test_a_motion_s_title_is_the_line_before_its_resolution_and_names_whose_money_a_demand_means() -> None:
    from assistant.drafting.statement import compared, demand_of
    from assistant.kb.load import load

    inquiry = parse_inquiry(MOTION, "antrag.txt")
    assert inquiry.subject == "Rund um die Uhr erreichbar – die digitale Kreisauskunft „Kranich“ ausbauen"
    kb = load(TREBELLAND)

    def lines(question_id: str) -> list[tuple[dict[int, int], tuple[str, ...]]]:
        question = inquiry.question(question_id)
        found = compared(demand_of(question, inquiry, TODAY), question, inquiry, kb)
        return [(dict(c.planned), c.lines) for c in found]

    # the title's application: its extension line for "die Erweiterung", its running line for "den Betrieb"
    assert lines("1") == [({2027: 12000}, ("11110.562510",)), ({2028: 18000}, ("11110.562500",))]
    assert lines("2b") == [({2027: 4500, 2028: 0}, ("11140.562610",))]  # the lead-in's lab, not the SOC line


def test_lettered_rules_that_are_sentences_of_their_own_are_demands_of_their_own() -> None:
    text = """Antrag der Fraktion im Kreistag vom 20.11.2026

Ethische Kontrolle von KI sichern

Der Kreistag möge beschließen:

1. Beim Kreistag wird bis zum 31.01.2027 ein KI-Ethikbeirat eingerichtet. Für den Beirat gilt:
   a) Ihm gehören neun Mitglieder an.
   b) Ohne sein Votum darf keine KI-Anwendung eingeführt werden.

2. Der Beirat erhält ein eigenes Budget. Im Haushalt sind folgende Mittel einzustellen:
   a) Sitzungsgelder: 10.000 Euro pro Jahr
   b) Gutachten: 30.000 Euro pro Jahr

Begründung: Vertrauen braucht Kontrolle.
"""
    inquiry = parse_inquiry(text, "antrag.txt")
    assert [q.id for q in inquiry.answerable()] == ["1a", "1b", "2"]  # the money's parts stay one demand
    from assistant.drafting.statement import demand_of

    own = demand_of(inquiry.question("1b"), inquiry, TODAY)
    assert [d.day for d in own.deadlines] == [date(2027, 1, 31)]  # the lead-in's deadline, not "keine Frist"


def test_a_sentence_opening_with_its_clause_number_is_cited_as_a_clerk_cites_it(tmp_path: Path) -> None:
    answer = _one(
        tmp_path, "Ist den Beschäftigten die dienstliche Nutzung frei zugänglicher KI-Dienste wie ChatGPT gestattet?"
    )
    assert answer.startswith("Nach Nr. 5.2 KI-Leitlinie gilt: Die Nutzung öffentlich zugänglicher")
    assert "5.2 Die Nutzung" not in answer


SECTIONS = """Kleine Anfrage der Fraktion im Kreistag vom 24.11.2026

Betreff: KI-Auswertung von Luftbildern („OrthoScout“)

I. Zur Anwendung im Fachdienst Kataster und Vermessung

1. Seit wann ist sie im Einsatz?

II. Zum Pilotvorhaben „OrthoScout Bau“ der unteren Bauaufsichtsbehörde

2. Aus welchen Gründen wurde es beendet?

III. Kosten

3. Zu den Kosten:
   a) Welche Kosten sind für OrthoScout Kataster bisher entstanden?
   b) Welche Mittel sind für 2027 und 2028 eingeplant?
"""


def test_a_section_heading_names_the_application_and_sub_questions_go_on_with_the_one_before() -> None:
    from assistant.drafting.understand import Understanding
    from assistant.kb.load import load

    kb = load(TREBELLAND)
    names = {r.get("id"): r.get("name") for r in kb.inventory}
    readings = Understanding(kb, None, TODAY).read(parse_inquiry(SECTIONS, "anfrage.txt"))
    about = {qid: [names[i].split(" – ")[0] for i in r.subject.applications] for qid, r in readings.items()}
    assert about["1"] == ["OrthoScout Kataster"]  # the one application the heading's unit runs
    assert about["2"] == ["OrthoScout Bau"]  # not the sibling named by the question before
    assert about["3b"] == ["OrthoScout Kataster"]  # a) named it; the heading "Zu den Kosten:" names none


def test_beside_high_risk_applications_those_not_yet_classified_are_named(tmp_path: Path) -> None:
    answer = _one(tmp_path, "Welche Anwendungen stuft die Verwaltung als Hochrisiko-KI-Systeme ein?")
    assert answer.startswith("Im KI-Verzeichnis der Verwaltung ist derzeit keine Anwendung erfasst, die als")
    assert "Noch nicht nach der KI-Verordnung eingestuft sind „KATI Sozial" in answer
