"""Rules found on the seventeenth set (Bezirksamt Spreewiesen, Berlin) and on left-overs of the sixteenth: an
answer the model could not finish keeps its finished sentences; AI asked about at a place or occasion ("für die
Poststelle", "bei der Kommunalwahl") is the one application whose record names it; of one application, a measure
no source names ("Stromverbrauch") is no information, its evaluation no answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.drafting import finance
from assistant.drafting.citing import Register
from assistant.drafting.compose import parse_sentences
from assistant.drafting.demands import amounts
from assistant.drafting.facts import application_facts
from assistant.drafting.named import named_applications
from assistant.drafting.relevance import Coverage
from assistant.drafting.standing import provision
from assistant.drafting.subject import SubjectFinder, departments
from assistant.drafting.understand import Understanding
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from assistant.kb.chunk import chunks
from assistant.kb.load import load
from assistant.testing.fakes import FakeChatModel, copying_responder
from assistant.usecases.drafting import draft_inquiry
from tests.conftest import DEMO_KB, ROOT, fake_services


def test_an_answer_cut_off_at_the_token_limit_keeps_its_finished_sentences() -> None:
    text = (
        '{"saetze": [{"text": "Die Software \\"OrthoScout\\" wird seit 2025 genutzt.", "quelle": 2},'
        ' {"text": "Die Kosten betragen 5.000 € jährl'
    )
    sentences, problem = parse_sentences(text, 3)
    assert [(s.text, s.source) for s in sentences] == [('Die Software "OrthoScout" wird seit 2025 genutzt.', 2)]
    assert problem is not None and "unvollständig" in problem
    assert parse_sentences("Das weiß ich nicht.", 3) == ([], "Ausgabe des Sprachmodells war kein gültiges JSON")


class _KeywordEmbedder:
    """A fake embedder: one axis per keyword, so meaning is what the test says it is."""

    def __init__(self, *axes: str) -> None:
        self.axes = axes

    def _vector(self, text: str) -> list[float]:
        low = text.lower()
        raw = [float(low.count(word)) for word in self.axes] + [0.5]
        norm = sum(x * x for x in raw) ** 0.5
        return [x / norm for x in raw]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


GEESTENBROOK = ROOT / "eval" / "kbs" / "samtgemeinde-geestenbrook"


def test_ai_asked_about_at_a_place_or_occasion_is_the_one_application_used_there() -> None:
    understanding = Understanding(load(GEESTENBROOK), _KeywordEmbedder("post", "wahl", "feuerwehr"))  # type: ignore[arg-type]
    inquiry = parse_inquiry(
        "Anfrage\n\n"
        "1. Wie ist der Stand bei der Beschaffung der KI-Software für die Poststelle?\n"
        "2. Ist bei der Kommunalwahl am 13. September 2026 KI eingesetzt worden?\n"
        "3. Gibt es Überlegungen, KI auch bei unseren Freiwilligen Feuerwehren einzusetzen?\n"
        "4. Welche Mittel sind für KI im Vergleich zum Vorjahr vorgesehen?\n"
        "5. Welche Regeln gelten für die Eingabe personenbezogener Daten in KI?\n"
    )
    readings = understanding.read(inquiry)
    assert [readings[q].subject.applications for q in "12345"] == [
        ("SGG-KI-03",),  # its oversight names the Poststelle
        ("SGG-KI-10",),  # its end names the Kommunalwahl
        ("SGG-KI-09",),  # the Ortsfeuerwehren's module
        (),  # "im Vergleich" places nothing
        (),  # "für die Eingabe": not what is used there
    ]


def test_a_place_is_no_subject_where_another_application_is_closer_in_meaning() -> None:
    finder = Understanding(load(GEESTENBROOK), _KeywordEmbedder("kita")).finder  # type: ignore[arg-type]
    assert finder.in_setting("Ist bei der Kommunalwahl KI eingesetzt worden?") == ()


def test_of_one_application_an_unknown_measure_is_no_information_but_new_words_for_known_things_are() -> None:
    coverage = Coverage(list(chunks(load(GEESTENBROOK))))
    asked = "Wie hoch ist der jährliche Stromverbrauch, den der Betrieb von GeestChat verursacht?"
    assert coverage.unknown_focus(asked, by_parts=True) == ["Stromverbrauch"]  # "Strom" is nowhere
    for known in (
        "Welche Ergebnisse hat der Probebetrieb der KI-gestützten Winterdienstplanung beim Bauhof gebracht?",
        "Welche Ergebnisse hat die KI-gestützte Winterdienstplanung gebracht?",
    ):  # "Probe|betrieb", "Winterdienst|planung": what the sources call the pilot and the route planning
        assert coverage.unknown_focus(known, by_parts=True) == [], known


def test_an_evaluation_is_no_answer_to_a_measure_no_source_names(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(GEESTENBROOK)
    services.ensure_index(kb)
    inquiry = parse_inquiry("Anfrage\n\n1. Wie hoch ist der jährliche Stromverbrauch des Betriebs von GeestChat?\n")
    (answer,) = services.drafter(kb).run(inquiry)
    assert answer.status == "no_information"
    assert any("Stromverbrauch" in w for w in answer.warnings)


KLEINE_ANFRAGE = """Bezirksverordnetenversammlung Spreewiesen

KLEINE ANFRAGE

der Bezirksverordneten Johanna Wiesehöfer (Fraktion Bündnis 90/Die
Grünen)

vom 23.11.2026

Betreff: KI-gestützte Aktenzusammenfassung im Jugendamt („Aktenblick
Jugend“)

Das Jugendamt hat die Software im April bis zum 31.08.2026 erprobt.

1. Seit wann wird die Anwendung eingesetzt?
"""


def test_header_fields_that_go_on_in_the_next_line_and_no_deadline_from_a_preamble() -> None:
    inquiry = parse_inquiry(KLEINE_ANFRAGE)
    assert inquiry.sender == "Bezirksverordneten Johanna Wiesehöfer (Fraktion Bündnis 90/Die Grünen)"
    assert inquiry.date == "2026-11-23"
    assert inquiry.subject == "Aktenblick Jugend"  # the quoted name, closed on the next line
    assert inquiry.deadline is None  # "bis zum 31.08.2026" is the pilot's end, not the reply's
    asked = KLEINE_ANFRAGE.replace("1. Seit", "Ich bitte um Beantwortung bis zum 15.01.2027.\n\n1. Seit")
    assert parse_inquiry(asked).deadline == "2027-01-15"
    assert parse_inquiry(KLEINE_ANFRAGE.replace("vom 23.11.2026", "Frist: 20.12.2026")).deadline == "2026-12-20"


def test_fields_of_a_council_information_system_are_read_cell_by_cell() -> None:
    allris = (
        "Drucksache - DS/0031/VII\n\nBetreff: | Künstliche Intelligenz im Bezirksamt\n\n"
        "Initiator: | Fraktion der CDU | Verfasser: | Dr. Carsten Heinemann\n\nDatum: | 19.11.2026 | Aktenzeichen:\n\n"
        "Große Anfrage der Fraktion der CDU\n\n1. Welche KI-Anwendungen setzt das Bezirksamt ein?\n"
    )
    inquiry = parse_inquiry(allris)
    assert (inquiry.sender, inquiry.date, inquiry.subject) == (
        "Fraktion der CDU",
        "2026-11-19",
        "Künstliche Intelligenz im Bezirksamt",
    )
    motion = (
        "**Drucksache DS/0036/VII**\n**Antrag**\n**Initiator:** Fraktion Die Linke\n**Datum:** 24.11.2026\n\n"
        "## Menschen entscheiden über Menschen – KI-Moratorium im Jugendamt\n\n"
        "Die Bezirksverordnetenversammlung möge beschließen:\n\nDas Bezirksamt wird ersucht,\n\n"
        "1. den Einsatz auszusetzen;\n"
    )
    parsed = parse_inquiry(motion)
    assert (parsed.sender, parsed.subject) == (
        "Fraktion Die Linke",
        "Menschen entscheiden über Menschen – KI-Moratorium im Jugendamt",
    )


def test_an_office_called_amt_fuer_is_that_office_not_the_division_named_after_its_remit() -> None:
    spreewiesen = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    assert departments("im Jugendamt und im Amt für Soziales", spreewiesen) == ("JUG", "SOZ")
    assert departments("im Teilhabefachdienst des Amtes für Soziales", spreewiesen) == ("SOZ",)


def test_an_amounts_own_fuer_names_its_purpose_and_fees_to_a_provider_are_operations() -> None:
    demand = (
        "den KI-Textassistenten bis zum 01.03.2027 für alle Beschäftigten mit Bildschirmarbeitsplatz freizuschalten "
        "und für die Entgelte an das ITDZ Berlin ab 2027 jährlich 60.000 € bereitzustellen;"
    )
    (found,) = amounts(demand, "", 2026)
    assert found.purposes == ("operations",)  # not the "Bildschirm" of whom it is for


def test_a_row_that_says_it_is_no_ai_money_is_none() -> None:
    general = {"title": "Aus- und Fortbildung – Fortbildungsbudget, kein KI-Bezug", "note": ""}
    assert not finance.ai_money(general, set())  # type: ignore[arg-type]
    assert finance.ai_money({"title": "Fortbildung KI-Kompetenz", "note": ""}, set())  # type: ignore[arg-type]


def test_a_demand_is_about_the_titles_application_only_where_it_speaks_of_it(tmp_path: Path) -> None:
    motion = (
        "Antrag der SPD-Fraktion vom 26.11.2026\n\nBeKI für alle – KI-Kompetenz im Bezirksamt stärken\n\n"
        "Die Bezirksverordnetenversammlung möge beschließen:\n\nDas Bezirksamt wird ersucht,\n\n"
        "1. eine verpflichtende KI-Grundschulung für alle Beschäftigten einzuführen;\n"
        "2. zum 01.04.2027 in der Serviceeinheit IT eine KI-Kompetenzstelle einzurichten;\n"
        "3. eine Auswertung der Nutzung vorzulegen;\n"
    )
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    services.ensure_index(kb)
    answers = {a.question_id: a for a in services.drafter(kb).run(parse_inquiry(motion))}
    beki = "inventory:SPW-KI-01"
    assert beki not in {c.source_id for c in answers["1"].citations}  # training has its own object
    assert beki not in {c.source_id for c in answers["2"].citations}  # "in der Serviceeinheit IT" names no app
    assert beki in {c.source_id for c in answers["3"].citations}  # its evaluation is on its record


def test_a_share_asked_is_answered_by_a_percentage_and_a_count_not_by_a_purpose(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    services.ensure_index(kb)
    inquiry = parse_inquiry(
        "Kleine Anfrage\n\nBetreff: FallResümee Jugend\n\n"
        "1. Wie hoch ist der Anteil der Zusammenfassungen, die wesentlich korrigiert werden mussten?\n"
        "2. Wie viele Sorgeberechtigte haben der Verarbeitung widersprochen oder Auskunft nach Art. 15 DSGVO "
        "verlangt?\n"
        "3. Wie stuft das Bezirksamt seine KI-Anwendungen nach der KI-Verordnung der EU ein?\n"
    )
    answers = {a.question_id: a for a in services.drafter(kb).run(inquiry)}
    assert "8,7 %" in answers["1"].text  # "Anteil" is what a percentage is of, no unknown word
    assert answers["2"].status == "no_information"  # no source counts them; the purpose is no answer
    assert any("Art. 15 DSGVO verlangt" in w for w in answers["2"].warnings)  # "Art." ends no ask
    assert answers["3"].status != "no_information"  # "der EU" frames the question


def test_posts_for_ai_are_the_budgets_personnel_rows_with_their_notes(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    services.ensure_index(kb)
    inquiry = parse_inquiry("Anfrage\n\n1. Welche Stellen sind im Bezirksamt für KI-Aufgaben vorhanden oder geplant?\n")
    (answer,) = services.drafter(kb).run(inquiry)
    assert "Für Personal sind im Haushaltsjahr 2027 insgesamt 87.100 Euro veranschlagt" in answer.text
    assert "„1,0 Stelle E 12 KI-Koordination (besetzt seit 01.03.2026)“" in answer.text
    assert "Zu den Ansätzen 2029 und 2030 auf der Haushaltsstelle 4305/42801 ist vermerkt" in answer.text


def test_a_demand_sharing_a_word_with_an_applications_name_is_not_about_it_unless_closest_in_meaning() -> None:
    spreewiesen = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    demand = "bis zum 31.12.2026 ein öffentliches KI-Register auf der Internetseite des Bezirksamts zu veröffentlichen"
    register = SubjectFinder(spreewiesen, _KeywordEmbedder("register", "verschlagwort"))  # type: ignore[arg-type]
    assert register.find(demand) == ("SPW-KI-02",)  # the chatbot "… auf der Internetseite des Bezirksamts"
    assert "SPW-KI-02" not in named_applications(demand, spreewiesen, register)
    chatbot = SubjectFinder(spreewiesen, _KeywordEmbedder("internetseite"))  # type: ignore[arg-type]
    assert "SPW-KI-02" in named_applications(demand, spreewiesen, chatbot)


def test_an_answer_cut_off_is_partial_with_its_finished_sentences(tmp_path: Path) -> None:
    cut = '{"saetze": [{"text": "Die Nutzung generativer KI ist für die Beschäftigten freiwillig.", "quelle": 1}, {"te'
    services = fake_services(FakeChatModel([cut]), tmp_path)
    inquiry = parse_inquiry("1. Ist die Nutzung generativer KI für die Beschäftigten freiwillig?\n")
    (answer,) = draft_inquiry(services, inquiry, DEMO_KB).answers
    assert answer.status == "partial"  # the rest of the model's answer is missing
    assert any("unvollständig" in w for w in answer.warnings)


def test_a_trials_status_says_how_the_register_notes_it_was_changed() -> None:
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    (row,) = [r for r in kb.inventory if r.get("id") == "SPW-KI-03"]
    facts = application_facts([row], ["status"], kb, Register(), date(2026, 12, 5))
    said = " ".join(facts.sentences)
    assert "Die Erprobung ist bis zum 28.02.2027 vorgesehen" in said
    assert "vermerkt: „mit BA-Beschluss Nr. 233/2026 vom 25.08.2026 verlängert bis 28.02.2027" in said
    assert "Lizenz 1.580 €" not in said  # only the clauses that say how it changed


def test_a_principles_run_in_label_leads_its_quote() -> None:
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    (chunk,) = [c for c in chunks(kb) if "**G 1 – " in c.text]
    assert provision(chunk, "KI-Anwendungen unterstützen die Beschäftigten.") == "Nach G 1 KI-Grundsätze gilt: "


def test_no_budget_row_marked_without_ai_relation_stands_under_financial_effects(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    services.ensure_index(kb)
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-spreewiesen-beki-kompetenz.docx")
    answers = services.drafter(kb).run(parse_inquiry(read.text, read.name))
    said = " ".join(a.text for a in answers)
    assert "kein KI-Bezug" not in said and "189.000" not in said and "2.089.300" not in said


def test_a_sachstand_sentence_whose_subject_is_in_the_sentence_before_is_not_quoted_alone(tmp_path: Path) -> None:
    services = fake_services(FakeChatModel(responder=copying_responder), tmp_path)
    kb = load(ROOT / "eval" / "kbs" / "bezirk-spreewiesen")
    services.ensure_index(kb)
    read = read_inquiry(ROOT / "eval" / "inquiries" / "motion-spreewiesen-moratorium-register.md")
    answers = services.drafter(kb).run(parse_inquiry(read.text, read.name))
    assert not any("Sachstand: Ihm gehören an" in a.text or ". Ihm gehören an" in a.text for a in answers)
