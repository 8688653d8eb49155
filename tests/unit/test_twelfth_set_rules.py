"""Rules found on the twelfth set (Landkreis Rottachgau, a kameralistic budget): a post the draft budget
creates is planned for a demanded post, a category without rows gives way to the line whose title names the
things the amount is for, and the Vermögenshaushalt is the investive budget."""

from __future__ import annotations

from pathlib import Path

from assistant.drafting import finance
from assistant.drafting.demands import amounts
from assistant.kb.load import load
from tests.conftest import ROOT

ROTTACHGAU = ROOT / "eval" / "kbs" / "landkreis-rottachgau"


def test_a_post_the_draft_budget_creates_is_planned_for_a_demanded_post_but_an_existing_one_is_not() -> None:
    kb = load(ROTTACHGAU)
    demand = (
        "Zum 01.01.2027 wird eine Stelle einer oder eines KI-Beauftragten geschaffen; hierfür werden jährlich "
        "90.000 Euro veranschlagt."
    )
    (amount,) = amounts(demand, "", 2027)
    compared = finance.compare(amount, kb, demand)
    assert (compared.planned[2027], compared.planned[2028]) == (42500, 87000)
    assert compared.lines == ("1.0200.4140",)
    later = amounts(demand.replace("2027", "2028"), "", 2028)[0]  # the line exists from 2027: not new in 2028
    assert finance.compare(later, kb, demand).planned[2028] == 0


def test_a_category_without_rows_gives_way_to_the_line_whose_title_names_what_the_amount_is_for() -> None:
    kb = load(ROTTACHGAU)
    demand = (
        "Im Haushaltsplan 2027 werden für die Beschaffung der Kamerasysteme und die Erstbefahrung im "
        "Vermögenshaushalt 150.000 Euro veranschlagt."
    )
    (amount,) = amounts(demand, "", 2026)
    compared = finance.compare(amount, kb, demand)
    assert compared.lines == ("2.6500.9350",) and compared.additional == {2027: 21600}
    assert all(r.get("kind") == "investive" for r in compared.rows)  # the Vermögenshaushalt, not the licence


def test_lettered_items_that_complete_a_demands_last_clause_are_demands_of_their_own() -> None:
    from assistant.inquiry.parse import find_questions

    text = (
        "1. Den Gemeinden wird angeboten, ihre Straßen erfassen zu lassen. Dazu ist\n"
        "   a) im Vertrag eine Abrufmöglichkeit vorzusehen,\n"
        "   b) sicherzustellen, dass die Gemeinden die Kosten tragen.\n"
        "2. Im Haushalt sind Mittel bereitzustellen. Dafür sind folgende Platzhalter einzustellen:\n"
        "   a) 2 Stellen\n"
        "   b) 100.000 Euro pro Jahr\n"
    )
    found = [(q.id, q.asks) for q in find_questions(text, motion=True)]
    assert found == [("1", False), ("1a", True), ("1b", True), ("2", True)]  # a list the demand announces: one


def test_list_items_under_a_lead_in_without_a_colon_are_quoted_with_it() -> None:
    from assistant.drafting.gaps import _items

    body = (
        "Ausgeschlossen sind\n\n"
        "1. der Erlass von Verwaltungsakten ohne Prüfung durch eine Sachbearbeiterin,\n"
        "2. die Bewertung von Personen nach ihrem vermuteten Verhalten (Scoring), insbesondere zur Aufdeckung "
        "von Leistungsmissbrauch,\n\n"
        "Die Leitlinie gilt ab dem 01.03.2026.\n"
        "3. der Einsatz ohne Zustimmung des Personalrats,\n"  # under a sentence: no lead-in
    )
    found = _items(body)
    assert set(found.values()) == {"Ausgeschlossen sind"} and len(found) == 2


def test_how_something_has_developed_asks_no_vendor() -> None:
    from assistant.drafting.classify import columns

    assert "vendor" not in columns("Wie hat sich die Zeit bis zur Vollständigkeitsbestätigung entwickelt?")
    assert "vendor" in columns("Von wem wurde die Software entwickelt?")
    assert "vendor" in columns("Wer hat den Chatbot entwickelt?")


def test_beside_the_application_a_question_calls_by_name_none_found_only_by_its_purpose() -> None:
    from assistant.drafting.subject import SubjectFinder

    finder = SubjectFinder(load(ROTTACHGAU))
    question = "Welche Prüfschritte übernimmt PlanPilot, und wer entscheidet über Nachforderungen von Unterlagen?"
    assert finder.find(question) == ("RG-05",)  # not the two DokuLotse, whose purpose names Nachforderungen


def test_the_dpia_column_gives_the_day_the_record_names() -> None:
    from assistant.drafting.listing import _dpia

    assert _dpia({"dpia": "done", "source": "Leistungsschein LS-7; DSFA vom 22.04.2026; Zustimmung PR"}) == (
        "durchgeführt (22.04.2026)"
    )
    assert _dpia({"dpia": "done", "source": "Vertrag vom 01.02.2026"}) == "durchgeführt"  # another day: none
    assert _dpia({"dpia": "not_required", "source": "DSFA vom 22.04.2026"}) != "durchgeführt (22.04.2026)"


def test_within_the_meaning_of_a_law_is_no_focus_the_knowledge_base_must_know() -> None:
    from assistant.drafting.relevance import Coverage
    from assistant.kb.chunk import chunks

    coverage = Coverage(chunks(load(ROTTACHGAU)))
    question = "Welche Anwendungen stuft das Landratsamt als Hochrisiko-KI-Systeme im Sinne der KI-Verordnung ein?"
    assert coverage.unknown_focus(question) == []


def test_a_motions_title_is_the_line_before_its_salutation() -> None:
    from assistant.inquiry.metadata import subject

    title = "Kreisstraßen digital erfassen - StraßenBlick jetzt zügig umsetzen"
    lines = ["FREIE WÄHLER", "Haslach, 26.01.2027", "", "Antrag zu den Haushaltsberatungen 2027", title, ""]
    lines.append("Sehr geehrter Herr Landrat,")
    assert subject(lines) == "Kreisstraßen digital erfassen - StraßenBlick jetzt zügig umsetzen"
    assert subject(["Herrn Landrat Martin Haslinger", "Sehr geehrter Herr Landrat,"]) is None  # an address
    assert subject(["Waldrottach, 26.01.2027", "Sehr geehrter Herr Landrat,"]) is None


def test_a_memos_note_without_a_verb_is_quoted_as_what_its_section_records() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.gaps import notes_of as _notes

    chunk = Chunk(
        "v#6", "documents/v.md#6", "document", "Vergabevermerk StraßenBlick", "…", {"section": "5. Förderung"}
    )
    found = _notes(Passage(chunk, 1.0), ["Förderantrag nach dem Förderprogramm KIKom vom 30.10.2026.", "Siehe oben."])
    assert found == {
        "Förderantrag nach dem Förderprogramm KIKom vom 30.10.2026.": "Im „Vergabevermerk StraßenBlick“ ist zu "
        "„Förderung“ festgehalten: „Förderantrag nach dem Förderprogramm KIKom vom 30.10.2026.“"
    }


def test_a_demand_of_a_motion_on_a_named_application_keeps_to_its_department(tmp_path: Path) -> None:
    from assistant.testing.fakes import FakeChatModel
    from tests.conftest import FIXED_TODAY, fake_services

    services = fake_services(FakeChatModel(), tmp_path)
    services.today = FIXED_TODAY
    drafter = services.drafter(load(ROTTACHGAU))
    assert drafter._statements.scope("Kreisstraßen digital erfassen - StraßenBlick jetzt zügig umsetzen") == ("SG42",)


def test_a_standing_sentence_whose_figures_the_data_gave_is_not_repeated() -> None:
    from assistant.drafting.pipeline import _told

    said = ["Die Anwendung „PlanPilot“ ist seit dem 01.07.2026 im Pilotbetrieb [1]."]
    assert _told("Die Anwendung „PlanPilot“ befindet sich seit dem 01.07.2026 im Pilotbetrieb [3].", said)
    assert not _told("Die Erprobung ist bis zum 30.06.2027 vorgesehen [2].", said)
    assert not _told("Eine KI-Leitlinie gibt es.", said)  # no figure: never told


def test_an_applications_dpia_sentence_gives_the_day_its_record_names_and_cites_that_line() -> None:
    from datetime import date

    from assistant.drafting.citing import Register
    from assistant.drafting.facts import application_facts

    kb = load(ROTTACHGAU)
    record = next(r for r in kb.inventory if r.get("id") == "RG-03")
    register = Register()
    found = application_facts([record], ("dpia",), kb, register, date(2026, 12, 4))
    assert "Datenschutz-Folgenabschätzung durchgeführt (vom 14.09.2026) [1]." in found.sentences[0]
    assert "DSFA vom 14.09.2026" in register.citations[0].quote


def test_minutes_name_no_speaker_and_a_report_announced_is_no_sachstand() -> None:
    from assistant.drafting.gaps import ASKED, plain

    said = "Der Landrat gibt bekannt: Die öffentliche Fassung des KI-Verzeichnisses wird am 01.07.2027 veröffentlicht."
    assert plain(said) == "Die öffentliche Fassung des KI-Verzeichnisses wird am 01.07.2027 veröffentlicht."
    assert ASKED.search("Der Leiter des Sachgebiets 42, Herr Kögel, berichtet über das Ergebnis der Ausschreibung.")
    assert ASKED.search("Kreisrat Fischer (Freie Wähler) fragt nach einer Beteiligung der Gemeinden.")
    assert not ASKED.search("Die Verwaltung berichtet dem Ausschuss jährlich über den Stand.")  # a duty, not minutes


def test_a_motions_title_names_departments_by_the_noun_after_the_units_number_or_their_alias() -> None:
    from assistant.drafting.subject import departments

    kb = load(ROTTACHGAU)
    title = "Grundrechte schützen – klare Regeln für Künstliche Intelligenz in Ausländerbehörde und Jobcenter"
    assert departments(title, kb, title=True) == ("SG21", "SG32")  # "(Ausländerbehörde)", "… Jobcenter …"
    # a question's words: the unit's number still hides the noun "Jobcenter"; "Ausländerbehörde", a unit called by
    # what it is, names the one department whose name has the word (since set 26: "Wohngeldstelle", "Bauaufsicht")
    assert departments(title, kb) == ("SG21",)


def test_a_quoted_stand_in_answer_names_no_speaker_of_the_minutes() -> None:
    from datetime import date

    from assistant.domain import Chunk, Passage, Question
    from assistant.drafting.gaps import Gaps
    from assistant.drafting.understand import Understanding
    from assistant.inquiry.parse import parse_inquiry

    kb = load(ROTTACHGAU)
    text = (
        "Der Landrat gibt bekannt: Die öffentliche Fassung des KI-Verzeichnisses wird am 01.07.2027 mit dem "
        "Relaunch der Internetseite veröffentlicht. Das bisherige Redaktionssystem kann die Einträge nicht "
        "barrierefrei darstellen."
    )
    chunk = Chunk("n#2", "documents/n.md#2", "document", "Niederschrift", text, {"section": "TOP 4"})
    inquiry = parse_inquiry("1. Wann wird das KI-Verzeichnis öffentlich zugänglich gemacht?\n", "a.txt")
    question: Question = inquiry.questions[0]
    reading = Understanding(kb, None, date(2026, 12, 4)).read(inquiry)[question.id]
    found = Gaps(kb, date(2026, 12, 4)).extract(question, reading, [Passage(chunk, 1.0)], lambda quote: 1.0)
    assert found is not None and found[0].text.startswith("Die öffentliche Fassung des KI-Verzeichnisses")
